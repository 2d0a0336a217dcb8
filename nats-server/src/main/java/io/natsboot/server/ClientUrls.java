package io.natsboot.server;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The {@code host:port} URLs clients can reach this server at, as INFO {@code connect_urls} lists them: the client
 * advertise address when set, else the listen address, and for a wildcard listen address every non-loopback
 * address of the machine (nats-server does the same).
 */
final class ClientUrls {

    private ClientUrls() {
    }

    static List<String> of(ServerOptions options, int boundPort) {
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
        return percent < 0 ? address : address.substring(0, percent);
    }

    private static String hostPort(String host, int port) {
        return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
    }
}
