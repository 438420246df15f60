package no.kvik.catalog;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The generated header of every indicator SQL file: a comment block listing the parameters the file receives (name,
 * type, default and meaning, from the metadata of the indicators that run it), so that the SQL explains itself without
 * its JSON. Written by {@code kvik sql --headers}; {@code SqlHeadersTest} fails while a file's header is missing or
 * stale. Only comments: the query, and so every result, is the same with or without it.
 */
public final class SqlHeaders {
    public static final String BEGIN = "-- kvik parameters (generated from the metadata by `kvik sql --headers`; do not edit)";
    public static final String END = "-- end of kvik parameters";
    private static final int WIDTH = 110;
    private static final char UNBROKEN_SPACE = '\u0000';

    private SqlHeaders() {
    }

    /** SQL file → the indicators that run it (one for an own file, several for a shared one), in catalogue order. */
    public static Map<Path, List<Indicator>> byFile(Catalogue catalogue) {
        Map<Path, List<Indicator>> byFile = new TreeMap<>();
        for (Indicator i : catalogue.all()) {
            byFile.computeIfAbsent(i.sqlFile().toAbsolutePath().normalize(), f -> new ArrayList<>()).add(i);
        }
        return byFile;
    }

    /** The header for a file run by {@code users}: one entry per parameter, in order of first use in the SQL. */
    public static String header(List<Indicator> users) {
        Indicator first = users.get(0);
        List<String> lines = new ArrayList<>();
        lines.add(BEGIN);
        if (users.size() > 1) {
            lines.addAll(wrap("Shared by " + users.size() + " indicators: "
                    + String.join(", ", users.stream().map(Indicator::id).toList()) + ".", "-- ", "--   "));
        }
        for (String name : first.sql().parameterNames()) {
            if (name.equals(Indicator.PERIOD_START)) {
                lines.add("-- $period_start DATE: first day of the period, inclusive (given by the run)");
                continue;
            }
            if (name.equals(Indicator.PERIOD_END)) {
                lines.add("-- $period_end DATE: day after the period, exclusive (given by the run)");
                continue;
            }
            Set<String> descriptions = new LinkedHashSet<>();
            Map<String, String> defaults = new LinkedHashMap<>();
            String type = null;
            for (Indicator i : users) {
                for (ParameterDecl p : i.meta().parameters()) {
                    if (!p.name().equals(name)) continue;
                    type = p.type().name();
                    descriptions.add(p.description() == null ? "" : p.description().strip());
                    defaults.put(i.id(), shown(p.type().convert(p.defaultValue())));
                }
            }
            Set<String> distinctDefaults = new LinkedHashSet<>(defaults.values());
            String head = "$" + name + " " + type + (distinctDefaults.size() == 1 ? " = " + distinctDefaults.iterator().next() : "")
                    + ": " + String.join(" / ", descriptions);
            lines.addAll(wrap(head, "-- ", "--     "));
            if (distinctDefaults.size() > 1) {
                List<String> each = new ArrayList<>();
                // an id and its value stay on one line
                defaults.forEach((id, value) -> each.add(id + UNBROKEN_SPACE + value));
                lines.addAll(wrap("defaults: " + String.join(", ", each), "--     ", "--       "));
            }
        }
        lines.add(END);
        return String.join("\n", lines) + "\n";
    }

    /** A default as a reader of the SQL writes it: text quoted as in SQL, numbers and truth values plain. */
    private static String shown(Object value) {
        return value instanceof String s ? "'" + s.replace("'", "''") + "'" : String.valueOf(value);
    }

    /** {@code text} with its header (if any: the block from {@link #BEGIN} to {@link #END} at the top) replaced by {@code header}. */
    public static String withHeader(String text, String header) {
        return header + withoutHeader(text);
    }

    /** The text after the header, or the whole text when it does not open with one. */
    static String withoutHeader(String text) {
        if (!text.startsWith(BEGIN)) return text;
        int end = text.indexOf("\n" + END);
        if (end < 0) return text;
        int after = text.indexOf('\n', end + 1 + END.length());
        return after < 0 ? "" : text.substring(after + 1);
    }

    /** The SQL files whose header is missing or differs from what the metadata gives, with what they should hold. */
    public static Map<Path, String> stale(Catalogue catalogue) throws IOException {
        Map<Path, String> stale = new TreeMap<>();
        for (Map.Entry<Path, List<Indicator>> f : byFile(catalogue).entrySet()) {
            String text = Files.readString(f.getKey(), StandardCharsets.UTF_8);
            String expected = withHeader(text, header(f.getValue()));
            if (!expected.equals(text)) stale.put(f.getKey(), expected);
        }
        return stale;
    }

    /** Writes the header of every stale file; returns the files written. */
    public static List<Path> write(Catalogue catalogue) throws IOException {
        Map<Path, String> stale = stale(catalogue);
        for (Map.Entry<Path, String> f : stale.entrySet()) Files.writeString(f.getKey(), f.getValue(), StandardCharsets.UTF_8);
        return List.copyOf(stale.keySet());
    }

    /** Words of {@code text} in lines of at most {@link #WIDTH} characters (a longer word gets a line of its own). */
    private static List<String> wrap(String text, String firstPrefix, String nextPrefix) {
        List<String> lines = new ArrayList<>();
        StringBuilder line = new StringBuilder(firstPrefix);
        int prefixLength = firstPrefix.length();
        for (String word : text.split(" ")) {
            if (line.length() > prefixLength && line.length() + 1 + word.length() > WIDTH) { // NUL counts as the space it becomes
                lines.add(line.toString());
                line = new StringBuilder(nextPrefix);
                prefixLength = nextPrefix.length();
            }
            if (line.length() > prefixLength) line.append(' ');
            line.append(word.replace(UNBROKEN_SPACE, ' '));
        }
        lines.add(line.toString());
        return lines;
    }
}
