package io.natsboot.server.test;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The top-level fields of an INFO line, name to raw JSON value, in the order sent: for comparing two servers' INFO. */
public final class InfoFields {

    private static final Pattern FIELD = Pattern.compile("\"([a-z_]+)\":(\"[^\"]*\"|[^,}]*)");

    private InfoFields() {
    }

    public static Map<String, String> of(String infoLine) {
        Map<String, String> out = new LinkedHashMap<>();
        Matcher m = FIELD.matcher(infoLine);
        while (m.find()) {
            out.put(m.group(1), m.group(2));
        }
        return out;
    }
}
