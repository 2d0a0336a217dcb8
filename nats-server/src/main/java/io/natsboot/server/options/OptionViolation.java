package io.natsboot.server.options;

/**
 * One way a set of {@link ServerOptions} breaks {@link OptionsRule}: the option it concerns (nats-server's config
 * name, e.g. {@code max_payload}, {@code cluster.tls}), the option it conflicts with when the rule ties two
 * together, and nats-server's wording of the problem. Each front end (command line, embedded server, Spring) words
 * it for its own users from these.
 *
 * @param option  the option the violation concerns
 * @param related the other option of a cross-field rule, or {@code null}
 * @param message the problem in nats-server's words, as the embedded server reports it
 */
public record OptionViolation(String option, String related, String message) {

    public OptionViolation {
        if (option == null || message == null) {
            throw new IllegalArgumentException("a violation names its option and its problem");
        }
    }

    static OptionViolation of(String option, String message) {
        return new OptionViolation(option, null, message);
    }
}
