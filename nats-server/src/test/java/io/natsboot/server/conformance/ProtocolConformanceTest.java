package io.natsboot.server.conformance;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static io.natsboot.server.test.RawClient.CLOSED;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The client protocol, conversation by conversation, against natsboot and the official nats-server 2.9.10: both must
 * send exactly the bytes in the table (the table documents what nats-server does), so they send the same bytes.
 * INFO is not compared here (see {@link InfoConformanceTest}).
 */
class ProtocolConformanceTest {

    static final String OK = "+OK\r\n";
    static final String PONG = "PONG\r\n";
    static final String QUIET = "CONNECT {\"verbose\":false}\r\n";
    static final String HEADERS = "CONNECT {\"verbose\":false,\"headers\":true}\r\n";
    static final String REQUESTER = "CONNECT {\"verbose\":false,\"headers\":true,\"no_responders\":true}\r\n";
    static final String UNKNOWN_OP = err("Unknown Protocol Operation") + CLOSED;
    static final String NO_RESPONDERS = "HMSG _INBOX.abc.1 9 16 16\r\nNATS/1.0 503\r\n\r\n\r\n";
    static final String HEADER_MSG = "NATS/1.0\r\nX-Key: v\r\n\r\nhello";

    private static ServerPairs servers;

    @BeforeAll
    static void checkBinary() {
        NatsServerProcess.requireBinary();
        servers = new ServerPairs();
    }

    @AfterAll
    static void stopServers() {
        if (servers != null) {
            servers.close();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("conversations")
    void natsbootAnswersLikeNatsServer(Conversation conversation) {
        ServerPairs.Pair pair = servers.get(conversation.profile());
        Map<Integer, String> expected = conversation.expected();

        Map<Integer, String> official = conversation.run(pair.natsServer().port());
        assertThat(official).as("nats-server (the table must say what it does)").isEqualTo(expected);

        Map<Integer, String> natsboot = conversation.run(pair.natsboot().port());
        assertThat(natsboot).as("natsboot, compared with nats-server").isEqualTo(official);
    }

    static Stream<Conversation> conversations() {
        return Stream.of(connect(), parser(), arguments(), limits(), subjects(), delivery(), headers(),
                        configured())
                .flatMap(List::stream);
    }

    // ---------------------------------------------------------------------------------------------- CONNECT

    static List<Conversation> connect() {
        return List.of(
                Conversation.named("CONNECT {} keeps the verbose default")
                        .send("CONNECT {}\r\nPING\r\n").expect(OK + PONG),
                Conversation.named("CONNECT verbose false")
                        .send(QUIET + "PING\r\n").expect(PONG),
                Conversation.named("CONNECT verbose and pedantic")
                        .send("CONNECT {\"verbose\":true,\"pedantic\":true}\r\nPING\r\n").expect(OK + PONG),
                Conversation.named("CONNECT with no space before the JSON")
                        .send("CONNECT{\"verbose\":false}\r\nPING\r\n").expect(PONG),
                Conversation.named("no CONNECT at all: verbose by default")
                        .send("SUB foo 1\r\nPING\r\n").expect(OK + PONG),
                Conversation.named("CONNECT keys match in any case")
                        .send("CONNECT {\"VERBOSE\":false,\"Echo\":false}\r\nSUB foo 1\r\nPUB foo 0\r\n\r\nPING\r\n")
                        .expect(PONG),
                Conversation.named("CONNECT null field keeps the default")
                        .send("CONNECT {\"verbose\":null}\r\nPING\r\n").expect(OK + PONG),
                Conversation.named("CONNECT null document")
                        .send("CONNECT null\r\nPING\r\n").expect(OK + PONG),
                Conversation.named("second CONNECT keeps fields it omits")
                        .send("CONNECT {\"verbose\":false,\"echo\":false}\r\nCONNECT {}\r\nSUB foo 1\r\n"
                                + "PUB foo 0\r\n\r\nPING\r\n")
                        .expect(PONG),
                Conversation.named("CONNECT unknown fields are ignored")
                        .send("CONNECT {\"verbose\":false,\"lang\":\"java\",\"cluster\":1,\"x\":[{}]}\r\nPING\r\n")
                        .expect(PONG),
                Conversation.named("CONNECT bad JSON closes silently")
                        .send("CONNECT {bad\r\nPING\r\n").expect(CLOSED),
                Conversation.named("CONNECT array closes silently")
                        .send("CONNECT []\r\nPING\r\n").expect(CLOSED),
                Conversation.named("CONNECT trailing garbage closes silently")
                        .send("CONNECT {}x\r\nPING\r\n").expect(CLOSED),
                Conversation.named("CONNECT without JSON closes silently")
                        .send("CONNECT\r\nPING\r\n").expect(CLOSED),
                Conversation.named("CONNECT string for a boolean closes silently")
                        .send("CONNECT {\"verbose\":\"yes\"}\r\nPING\r\n").expect(CLOSED),
                Conversation.named("CONNECT number for a string closes silently")
                        .send("CONNECT {\"name\":1}\r\nPING\r\n").expect(CLOSED),
                Conversation.named("CONNECT protocol as a string closes silently")
                        .send("CONNECT {\"protocol\":\"1\"}\r\nPING\r\n").expect(CLOSED),
                Conversation.named("CONNECT protocol 1.0 closes silently")
                        .send("CONNECT {\"protocol\":1.0}\r\nPING\r\n").expect(CLOSED),
                Conversation.named("CONNECT import of the wrong type closes silently")
                        .send("CONNECT {\"import\":{\"allow\":1}}\r\nPING\r\n").expect(CLOSED),
                Conversation.named("CONNECT protocol 1")
                        .send("CONNECT {\"verbose\":false,\"protocol\":1}\r\nPING\r\n").expect(PONG),
                Conversation.named("CONNECT protocol 2")
                        .send("CONNECT {\"protocol\":2}\r\nPING\r\n")
                        .expect(err("invalid client protocol") + CLOSED),
                Conversation.named("CONNECT protocol -1")
                        .send("CONNECT {\"protocol\":-1}\r\nPING\r\n")
                        .expect(err("invalid client protocol") + CLOSED),
                Conversation.named("CONNECT protocol beyond 32 bits")
                        .send("CONNECT {\"protocol\":4294967297}\r\nPING\r\n")
                        .expect(err("invalid client protocol") + CLOSED),
                Conversation.named("CONNECT account")
                        .send("CONNECT {\"account\":\"A\"}\r\nPING\r\n")
                        .expect(err("Authorization Violation") + CLOSED),
                Conversation.named("CONNECT account is checked before protocol")
                        .send("CONNECT {\"account\":\"A\",\"protocol\":2}\r\nPING\r\n")
                        .expect(err("Authorization Violation") + CLOSED),
                Conversation.named("CONNECT new_account")
                        .send("CONNECT {\"new_account\":true}\r\nPING\r\n")
                        .expect(err("Authorization Violation") + CLOSED),
                Conversation.named("CONNECT empty account and new_account false are fine")
                        .send("CONNECT {\"verbose\":false,\"account\":\"\",\"new_account\":false}\r\nPING\r\n")
                        .expect(PONG),
                Conversation.named("CONNECT account of the wrong type closes silently")
                        .send("CONNECT {\"account\":123}\r\nPING\r\n").expect(CLOSED),
                Conversation.named("CONNECT no_responders without headers")
                        .send("CONNECT {\"no_responders\":true}\r\nPING\r\n")
                        .expect(err("no responders requires headers support") + CLOSED),
                Conversation.named("CONNECT no_responders with headers")
                        .send(REQUESTER + "PING\r\n").expect(PONG),
                Conversation.named("CONNECT echo true delivers own messages")
                        .send(QUIET + "SUB foo 1\r\nPUB foo 2\r\nhi\r\nPING\r\n")
                        .expect("MSG foo 1 2\r\nhi\r\n" + PONG),
                Conversation.named("CONNECT echo false with a plain and a queue subscription")
                        .send("CONNECT {\"verbose\":false,\"echo\":false}\r\nSUB foo 1\r\nSUB foo q 2\r\n"
                                + "PUB foo 2\r\nhi\r\nPING\r\n")
                        .expect(PONG));
    }

    // ---------------------------------------------------------------------------------------------- parser

    static List<Conversation> parser() {
        return List.of(
                Conversation.named("ops in any case, tabs and runs of blanks")
                        .send("connect {\"verbose\":false}\r\nsub\tfoo.*  7\r\npub   foo.x\t2\r\nab\r\nPiNg\r\n")
                        .expect("MSG foo.x 7 2\r\nab\r\n" + PONG),
                Conversation.named("bare LF ends control lines")
                        .send("CONNECT {\"verbose\":false}\nSUB foo 1\nPUB foo 1\nx\r\nPING\n")
                        .expect("MSG foo 1 1\r\nx\r\n" + PONG),
                Conversation.named("PING with junk up to the line end")
                        .send("PING junk\r\nPINGX\r\n").expect(PONG + PONG),
                Conversation.named("PONG and +OK from the client are ignored")
                        .send("PONG\r\n+OK\r\nPONG junk\r\nPING\r\n").expect(PONG),
                Conversation.named("INFO from the client is ignored")
                        .send(QUIET + "INFO {\"server_id\":\"x\",\"port\":1,\"connect_urls\":[\"a:1\"]}\r\nPING\r\n")
                        .expect(PONG),
                Conversation.named("INFO null from the client is ignored")
                        .send(QUIET + "INFO null\r\nPING\r\n").expect(PONG),
                Conversation.named("INFO with bad JSON closes silently")
                        .send(QUIET + "INFO bad\r\nPING\r\n").expect(CLOSED),
                Conversation.named("INFO with a field of the wrong type closes silently")
                        .send(QUIET + "INFO {\"PORT\":\"x\"}\r\nPING\r\n").expect(CLOSED),
                Conversation.named("INFO without JSON closes silently")
                        .send(QUIET + "INFO\r\nPING\r\n").expect(CLOSED),
                Conversation.named("unknown op")
                        .send("FOO\r\n").expect(UNKNOWN_OP),
                Conversation.named("half a keyword")
                        .send("PIN\r\n").expect(UNKNOWN_OP),
                Conversation.named("keyword with a wrong letter")
                        .send("PUX foo 1\r\n").expect(UNKNOWN_OP),
                Conversation.named("blank before the op")
                        .send(" PING\r\n").expect(UNKNOWN_OP),
                Conversation.named("empty line")
                        .send("\r\nPING\r\n").expect(UNKNOWN_OP),
                Conversation.named("MSG from a client")
                        .send("MSG foo 1 2\r\nhi\r\nPING\r\n").expect(UNKNOWN_OP),
                Conversation.named("route op from a client")
                        .send("RS+ $G foo\r\nPING\r\n").expect(UNKNOWN_OP),
                Conversation.named("op after a good one")
                        .send("PING\r\nFOO\r\n").expect(PONG + UNKNOWN_OP),
                Conversation.named("-ERR from the client closes silently")
                        .send("-ERR 'bad'\r\nPING\r\n").expect(CLOSED),
                Conversation.named("-ERR without a blank")
                        .send("-ERR\r\n").expect(UNKNOWN_OP),
                Conversation.named("-ERR waits for its line end")
                        .send("-ERR 'bad'").quiet(0).expect(""),
                Conversation.named("ops split across writes")
                        .sendBytes(0, bytes(QUIET + "SUB foo 1\r\nPU"))
                        .sendBytes(0, bytes("B foo 5\r\nhel"))
                        .sendBytes(0, bytes("lo\r"))
                        .send("\nPING\r\n")
                        .expect("MSG foo 1 5\r\nhello\r\n" + PONG),
                Conversation.named("control line split across writes")
                        .sendBytes(0, bytes(QUIET + "SUB foo 1\r\nPUB " + "f".repeat(3000)))
                        .sendBytes(0, bytes("o".repeat(1000) + " 1\r"))
                        .send("\nx\r\nPING\r\n")
                        .expect(PONG),
                Conversation.named("binary garbage")
                        .send("\u0000\u00ff\u0001\r\n").expect(UNKNOWN_OP));
    }

    // ---------------------------------------------------------------------------------------------- arguments

    static List<Conversation> arguments() {
        return List.of(
                Conversation.named("PUB without a size closes silently")
                        .send("PUB foo\r\n").expect(CLOSED),
                Conversation.named("PUB without arguments")
                        .send("PUB\r\n").expect(UNKNOWN_OP),
                Conversation.named("PUB size not a number closes silently")
                        .send("PUB foo x\r\n").expect(CLOSED),
                Conversation.named("PUB negative size closes silently")
                        .send("PUB foo -1\r\n").expect(CLOSED),
                Conversation.named("PUB ten-digit size closes silently")
                        .send("PUB foo 1234567890\r\n").expect(CLOSED),
                Conversation.named("PUB too many arguments closes silently")
                        .send("PUB foo bar 1 2\r\n").expect(CLOSED),
                Conversation.named("PUB with a reply subject")
                        .send(QUIET + "SUB foo 1\r\nPUB foo my.reply 2\r\nhi\r\nPING\r\n")
                        .expect("MSG foo 1 my.reply 2\r\nhi\r\n" + PONG),
                Conversation.named("PUB empty payload")
                        .send(QUIET + "SUB foo 1\r\nPUB foo 0\r\n\r\nPING\r\n")
                        .expect("MSG foo 1 0\r\n\r\n" + PONG),
                Conversation.named("payload longer than its size")
                        .send(QUIET + "SUB foo 1\r\nPUB foo 2\r\nhiX\r\nPING\r\n").expect(UNKNOWN_OP),
                Conversation.named("payload ended by a bare LF")
                        .send(QUIET + "PUB foo 2\r\nhi\nPING\r\n").expect(UNKNOWN_OP),
                Conversation.named("payload CR followed by garbage")
                        .send(QUIET + "PUB foo 2\r\nhi\rX").expect(UNKNOWN_OP),
                Conversation.named("SUB with one argument closes silently")
                        .send("SUB foo\r\n").expect(CLOSED),
                Conversation.named("SUB with four arguments closes silently")
                        .send("SUB foo 1 2 3\r\nPING\r\n").expect(CLOSED),
                Conversation.named("UNSUB without arguments")
                        .send("UNSUB\r\n").expect(UNKNOWN_OP),
                Conversation.named("UNSUB with a blank only closes silently")
                        .send("UNSUB \r\n").expect(CLOSED),
                Conversation.named("UNSUB with three arguments closes silently")
                        .send("UNSUB 1 2 3\r\n").expect(CLOSED),
                Conversation.named("UNSUB max not a number unsubscribes at once")
                        .send("SUB foo 1\r\nUNSUB 1 x\r\nPUB foo 0\r\n\r\nPING\r\n")
                        .expect(OK + OK + OK + PONG),
                Conversation.named("UNSUB unknown sid")
                        .send("UNSUB 99\r\nPING\r\n").expect(OK + PONG),
                Conversation.named("HPUB without headers in CONNECT closes silently")
                        .send(QUIET + "HPUB foo 2 2\r\nhi\r\nPING\r\n").expect(CLOSED),
                Conversation.named("HPUB header size above total closes silently")
                        .send(HEADERS + "HPUB foo 6 5\r\nhello\r\nPING\r\n").expect(CLOSED),
                Conversation.named("HPUB with one size closes silently")
                        .send(HEADERS + "HPUB foo 2\r\n").expect(CLOSED),
                Conversation.named("HPUB size not a number closes silently")
                        .send(HEADERS + "HPUB foo x 2\r\n").expect(CLOSED),
                Conversation.named("HPUB too many arguments closes silently")
                        .send(HEADERS + "HPUB foo a b 1 2\r\n").expect(CLOSED));
    }

    // ---------------------------------------------------------------------------------------------- limits

    static List<Conversation> limits() {
        String megabyte = "x".repeat(1024 * 1024);
        return List.of(
                Conversation.named("payload of exactly max_payload")
                        .send(QUIET + "PUB foo 1048576\r\n" + megabyte + "\r\nPING\r\n").expect(PONG),
                Conversation.named("PUB above max_payload")
                        .send(QUIET + "PUB foo 1048577\r\n").expect(err("Maximum Payload Violation") + CLOSED),
                Conversation.named("PUB far above max_payload")
                        .send(QUIET + "PUB foo 999999999\r\n").expect(err("Maximum Payload Violation") + CLOSED),
                Conversation.named("HPUB above max_payload")
                        .send(HEADERS + "HPUB foo 1 1048577\r\n").expect(err("Maximum Payload Violation") + CLOSED),
                Conversation.named("arguments of exactly max_control_line")
                        .send(QUIET + "PUB " + "a".repeat(4094) + " 0\r\n\r\nPING\r\n").expect(PONG),
                Conversation.named("arguments one byte over max_control_line")
                        .send(QUIET + "PUB " + "a".repeat(4095) + " 0\r\n\r\nPING\r\n")
                        .expect(err("maximum control line exceeded") + CLOSED),
                Conversation.named("SUB of exactly max_control_line")
                        .send("SUB " + "a".repeat(4094) + " 1\r\nPING\r\n").expect(OK + PONG),
                Conversation.named("SUB one byte over max_control_line")
                        .send("SUB " + "a".repeat(4095) + " 1\r\nPING\r\n")
                        .expect(err("maximum control line exceeded") + CLOSED),
                Conversation.named("blanks before the arguments do not count")
                        .send(QUIET + "PUB" + " \t".repeat(100) + "a".repeat(4094) + " 0\r\n\r\nPING\r\n")
                        .expect(PONG),
                Conversation.named("blanks before the arguments do not count, even arriving alone")
                        .sendBytes(0, bytes(QUIET + "PUB" + " ".repeat(20_000)))
                        .send("foo 0\r\n\r\nPING\r\n")
                        .expect(PONG),
                Conversation.named("blanks between the arguments count, even arriving alone")
                        .sendBytes(0, bytes(QUIET + "PUB foo"))
                        .send(" ".repeat(5_000) + "0\r\n\r\nPING\r\n")
                        .expect(err("maximum control line exceeded") + CLOSED),
                Conversation.named("blanks after the arguments count")
                        .send(QUIET + "PUB " + "a".repeat(4093) + " 0  \r\n\r\nPING\r\n")
                        .expect(err("maximum control line exceeded") + CLOSED),
                Conversation.named("CONNECT of exactly max_control_line")
                        .send("CONNECT {\"name\":\"" + "a".repeat(4085) + "\"}\r\nPING\r\n").expect(OK + PONG),
                Conversation.named("CONNECT one byte over max_control_line")
                        .send("CONNECT {\"name\":\"" + "a".repeat(4086) + "\"}\r\nPING\r\n")
                        .expect(err("maximum control line exceeded") + CLOSED),
                Conversation.named("unfinished line over max_control_line")
                        .send("PUB " + "a".repeat(4097)).expect(err("maximum control line exceeded") + CLOSED),
                Conversation.named("unfinished line of max_control_line waits")
                        .send("PUB " + "a".repeat(4096)).quiet(0).expect(""),
                Conversation.named("unfinished line of max_control_line and CR waits")
                        .send("PUB " + "a".repeat(4096) + "\r").quiet(0).expect(""),
                Conversation.named("-ERR line over max_control_line")
                        .send("-ERR " + "a".repeat(5000)).expect(err("maximum control line exceeded") + CLOSED),
                Conversation.named("PING junk has no length limit")
                        .send("PING " + "a".repeat(10_000) + "\r\n").expect(PONG));
    }

    // ---------------------------------------------------------------------------------------------- subjects

    static List<Conversation> subjects() {
        return List.of(
                Conversation.named("SUB invalid subjects")
                        .send("SUB foo..bar 1\r\nSUB foo.>.bar 2\r\nSUB .foo 3\r\nSUB foo. 4\r\nSUB > 5\r\nPING\r\n")
                        .expect(err("Invalid Subject") + err("Invalid Subject") + err("Invalid Subject")
                                + err("Invalid Subject") + OK + PONG),
                Conversation.named("SUB invalid subject when not verbose")
                        .send(QUIET + "SUB foo..bar 1\r\nPING\r\n").expect(err("Invalid Subject") + PONG),
                Conversation.named("SUB wildcards inside a token are literal")
                        .send(QUIET + "SUB foo* 1\r\nPUB foo* 1\r\nx\r\nPUB foox 1\r\nx\r\nPING\r\n")
                        .expect("MSG foo* 1 1\r\nx\r\n" + PONG),
                Conversation.named("SUB reused sid keeps the first subscription")
                        .send(QUIET + "SUB foo 1\r\nSUB bar 1\r\nPUB bar 1\r\nx\r\nPUB foo 1\r\ny\r\nPING\r\n")
                        .expect("MSG foo 1 1\r\ny\r\n" + PONG),
                Conversation.named("SUB reused sid is not checked further")
                        .send("SUB foo 1\r\nSUB foo..bar 1\r\nPING\r\n").expect(OK + OK + PONG),
                Conversation.named("SUB _sys_ queue")
                        .send("SUB foo _sys_ 1\r\nPING\r\n")
                        .expect(err("Permissions Violation for Subscription to \"foo\" using queue \"_sys_\"")
                                + PONG),
                Conversation.named("SUB _sys_ queue is refused before the subject is checked")
                        .send("SUB foo..bar _sys_ 1\r\nPING\r\n")
                        .expect(err("Permissions Violation for Subscription to \"foo..bar\" using queue \"_sys_\"")
                                + PONG),
                Conversation.named("SUB _SYS_ queue is an ordinary queue")
                        .send("SUB foo _SYS_ 1\r\nPING\r\n").expect(OK + PONG),
                Conversation.named("PUB foo.* pedantic: -ERR, still delivered")
                        .send(QUIET + "SUB foo.* 1\r\nSUB > 2\r\nPUB foo.* 2\r\nhi\r\nPING\r\n")
                        .expect(err("Invalid Publish Subject") + "MSG foo.* 2 2\r\nhi\r\nMSG foo.* 1 2\r\nhi\r\n"
                                + PONG)
                        .unordered(),
                Conversation.named("PUB foo.* not pedantic: delivered silently")
                        .send("CONNECT {\"verbose\":false,\"pedantic\":false}\r\nSUB foo.* 1\r\n"
                                + "PUB foo.* 2\r\nhi\r\nPING\r\n")
                        .expect("MSG foo.* 1 2\r\nhi\r\n" + PONG),
                Conversation.named("PUB foo..bar pedantic: -ERR, not delivered")
                        .send(QUIET + "SUB > 1\r\nSUB foo.*.bar 2\r\nPUB foo..bar 2\r\nhi\r\nPING\r\n")
                        .expect(err("Invalid Publish Subject") + PONG),
                Conversation.named("PUB foo..bar not pedantic: not delivered")
                        .send("CONNECT {\"verbose\":false,\"pedantic\":false}\r\nSUB > 1\r\nSUB foo.*.bar 2\r\n"
                                + "PUB foo..bar 2\r\nhi\r\nPING\r\n")
                        .expect(PONG),
                Conversation.named("PUB foo.>.bar pedantic: -ERR, delivered to >")
                        .send(QUIET + "SUB > 1\r\nPUB foo.>.bar 2\r\nhi\r\nPING\r\n")
                        .expect(err("Invalid Publish Subject") + "MSG foo.>.bar 1 2\r\nhi\r\n" + PONG),
                Conversation.named("PUB verbose to foo.*: -ERR, +OK, then the message")
                        .send("SUB foo.* 1\r\nPUB foo.* 2\r\nhi\r\nPING\r\n")
                        .expect(OK + err("Invalid Publish Subject") + OK + "MSG foo.* 1 2\r\nhi\r\n" + PONG),
                Conversation.named("PUB with a reserved _R_. reply: refused, dropped")
                        .send(QUIET + "SUB > 1\r\nPUB foo _R_.abc 1\r\nx\r\nPUB foo _R_. 1\r\nx\r\nPING\r\n")
                        .expect(err("Permissions Violation for Publish with Reply of \"_R_.abc\"")
                                + err("Permissions Violation for Publish with Reply of \"_R_.\"") + PONG),
                Conversation.named("PUB with a reserved _GR_. reply: refused, dropped")
                        .send(QUIET + "SUB > 1\r\nPUB foo _GR_.a.b 1\r\nx\r\nPING\r\n")
                        .expect(err("Permissions Violation for Publish with Reply of \"_GR_.a.b\"") + PONG),
                Conversation.named("PUB replies that only look reserved")
                        .send(QUIET + "SUB > 1\r\nPUB foo _GR_. 1\r\nx\r\nPUB foo _r_.a 1\r\nx\r\n"
                                + "PUB foo _R_ 1\r\nx\r\nPUB _R_.x 1\r\nx\r\nPING\r\n")
                        .expect("MSG foo 1 _GR_. 1\r\nx\r\nMSG foo 1 _r_.a 1\r\nx\r\nMSG foo 1 _R_ 1\r\nx\r\n"
                                + "MSG _R_.x 1 1\r\nx\r\n" + PONG),
                Conversation.named("PUB reserved reply, verbose: no +OK")
                        .send("SUB > 1\r\nPUB foo _R_.x 1\r\nx\r\nPING\r\n")
                        .expect(OK + err("Permissions Violation for Publish with Reply of \"_R_.x\"") + PONG),
                Conversation.named("PUB invalid subject and reserved reply: both errors")
                        .send("SUB > 1\r\nPUB foo.* _R_.x 1\r\nx\r\nPING\r\n")
                        .expect(OK + err("Invalid Publish Subject")
                                + err("Permissions Violation for Publish with Reply of \"_R_.x\"") + PONG),
                Conversation.named("HPUB with a reserved reply: refused, no no-responders")
                        .send(REQUESTER + "SUB _R_.* 1\r\nHPUB foo _R_.x 2 2\r\nhi\r\nPING\r\n")
                        .expect(err("Permissions Violation for Publish with Reply of \"_R_.x\"") + PONG),
                Conversation.named("PUB wildcard reply subject is fine")
                        .send(QUIET + "SUB foo 1\r\nPUB foo reply.* 2\r\nhi\r\nPING\r\n")
                        .expect("MSG foo 1 reply.* 2\r\nhi\r\n" + PONG));
    }

    // ---------------------------------------------------------------------------------------------- delivery

    static List<Conversation> delivery() {
        String pub = "PUB foo 1\r\nx\r\n";
        String one = "MSG foo 1 1\r\nx\r\n";
        return List.of(
                Conversation.named("verbose: +OK for SUB and PUB come before the message")
                        .send("SUB foo 1\r\nPUB foo 2\r\nhi\r\nPING\r\n")
                        .expect(OK + OK + "MSG foo 1 2\r\nhi\r\n" + PONG),
                Conversation.named("one message for every matching subscription of a connection")
                        .send(QUIET + "SUB foo.bar 1\r\nSUB foo.* 2\r\nSUB > 3\r\nSUB foo.> 4\r\nSUB *.* 5\r\n"
                                + "PUB foo.bar 1\r\nx\r\nPING\r\n")
                        .expect("MSG foo.bar 3 1\r\nx\r\nMSG foo.bar 2 1\r\nx\r\nMSG foo.bar 5 1\r\nx\r\n"
                                + "MSG foo.bar 4 1\r\nx\r\nMSG foo.bar 1 1\r\nx\r\n" + PONG)
                        .unordered(),
                Conversation.named("queue group: one member per message, plain subscribers all")
                        .send(QUIET + "SUB foo q 1\r\nSUB foo q 2\r\nSUB foo 3\r\n" + pub + pub + pub + "PING\r\n")
                        .normalize(t -> t.replaceAll("MSG foo [12] ", "MSG foo <q> "))
                        .expect(("MSG foo 3 1\r\nx\r\n" + "MSG foo <q> 1\r\nx\r\n").repeat(3) + PONG),
                Conversation.named("message to another connection")
                        .send(1, QUIET + "SUB foo 1\r\nPING\r\n")
                        .send(0, QUIET + "PUB foo 2\r\nhi\r\nPING\r\n")
                        .send(1, "PING\r\n")
                        .expect(0, PONG)
                        .expect(1, PONG + "MSG foo 1 2\r\nhi\r\n" + PONG),
                Conversation.named("UNSUB max before any delivery")
                        .send(QUIET + "SUB foo 1\r\nUNSUB 1 2\r\n" + pub + pub + pub + "PING\r\n")
                        .expect(one + one + PONG),
                Conversation.named("UNSUB max already reached unsubscribes at once")
                        .send(QUIET + "SUB foo 1\r\n" + pub + pub + "UNSUB 1 2\r\n" + pub + "PING\r\n")
                        .expect(one + one + PONG),
                Conversation.named("UNSUB max counts earlier deliveries")
                        .send(QUIET + "SUB foo 1\r\n" + pub + pub + "UNSUB 1 3\r\n" + pub + pub + "PING\r\n")
                        .expect(one + one + one + PONG),
                Conversation.named("UNSUB max 0 unsubscribes at once")
                        .send(QUIET + "SUB foo 1\r\nUNSUB 1 0\r\n" + pub + "PING\r\n").expect(PONG),
                Conversation.named("sid free again after auto-unsubscribe")
                        .send(QUIET + "SUB foo 1\r\nUNSUB 1 1\r\n" + pub + "SUB bar 1\r\n" + pub
                                + "PUB bar 1\r\ny\r\nPING\r\n")
                        .expect(one + "MSG bar 1 1\r\ny\r\n" + PONG),
                Conversation.named("no responders: 503 on the requester's inbox")
                        .send(REQUESTER + "SUB _INBOX.abc.* 9\r\nPUB nobody.home _INBOX.abc.1 0\r\n\r\nPING\r\n")
                        .expect(NO_RESPONDERS + PONG),
                Conversation.named("no responders for an HPUB request")
                        .send(REQUESTER + "SUB _INBOX.abc.* 9\r\nHPUB nobody.home _INBOX.abc.1 12 12\r\n"
                                + "NATS/1.0\r\n\r\n\r\nPING\r\n")
                        .expect(NO_RESPONDERS + PONG),
                Conversation.named("no responders, verbose: +OK first")
                        .send("CONNECT {\"verbose\":true,\"headers\":true,\"no_responders\":true}\r\n"
                                + "SUB _INBOX.abc.* 9\r\nPUB nobody.home _INBOX.abc.1 0\r\n\r\nPING\r\n")
                        .expect(OK + OK + OK + NO_RESPONDERS + PONG),
                Conversation.named("no responders: own subscription without echo does not answer")
                        .send("CONNECT {\"verbose\":false,\"headers\":true,\"no_responders\":true,\"echo\":false}\r\n"
                                + "SUB _INBOX.abc.* 9\r\nSUB nobody.home 3\r\n"
                                + "PUB nobody.home _INBOX.abc.1 0\r\n\r\nPING\r\n")
                        .expect(NO_RESPONDERS + PONG),
                Conversation.named("no responders not asked for")
                        .send(HEADERS + "SUB _INBOX.abc.* 9\r\nPUB nobody.home _INBOX.abc.1 0\r\n\r\nPING\r\n")
                        .expect(PONG),
                Conversation.named("no responders needs a plain subscription on the reply")
                        .send(REQUESTER + "SUB _INBOX.abc.* q 9\r\nPUB nobody.home _INBOX.abc.1 0\r\n\r\nPING\r\n")
                        .expect(PONG),
                Conversation.named("no responders: not when someone listens")
                        .send(1, QUIET + "SUB service 1\r\nPING\r\n")
                        .send(0, REQUESTER + "SUB _INBOX.abc.* 9\r\nPUB service _INBOX.abc.1 0\r\n\r\nPING\r\n")
                        .send(1, "PING\r\n")
                        .expect(0, PONG)
                        .expect(1, PONG + "MSG service 1 _INBOX.abc.1 0\r\n\r\n" + PONG));
    }

    // ---------------------------------------------------------------------------------------------- headers

    static List<Conversation> headers() {
        return List.of(
                Conversation.named("HPUB to a header subscriber")
                        .send(HEADERS + "SUB foo 1\r\nHPUB foo 22 27\r\n" + HEADER_MSG + "\r\nPING\r\n")
                        .expect("HMSG foo 1 22 27\r\n" + HEADER_MSG + "\r\n" + PONG),
                Conversation.named("HPUB with a reply subject")
                        .send(HEADERS + "SUB foo 1\r\nHPUB foo r 22 27\r\n" + HEADER_MSG + "\r\nPING\r\n")
                        .expect("HMSG foo 1 r 22 27\r\n" + HEADER_MSG + "\r\n" + PONG),
                Conversation.named("HPUB to a subscriber without headers: headers stripped")
                        .send(1, QUIET + "SUB foo 1\r\nPING\r\n")
                        .send(0, HEADERS + "HPUB foo 22 27\r\n" + HEADER_MSG + "\r\nPING\r\n")
                        .send(1, "PING\r\n")
                        .expect(0, PONG)
                        .expect(1, PONG + "MSG foo 1 5\r\nhello\r\n" + PONG),
                Conversation.named("HPUB with an empty header block is a plain message")
                        .send(HEADERS + "SUB foo 1\r\nHPUB foo 0 5\r\nhello\r\nPING\r\n")
                        .expect("MSG foo 1 5\r\nhello\r\n" + PONG),
                Conversation.named("HPUB all header")
                        .send(HEADERS + "SUB foo 1\r\nHPUB foo 12 12\r\nNATS/1.0\r\n\r\n\r\nPING\r\n")
                        .expect("HMSG foo 1 12 12\r\nNATS/1.0\r\n\r\n\r\n" + PONG));
    }

    // ---------------------------------------------------------------------------------------------- configured

    static List<Conversation> configured() {
        return List.of(
                Conversation.named("payload of exactly a small max_payload", Profile.SMALL_PAYLOAD)
                        .send(QUIET + "PUB foo 64\r\n" + "x".repeat(64) + "\r\nPING\r\n").expect(PONG),
                Conversation.named("PUB above a small max_payload", Profile.SMALL_PAYLOAD)
                        .send(QUIET + "PUB foo 65\r\n").expect(err("Maximum Payload Violation") + CLOSED),
                Conversation.named("HPUB above a small max_payload", Profile.SMALL_PAYLOAD)
                        .send("CONNECT {\"headers\":true}\r\nHPUB foo 10 65\r\n")
                        .expect(OK + err("Maximum Payload Violation") + CLOSED),
                Conversation.named("max_subscriptions reached", Profile.MAX_SUBSCRIPTIONS)
                        .send("SUB foo 1\r\nSUB bar 2\r\nSUB baz 3\r\nPING\r\n")
                        .expect(OK + OK + err("maximum subscriptions exceeded") + PONG),
                Conversation.named("max_subscriptions counts a reused sid", Profile.MAX_SUBSCRIPTIONS)
                        .send("SUB foo 1\r\nSUB bar 2\r\nSUB foo 1\r\nPING\r\n")
                        .expect(OK + OK + err("maximum subscriptions exceeded") + PONG),
                Conversation.named("max_subscriptions before the subject check", Profile.MAX_SUBSCRIPTIONS)
                        .send("SUB foo 1\r\nSUB bar 2\r\nSUB foo..bar 3\r\nPING\r\n")
                        .expect(OK + OK + err("maximum subscriptions exceeded") + PONG),
                Conversation.named("max_subscriptions after the _sys_ check", Profile.MAX_SUBSCRIPTIONS)
                        .send("SUB foo 1\r\nSUB bar 2\r\nSUB foo _sys_ 3\r\nPING\r\n")
                        .expect(OK + OK + err("Permissions Violation for Subscription to \"foo\" using queue "
                                + "\"_sys_\"") + PONG),
                Conversation.named("max_subscriptions: room again after UNSUB", Profile.MAX_SUBSCRIPTIONS)
                        .send(QUIET + "SUB foo 1\r\nSUB bar 2\r\nUNSUB 1\r\nSUB baz 3\r\nPUB baz 1\r\nx\r\nPING\r\n")
                        .expect("MSG baz 3 1\r\nx\r\n" + PONG),
                Conversation.named("no_header_support: HPUB closes silently", Profile.NO_HEADER_SUPPORT)
                        .send(HEADERS + "HPUB foo 2 2\r\nhi\r\nPING\r\n").expect(CLOSED),
                Conversation.named("no_header_support: no_responders refused", Profile.NO_HEADER_SUPPORT)
                        .send(REQUESTER + "PING\r\n")
                        .expect(err("no responders requires headers support") + CLOSED),
                Conversation.named("max_connections: the next client is refused after INFO", Profile.ONE_CONNECTION)
                        .send(0, QUIET + "PING\r\n")
                        .send(1, "")
                        .send(0, "PING\r\n")
                        .expect(0, PONG + PONG)
                        .expect(1, err("maximum connections exceeded") + CLOSED),
                Conversation.named("stale connection: PINGs, then -ERR and close", Profile.FAST_PING)
                        .send(QUIET)
                        .expect("PING\r\nPING\r\n" + err("Stale Connection") + CLOSED),
                Conversation.named("answered PINGs keep the connection until it falls silent", Profile.FAST_PING)
                        .send(QUIET)
                        .awaitServerPings(0, 1)
                        .send("PONG\r\n")
                        .awaitServerPings(0, 2)
                        .send("PONG\r\n")
                        .expect("PING\r\n".repeat(4) + err("Stale Connection") + CLOSED));
    }

    static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.ISO_8859_1);
    }

    static String err(String text) {
        return "-ERR '" + text + "'\r\n";
    }
}
