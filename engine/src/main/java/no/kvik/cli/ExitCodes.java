package no.kvik.cli;

/** Process exit codes of every kvik subcommand. */
public final class ExitCodes {
    /** Everything went well. */
    public static final int OK = 0;
    /** The run finished but found data errors (rejected files, flagged rows, failed checks). */
    public static final int DATA_ERRORS = 1;
    /** The command line was wrong, or an input could not be used at all. */
    public static final int USAGE = 2;
    /** The store is busy: another ingest or store command holds its lock. Nothing was changed; try again later. */
    public static final int STORE_BUSY = 3;

    private ExitCodes() {
    }
}
