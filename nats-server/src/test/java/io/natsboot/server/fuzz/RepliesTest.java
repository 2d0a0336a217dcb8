package io.natsboot.server.fuzz;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The fuzz oracle accepts what a server sends and nothing else. */
class RepliesTest {

    @ParameterizedTest
    @ValueSource(strings = {
            "",
            "INFO {\"server_id\":\"N\"}\r\n+OK\r\nPING\r\nPONG\r\n",
            "MSG foo 1 5\r\nhello\r\nMSG foo 1 r.x 0\r\n\r\n",
            "HMSG foo 1 12 14\r\nNATS/1.0\r\n\r\nhi\r\nHMSG foo 1 r 12 12\r\nNATS/1.0\r\n\r\n\r\n",
            "MSG a\rb 1 2\r\n\r\n\r\n",
            "-ERR 'Invalid Subject'\r\nPONG\r\n",
            "-ERR 'maximum subscriptions exceeded'\r\n",
            "-ERR 'Permissions Violation for Subscription to \"x y\" using queue \"_sys_\"'\r\n",
            "-ERR 'Permissions Violation for Publish with Reply of \"_R_.x\"'\r\n",
            "-ERR 'Permissions Violation for Publish to \"a\"'\r\n",
            "-ERR 'Permissions Violation for Subscription to \"t\\\"x\\\\\" using queue \"{\\\"a\\\":\"'\r\n",
            "-ERR 'Authorization Violation'\r\n",
            "PONG\r\n-ERR 'Unknown Protocol Operation'\r\n"})
    void clientAccepts(String out) {
        assertThatCode(() -> Replies.checkClient(bytes(out))).doesNotThrowAnyException();
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "PONG",                                   // incomplete
            "PONG\n",                                 // bare LF
            "PONGX\r\n",
            "INFO {\r\n",
            "MSG foo 1 5\r\nhell\r\n",                // payload shorter than announced
            "MSG foo 1 2\r\nhello\r\n",               // longer
            "MSG foo 5\r\nhello\r\n",                 // no sid
            "MSG foo  1 5\r\nhello\r\n",              // empty argument
            "HMSG foo 1 14 12\r\nNATS/1.0\r\n\r\n\r\n",  // header larger than total
            "MSG foo 1 x\r\n\r\n",
            "-ERR 'Something Else'\r\n",
            "-ERR Invalid Subject\r\n",
            "-ERR 'Permissions Violation for Publish to \"t\"x\"'\r\n",   // a quote in the subject not escaped
            "-ERR 'Authentication Timeout'\r\nPONG\r\n",
            "-ERR 'Maximum Payload Violation'\r\nPONG\r\n", // nothing after a closing error
            "RS+ $G foo\r\n"})                        // a route op
    void clientRefuses(String out) {
        assertThatThrownBy(() -> Replies.checkClient(bytes(out))).isInstanceOf(AssertionError.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "INFO {}\r\nCONNECT {}\r\nPING\r\nPONG\r\n",
            "RS+ $G foo\r\nRS+ $G foo q 3\r\nRS- $G foo\r\nRS- $G foo q\r\n",
            "RMSG $G foo 2\r\nhi\r\nRMSG $G foo r 0\r\n\r\nRMSG $G foo + r q1 q2 1\r\nx\r\nRMSG $G foo | q 1\r\nx\r\n",
            "HMSG $G foo + r q 12 14\r\nNATS/1.0\r\n\r\nhi\r\n",
            "-ERR 'Rejecting connection, cluster name \"a\" does not match \"b\"'\r\n",
            "-ERR 'attempted to connect to route port'\r\n",
            "-ERR 'Authorization Violation'\r\n",
            "INFO {}\r\n-ERR 'Authentication Timeout'\r\n"})
    void routeAccepts(String out) {
        assertThatCode(() -> Replies.checkRoute(bytes(out))).doesNotThrowAnyException();
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "+OK\r\n",
            "MSG foo 1 2\r\nhi\r\n",
            "RS+ ACC foo\r\n",
            "RS+ $G foo q\r\n",
            "RMSG $G foo + r 1\r\nx\r\n",              // "+" without queues
            "RMSG $G foo x q 1\r\nx\r\n",              // no marker before queues
            "RMSG $G foo 3\r\nx\r\n",
            "-ERR 'Permissions Violation for Publish to \"a\"'\r\n",
            "-ERR 'Authorization Violation'\r\nPING\r\n",
            "-ERR 'Stale Connection'\r\nPING\r\n"})
    void routeRefuses(String out) {
        assertThatThrownBy(() -> Replies.checkRoute(bytes(out))).isInstanceOf(AssertionError.class);
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }
}
