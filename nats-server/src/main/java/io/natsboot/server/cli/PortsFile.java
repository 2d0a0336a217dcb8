package io.natsboot.server.cli;

import io.natsboot.server.options.ServerOptions;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The content of the {@code --ports_file_dir} file, as nats-server writes it:
 * {@code {"nats":["nats://127.0.0.1:4222"],"monitoring":["http://127.0.0.1:8222"],"cluster":[...]}}. A listener bound
 * to a wildcard address is listed once per address of every interface that is up (IPv4 and IPv6), like nats-server;
 * absent listeners are left out.
 */
final class PortsFile {

    private PortsFile() {
    }

    static String json(ServerOptions options, Main.ServerHandle server) {
        StringBuilder sb = new StringBuilder("{");
        append(sb, "nats", urls("nats", options.getHost(), server.port()));
        if (server.httpPort() >= 0) {
            String host = options.getHttpHost() != null ? options.getHttpHost() : options.getHost();
            append(sb, "monitoring", urls("http", host, server.httpPort()));
        }
        if (server.clusterPort() >= 0) {
            String host = options.getCluster().getHost() != null ? options.getCluster().getHost() : "0.0.0.0";
            append(sb, "cluster", urls("nats", host, server.clusterPort()));
        }
        return sb.append('}').toString();
    }

    private static void append(StringBuilder sb, String key, List<String> urls) {
        if (sb.length() > 1) {
            sb.append(',');
        }
        sb.append('"').append(key).append("\":[");
        sb.append(urls.stream().map(u -> '"' + escape(u) + '"').collect(Collectors.joining(",")));
        sb.append(']');
    }

    static List<String> urls(String scheme, String host, int port) {
        List<String> urls = new ArrayList<>();
        for (String h : hosts(host)) {
            urls.add(scheme + "://" + (h.indexOf(':') >= 0 ? "[" + h + "]" : h) + ":" + port);
        }
        return urls;
    }

    private static List<String> hosts(String host) {
        String h = host == null ? "" : host.trim();
        if (h.startsWith("[") && h.endsWith("]")) {
            h = h.substring(1, h.length() - 1);
        }
        if (!(h.isEmpty() || h.equals("0.0.0.0") || h.equals("::") || h.equals("::0"))) {
            return List.of(h);
        }
        List<String> all = new ArrayList<>();
        try {
            List<NetworkInterface> up = NetworkInterface.networkInterfaces()
                    .filter(PortsFile::isUp)
                    .sorted(Comparator.comparingInt(NetworkInterface::getIndex))
                    .collect(Collectors.toList());
            for (NetworkInterface nic : up) {
                List<InetAddress> addresses = nic.inetAddresses()
                        .sorted(Comparator.comparingInt(a -> a instanceof Inet6Address ? 1 : 0))
                        .collect(Collectors.toList());
                for (InetAddress a : addresses) {
                    String text = a.getHostAddress();
                    int zone = text.indexOf('%');
                    all.add(compress(zone >= 0 ? text.substring(0, zone) : text, a));
                }
            }
        } catch (SocketException e) {
            // fall back to the loopback address below
        }
        return all.isEmpty() ? List.of("127.0.0.1") : all;
    }

    private static boolean isUp(NetworkInterface nic) {
        try {
            return nic.isUp();
        } catch (SocketException e) {
            return false;
        }
    }

    /** Java writes IPv6 in full ({@code 0:0:0:0:0:0:0:1}); nats-server writes it compressed ({@code ::1}). */
    private static String compress(String text, InetAddress address) {
        if (!(address instanceof Inet6Address)) {
            return text;
        }
        String[] groups = text.split(":");
        int bestStart = -1;
        int bestLength = 1;
        for (int i = 0; i < groups.length; i++) {
            int j = i;
            while (j < groups.length && groups[j].equals("0")) {
                j++;
            }
            if (j - i > bestLength) {
                bestStart = i;
                bestLength = j - i;
            }
        }
        if (bestStart < 0) {
            return text;
        }
        String head = String.join(":", Arrays.copyOfRange(groups, 0, bestStart));
        String tail = String.join(":", Arrays.copyOfRange(groups, bestStart + bestLength, groups.length));
        return head + "::" + tail;
    }

    private static String escape(String s) {
        return s.replace("\\", "\\\\").replace("\"", "\\\"");
    }
}
