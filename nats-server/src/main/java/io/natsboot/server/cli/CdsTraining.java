package io.natsboot.server.cli;

import io.natsboot.server.NatsServer;
import io.natsboot.server.options.ServerOptions;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.Key;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * The workload the build runs once under {@code -XX:ArchiveClassesAtExit} to write {@code nats-server.jsa}, the
 * class-data sharing archive the documented launch command uses: the process prepared as {@code Main} prepares it,
 * the program as {@code nats-server -c} starts it (client listener with TLS offered, cluster listener, monitor), a
 * plain and a TLS client, a second node that routes to it with a message across the route, and the monitor pages.
 * Everything a first client, a first TLS client and a first route load is then read from the archive rather than
 * loaded, linked and verified class by class. Not part of the server: it exits the JVM when done.
 */
public final class CdsTraining {

    private static final long WAIT_NANOS = TimeUnit.SECONDS.toNanos(20);
    private static final String CONNECT = "CONNECT {\"verbose\":false,\"pedantic\":false,\"headers\":true,"
            + "\"protocol\":1,\"name\":\"training\"}\r\n";

    private CdsTraining() {
    }

    public static void main(String[] args) throws Exception {
        Main.prepareProcess();
        Path dir = Files.createTempDirectory("natsboot-cds-training-");
        int status = 1;
        try {
            train(dir);
            status = 0;
        } catch (Exception e) {
            // fails the build's cds-archive step: an archive without a client's classes would quietly slow starts
            System.err.println("natsboot CDS training failed: " + e);
            e.printStackTrace();
        } finally {
            deleteTree(dir);
        }
        // the JVM writes the archive as it exits
        System.exit(status);
    }

    private static void train(Path dir) throws Exception {
        char[] password = "training".toCharArray();
        Path keystore = dir.resolve("training.p12");
        keytool(keystore, password);
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keystore)) {
            store.load(in, password);
        }
        Path cert = dir.resolve("cert.pem");
        Path key = dir.resolve("key.pem");
        Files.writeString(cert, pem("CERTIFICATE", store.getCertificate("training").getEncoded()));
        Key privateKey = store.getKey("training", password);
        Files.writeString(key, pem("PRIVATE KEY", privateKey.getEncoded()));

        int port = freePort();
        int clusterPort = freePort();
        int httpPort = freePort();
        Path config = dir.resolve("training.conf");
        Files.writeString(config, "listen: \"127.0.0.1:" + port + "\"\nhttp: \"127.0.0.1:" + httpPort + "\"\n"
                + "cluster { name: training, listen: \"127.0.0.1:" + clusterPort + "\" }\n"
                + "tls { cert_file: \"" + cert + "\", key_file: \"" + key + "\" }\nallow_non_tls: true\n");
        // the program as a signal stops it (the path a real stop takes), not by the JVM's exit
        AtomicReference<Consumer<String>> stop = new AtomicReference<>();
        Main.Lifecycle signals = new Main.Lifecycle() {
            @Override
            public void onStopSignal(Consumer<String> onStop) {
                stop.set(onStop);
            }

            @Override
            public void addShutdownHook(Thread hook) {
                // stopped by the training before the JVM exits
            }
        };
        Main main = new Main(System.out, System.err, Main.NatsServerHandle::new, signals);
        Thread program = new Thread(() -> main.execute("-c", config.toString(), "-l",
                dir.resolve("training.log").toString()), "training-server");
        program.setDaemon(true);
        program.start();
        try {
            awaitOpen(port);
            clients(store, port, clusterPort, httpPort);
        } finally {
            if (stop.get() != null) {
                stop.get().accept("TERM");
            }
            program.join(TimeUnit.NANOSECONDS.toMillis(WAIT_NANOS));
        }
    }

    private static void clients(KeyStore store, int port, int clusterPort, int httpPort) throws Exception {
        try (Socket plain = client(port)) {
            exchange(plain, "training.plain");
        }
        try (Socket tcp = client(port)) {
            SSLContext context = SSLContext.getInstance("TLS");
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            KeyStore trusted = KeyStore.getInstance("PKCS12");
            trusted.load(null, null);
            Certificate certificate = store.getCertificate("training");
            trusted.setCertificateEntry("training", certificate);
            trust.init(trusted);
            context.init(null, trust.getTrustManagers(), null);
            try (SSLSocket tls = (SSLSocket) context.getSocketFactory().createSocket(tcp, "localhost", port, true)) {
                tls.startHandshake();
                exchange(tls, "training.tls");
            }
        }
        acrossARoute(port, clusterPort);
        for (String page : List.of("/varz", "/connz", "/routez", "/subsz", "/healthz")) {
            httpGet(httpPort, page);
        }
    }

    /** A second node dials the first; a message published on the first reaches a subscriber on the second. */
    private static void acrossARoute(int port, int clusterPort) throws Exception {
        ServerOptions options = new ServerOptions().setHost("127.0.0.1").setPort(0);
        options.getCluster().setName("training").setHost("127.0.0.1").setPort(0);
        options.getCluster().getRoutes().add("nats-route://127.0.0.1:" + clusterPort);
        try (NatsServer second = new NatsServer(options)) {
            second.start();
            try (Socket subscriber = client(second.port()); Socket publisher = client(port)) {
                send(subscriber, CONNECT + "SUB training.route 1\r\nPING\r\n");
                expect(subscriber, "PONG");
                send(publisher, CONNECT);
                long start = System.nanoTime();
                subscriber.setSoTimeout(100);
                while (true) {
                    send(publisher, "PUB training.route 2\r\nhi\r\nPING\r\n");
                    try {
                        expect(subscriber, "MSG training.route");
                        break;
                    } catch (java.net.SocketTimeoutException notYet) {
                        if (System.nanoTime() - start > WAIT_NANOS) {
                            throw new IOException("no message across the route");
                        }
                    }
                }
            }
        }
    }

    /** CONNECT, subscribe, publish with and without headers, receive both, unsubscribe, PING. */
    private static void exchange(Socket s, String subject) throws IOException {
        send(s, CONNECT + "SUB " + subject + " q 1\r\nPUB " + subject + " reply 2\r\nhi\r\n"
                + "HPUB " + subject + " 18 20\r\nNATS/1.0\r\nA: b\r\n\r\nhi\r\nUNSUB 1\r\nPING\r\n");
        expect(s, "MSG " + subject);
        expect(s, "HMSG " + subject);
        expect(s, "PONG");
    }

    private static Socket client(int port) throws IOException {
        Socket s = new Socket();
        s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 5000);
        s.setSoTimeout(10_000);
        expect(s, "INFO ");
        return s;
    }

    private static void httpGet(int port, String path) throws IOException {
        try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
            s.setSoTimeout(10_000);
            send(s, "GET " + path + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
            s.getInputStream().readAllBytes();
        }
    }

    private static void awaitOpen(int port) throws Exception {
        long start = System.nanoTime();
        while (System.nanoTime() - start < WAIT_NANOS) {
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 1000);
                return;
            } catch (IOException notYet) {
                Thread.sleep(10);
            }
        }
        throw new IOException("the training server did not open port " + port);
    }

    private static void send(Socket s, String text) throws IOException {
        OutputStream out = s.getOutputStream();
        out.write(text.getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    /** Reads lines until one starts with {@code prefix}; an {@code -ERR} fails. */
    private static void expect(Socket s, String prefix) throws IOException {
        InputStream in = s.getInputStream();
        while (true) {
            StringBuilder line = new StringBuilder();
            int c;
            while ((c = in.read()) != '\n') {
                if (c == -1) {
                    throw new IOException("closed while waiting for " + prefix + " after: " + line);
                }
                line.append((char) c);
            }
            String l = line.toString();
            if (l.startsWith(prefix)) {
                return;
            }
            if (l.startsWith("-ERR")) {
                throw new IOException(l.trim());
            }
        }
    }

    private static void keytool(Path keystore, char[] password) throws IOException, InterruptedException {
        Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
        Process p = new ProcessBuilder(keytool.toString(), "-genkeypair", "-alias", "training", "-keyalg", "EC",
                "-groupname", "secp256r1", "-dname", "CN=localhost", "-ext", "SAN=dns:localhost,ip:127.0.0.1",
                "-validity", "2", "-storetype", "PKCS12", "-keystore", keystore.toString(), "-storepass",
                new String(password)).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IOException("keytool could not make the training certificate");
        }
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private static void deleteTree(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // a stray temp directory
        }
    }
}
