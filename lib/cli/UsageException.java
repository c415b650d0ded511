package cli;

/** A command line that cannot be run: one line of reason; the caller adds the usage line and exits 2. */
public final class UsageException extends Exception {
    public UsageException(String message) {
        super(message);
    }
}
