package io.natsboot.server.conformance;

import io.natsboot.server.test.RawClient;
import java.util.ArrayList;
import java.util.List;

/** Splits what a server sent into its ops: one control line each, with the payload of a MSG or HMSG. */
final class ServerOps {

    private ServerOps() {
    }

    static List<String> split(String text) {
        List<String> ops = new ArrayList<>();
        int i = 0;
        while (i < text.length()) {
            if (text.startsWith(RawClient.CLOSED, i)) {
                ops.add(RawClient.CLOSED);
                i += RawClient.CLOSED.length();
                continue;
            }
            int lf = text.indexOf("\r\n", i);
            if (lf < 0) {
                ops.add(text.substring(i));
                break;
            }
            int end = lf + 2;
            String line = text.substring(i, lf);
            int payload = payloadSize(line);
            if (payload >= 0) {
                end = Math.min(text.length(), end + payload + 2);
            }
            ops.add(text.substring(i, end));
            i = end;
        }
        return ops;
    }

    // MSG <subject> <sid> [reply] <size>  |  HMSG <subject> <sid> [reply] <hdr> <total>
    private static int payloadSize(String line) {
        if (!line.startsWith("MSG ") && !line.startsWith("HMSG ")) {
            return -1;
        }
        String[] args = line.trim().split(" +");
        try {
            return Integer.parseInt(args[args.length - 1]);
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
