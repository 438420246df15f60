package no.kvik.store;

/**
 * The reasons a stored row can be flagged with. {@code _errors} and {@code _warnings} hold
 * {@code reason:field} items joined by {@value #SEPARATOR}, in contract column order, then row rules
 * (reason = the rule id), then the duplicate key check; at most one reason per column check. A flagged field is
 * stored as NULL (field-level validity); whether the row stays in the contract's view is the contract's choice
 * ({@link no.kvik.store.Store#usable}).
 */
public final class ErrorReasons {
    public static final String SEPARATOR = "; ";
    /** A required value is empty. */
    public static final String MISSING = "missing";
    /** The value cannot be read as the column's type (number, date, timestamp, boolean). */
    public static final String TYPE = "type";
    /** The value is not in the column's closed set of allowed values. */
    public static final String NOT_ALLOWED = "not_allowed";
    /** A number outside the column's min/max (e.g. an impossible age). */
    public static final String OUT_OF_RANGE = "out_of_range";
    /** A code (or list element) not in its code system. */
    public static final String INVALID_CODE = "invalid_code";
    /** A unit reference (organisation, municipality, area, central) not in the reference tables. */
    public static final String UNKNOWN_REFERENCE = "unknown_reference";
    /** The primary key repeats an earlier row of the same delivery. */
    public static final String DUPLICATE_KEY = "duplicate_key";
    /** A key field holds a control character (NUL, CR, tab inside, …): never trimmed, always flagged (in a code
     * field it fails the code check). */
    public static final String CONTROL_CHARACTER = "control_character";
    /** A key field has leading or trailing blanks and the contract does not trim them ({@code trimKeys}). */
    public static final String PADDED = "padded";
    /** Warning: a well-formed NCSP code missing from the (2017) code list. */
    public static final String UNKNOWN_CODE = "unknown_code";

    private ErrorReasons() {
    }
}
