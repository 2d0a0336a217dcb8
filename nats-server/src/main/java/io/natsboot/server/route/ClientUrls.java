package io.natsboot.server.route;

import io.natsboot.server.options.ServerOptions;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * The {@code host:port} URLs clients can reach this server at, as INFO {@code connect_urls} lists them: the client
 * advertise address when set, else the listen address, and for a wildcard listen address every non-loopback
 * address of the machine (nats-server does the same).
 */
public final class ClientUrls {

    private ClientUrls() {
    }

    public static List<String> of(ServerOptions options, int boundPort) {
        String advertise = options.getClientAdvertise();
        if (advertise != null && !advertise.isEmpty()) {
            return List.of(advertise.contains(":") && !advertise.startsWith("[") && advertise.indexOf(':')
                    == advertise.lastIndexOf(':') ? advertise : advertise + ":" + boundPort);
        }
        String host = options.getHost();
        if (!host.equals("0.0.0.0") && !host.equals("::") && !host.isEmpty()) {
            return List.of(hostPort(host, boundPort));
        }
        List<String> urls = new ArrayList<>();
        try {
            for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
                if (!nic.isUp() || nic.isLoopback()) {
                    continue;
                }
                for (InetAddress a : Collections.list(nic.getInetAddresses())) {
                    if (!a.isLinkLocalAddress()) {
                        urls.add(hostPort(a instanceof Inet6Address ? stripScope(a.getHostAddress())
                                : a.getHostAddress(), boundPort));
                    }
                }
            }
        } catch (SocketException e) {
            // fall back to loopback below
        }
        if (urls.isEmpty()) {
            urls.add(hostPort("127.0.0.1", boundPort));
        }
        return urls;
    }

    private static String stripScope(String address) {
        int percent = address.indexOf('%');
        return compress(percent < 0 ? address : address.substring(0, percent));
    }

    /** RFC 5952 text of a full IPv6 address ({@code fd00:0:0:0:0:0:0:2} → {@code fd00::2}), as Go prints it. */
    static String compress(String full) {
        String[] groups = full.split(":");
        if (groups.length != 8) {
            return full;
        }
        int bestStart = -1;
        int bestLength = 1; // a single zero group is not shortened
        for (int i = 0; i < 8; ) {
            if (!groups[i].equals("0")) {
                i++;
                continue;
            }
            int j = i;
            while (j < 8 && groups[j].equals("0")) {
                j++;
            }
            if (j - i > bestLength) {
                bestStart = i;
                bestLength = j - i;
            }
            i = j;
        }
        if (bestStart < 0) {
            return full;
        }
        String head = String.join(":", Arrays.copyOfRange(groups, 0, bestStart));
        String tail = String.join(":", Arrays.copyOfRange(groups, bestStart + bestLength, 8));
        return head + "::" + tail;
    }

    private static String hostPort(String host, int port) {
        return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
    }
}
