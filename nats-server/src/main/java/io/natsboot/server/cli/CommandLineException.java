package io.natsboot.server.cli;

/** A command line that cannot be used; {@link #showUsage()} tells whether the usage text should follow. */
public final class CommandLineException extends RuntimeException {

    private final boolean showUsage;

    public CommandLineException(String message, boolean showUsage) {
        super(message);
        this.showUsage = showUsage;
    }

    /** True for malformed flags (unknown, missing or bad values), false for refused features. */
    public boolean showUsage() {
        return showUsage;
    }
}
