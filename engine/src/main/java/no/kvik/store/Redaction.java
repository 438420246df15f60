package no.kvik.store;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import no.kvik.contract.ColumnType;
import no.kvik.contract.Contract;
import no.kvik.contract.ContractColumn;

/**
 * Keeps person-level values out of everything the store writes (manifest, ingest records) and prints by default:
 * the sample values of flagged fields are masked whatever the field (a death date or a diagnosis is as personal as an
 * id; the reason name says what is wrong), other values quoted from a file are cut to {@value #MAX_VALUE_CHARS}
 * characters, DuckDB's read errors lose the row text they quote, and control characters are escaped ({@code \x1b})
 * so that a value cannot drive the terminal it is printed to.
 */
public final class Redaction {
    /** Longest value kept from a file in a message or record. */
    public static final int MAX_VALUE_CHARS = 40;
    static final String MASK = "***";

    /** DuckDB's CSV error kinds, which name no value; anything else it says about a row may quote it. */
    private static final List<Pattern> CSV_ERROR_KINDS = List.of(
            Pattern.compile("Value with unterminated quote found\\."),
            Pattern.compile("Value with an unescaped quote found[^\\n]{0,40}?\\."),
            Pattern.compile("Expected Number of Columns: \\d+ Found: \\d+"),
            Pattern.compile("Invalid unicode \\(byte sequence mismatch\\) detected\\.(?: This file is not [\\w-]{1,12} "
                    + "encoded\\.)?"),
            Pattern.compile("Maximum line size of \\d+ bytes exceeded\\.(?: Actual Size: ?\\d+ bytes\\.)?"));
    private static final Pattern CSV_LINE = Pattern.compile("CSV Error on Line: (\\d+)");
    private static final Pattern QUOTED = Pattern.compile("'[^'\\n]*'|\"[^\"\\n]*\"");

    private final Set<String> keyFields;

    private Redaction(Set<String> keyFields) {
        this.keyFields = keyFields;
    }

    /**
     * The fields of {@code contract} whose values identify a person or a record: text columns without a code system
     * that are the whole primary key or are named {@code *_id} (patient_id, episode_id, gp_id, …). A unit code such
     * as central_id has a code system and is public; so are the parts of an aggregate's key (year, municipality, sex).
     */
    public static Redaction of(Contract contract) {
        Set<String> keys = new TreeSet<>();
        for (ContractColumn c : contract.columns()) {
            boolean text = c.type() == ColumnType.VARCHAR && c.codeSystem() == null;
            boolean recordKey = contract.primaryKey().equals(List.of(c.name()));
            if (text && (recordKey || c.name().endsWith("_id"))) keys.add(c.name());
        }
        return new Redaction(keys);
    }

    public Set<String> keyFields() {
        return keyFields;
    }

    /**
     * A flagged sample {@code value} of {@code field} as it may be recorded or printed by default: masked, whatever
     * the field (issue #13 review: dates, diagnoses and causes of flagged rows were recorded in full).
     */
    public String value(String field, String value) {
        return mask(value);
    }

    /** Flagged sample values as they may be recorded. */
    Map<String, String> values(Map<String, String> values) {
        Map<String, String> out = new TreeMap<>();
        values.forEach((k, v) -> out.put(k, value(k, v)));
        return out;
    }

    /** At most the first third (and at most 2) of the characters, then {@value #MASK}: enough to tell ids apart. */
    public static String mask(String value) {
        if (value == null) return null;
        int keep = Math.min(2, value.length() / 3);
        return escape(value.substring(0, keep)) + MASK;
    }

    /**
     * {@code value} with its control characters (C0, DEL, C1) and invisible format characters (bidi overrides, …)
     * written as {@code \xNN} (above U+00FF: backslash, u and 4 hex digits), so that printing it cannot set a
     * window title or hide text.
     */
    public static String escape(String value) {
        if (value == null) return null;
        StringBuilder out = null;
        for (int i = 0; i < value.length(); i++) {
            char ch = value.charAt(i);
            int type = Character.getType(ch);
            if (type == Character.CONTROL || type == Character.FORMAT) {
                if (out == null) out = new StringBuilder(value.substring(0, i));
                out.append(ch <= 0xFF ? String.format("\\x%02x", (int) ch) : String.format("\\u%04x", (int) ch));
            } else if (out != null) {
                out.append(ch);
            }
        }
        return out == null ? value : out.toString();
    }

    /** The first {@value #MAX_VALUE_CHARS} characters, saying how long the whole was when cut. */
    public static String truncate(String value) {
        if (value == null || value.length() <= MAX_VALUE_CHARS) return escape(value);
        return escape(value.substring(0, MAX_VALUE_CHARS)) + "… (" + value.length() + " characters)";
    }

    /**
     * DuckDB's error as a reason that may be recorded: for a CSV error, the line number and the kind of error
     * (DuckDB quotes the whole offending row, and after an unterminated quote every row up to the end of the file);
     * for any other error, its first line with quoted text removed, cut to 200 characters.
     */
    static String duckDbReason(String message) {
        String m = message.replaceFirst("^[A-Za-z ]+Error: ", "");
        int original = m.indexOf("Original Line:");
        Matcher line = CSV_LINE.matcher(m);
        boolean numbered = line.find() && (original < 0 || line.start() < original);
        if (numbered || original >= 0) {
            // the quoted row comes before the kind: of a phrase that the row happens to contain too, DuckDB's is last
            String after = m.substring(Math.max(0, original));
            String kind = null;
            int at = -1;
            for (Pattern p : CSV_ERROR_KINDS) {
                Matcher k = p.matcher(after);
                while (k.find()) {
                    if (k.start() > at) {
                        at = k.start();
                        kind = k.group();
                    }
                }
            }
            // DuckDB counts file lines; kvik's messages count data rows, and every contract's file has a header line
            return (numbered ? "CSV error on line " + line.group(1) + " (data row "
                    + (Long.parseLong(line.group(1)) - 1) + ")" : "CSV error") + ": "
                    + (kind == null ? "(DuckDB's details are not shown: they quote the row)" : kind);
        }
        String first = m.lines().findFirst().orElse("").strip();
        first = escape(QUOTED.matcher(first).replaceAll("'…'"));
        return first.length() > 200 ? first.substring(0, 200) + "…" : first;
    }

    /** A file's header field as it may be quoted in a reason (a header of a broken file may hold data). */
    static String headerName(String name) {
        return truncate(name);
    }
}
