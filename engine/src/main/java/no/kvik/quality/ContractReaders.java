package no.kvik.quality;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Which indicators read which registry contract: an indicator reads a contract when its SQL names the contract's
 * view, or calls a curated reference macro (sql/reference) that does, directly or through other macros. Read from
 * the SQL text, so it is an upper bound: an indicator that reads a contract loses an unusable row only if the row
 * would otherwise have met its conditions. {@link #ofFields} does the same for field names: which indicators use a
 * field whose invalid value is stored NULL.
 */
public final class ContractReaders {
    private static final Pattern MACRO = Pattern.compile("(?i)CREATE\\s+OR\\s+REPLACE\\s+MACRO\\s+([a-z_][a-z0-9_]*)");

    private ContractReaders() {
    }

    /**
     * Contract id → the ids of the indicators reading it (sorted). {@code indicatorSql}: indicator id → its SQL text;
     * {@code referenceSql}: the texts of the reference files.
     */
    public static Map<String, Set<String>> of(Collection<String> contractIds, Map<String, String> indicatorSql,
                                              Collection<String> referenceSql) {
        return users(contractIds, indicatorSql, referenceSql);
    }

    /**
     * Field name → the ids of the indicators whose SQL, or a reference macro it calls (directly or through other
     * macros), names the field as a whole word outside comments (sorted). Read from the SQL text, so an upper bound
     * of the indicators that need the field's value; intersect with {@link #of} for the indicators reading the
     * field's contract (other contracts may have a field of the same name).
     */
    public static Map<String, Set<String>> ofFields(Collection<String> fieldNames, Map<String, String> indicatorSql,
                                                    Collection<String> referenceSql) {
        return users(fieldNames, indicatorSql, referenceSql);
    }

    /** Name → the indicators naming it, themselves or through the macros they call. */
    private static Map<String, Set<String>> users(Collection<String> names, Map<String, String> indicatorSql,
                                                  Collection<String> referenceSql) {
        // macro name → the names it uses, closed over macros calling macros
        Map<String, String> macroText = new LinkedHashMap<>();
        for (String text : referenceSql) macroText.putAll(macros(text));
        Map<String, Set<String>> macroUses = new TreeMap<>();
        macroText.forEach((name, text) -> macroUses.put(name, names(text, names)));
        // macro name → the macros it calls, read once rather than on every pass of the closure
        Map<String, Set<String>> calls = new LinkedHashMap<>();
        macroText.forEach((name, text) -> calls.put(name, names(text, macroText.keySet())));
        boolean changed = true;
        while (changed) {
            changed = false;
            for (Map.Entry<String, Set<String>> e : calls.entrySet()) {
                for (String called : e.getValue()) {
                    if (!called.equals(e.getKey()) && macroUses.get(e.getKey()).addAll(macroUses.get(called))) {
                        changed = true;
                    }
                }
            }
        }
        Map<String, Set<String>> users = new TreeMap<>();
        names.forEach(c -> users.put(c, new TreeSet<>()));
        indicatorSql.forEach((id, text) -> {
            Set<String> uses = names(text, names);
            names(text, macroText.keySet()).forEach(macro -> uses.addAll(macroUses.get(macro)));
            uses.forEach(c -> users.get(c).add(id));
        });
        return users;
    }

    /** Reads the indicator SQL files and the reference SQL files, then {@link #of}. */
    public static Map<String, Set<String>> read(Collection<String> contractIds, Map<String, Path> indicatorSqlFiles,
                                                Path referenceDir) throws IOException {
        Sql sql = Sql.read(indicatorSqlFiles, referenceDir);
        return of(contractIds, sql.indicators(), sql.reference());
    }

    /** The SQL texts: indicator id → its SQL, and the texts of the reference macro files. */
    public record Sql(Map<String, String> indicators, List<String> reference) {
        /** Reads the indicator SQL files and the reference SQL files ({@code *.sql} in {@code referenceDir}). */
        public static Sql read(Map<String, Path> indicatorSqlFiles, Path referenceDir) throws IOException {
            Map<String, String> indicators = new TreeMap<>();
            for (Map.Entry<String, Path> e : indicatorSqlFiles.entrySet()) {
                indicators.put(e.getKey(), Files.readString(e.getValue()));
            }
            List<String> reference = new java.util.ArrayList<>();
            try (Stream<Path> s = Files.list(referenceDir)) {
                for (Path p : s.filter(p -> p.toString().endsWith(".sql")).sorted().toList()) {
                    reference.add(Files.readString(p));
                }
            }
            return new Sql(indicators, reference);
        }
    }

    /**
     * Each macro a reference file defines → its own statement's text (from its CREATE to the next macro's): a file may
     * define a family's cohort beside the macro that reads it, and each must be known by its own uses.
     */
    static Map<String, String> macros(String text) {
        Map<String, String> macros = new LinkedHashMap<>();
        Matcher m = MACRO.matcher(text);
        String name = null;
        int start = 0;
        while (m.find()) {
            if (name != null) macros.put(name, text.substring(start, m.start()));
            name = m.group(1).toLowerCase(java.util.Locale.ROOT);
            start = m.start();
        }
        if (name != null) macros.put(name, text.substring(start));
        return macros;
    }

    /** The names out of {@code candidates} that occur in {@code text} as whole words (SQL comments removed). */
    private static Set<String> names(String text, Collection<String> candidates) {
        String code = text.replaceAll("--[^\n]*", " ").toLowerCase(java.util.Locale.ROOT);
        Set<String> found = new TreeSet<>();
        for (String name : candidates) {
            if (Pattern.compile("(?<![a-z0-9_])" + Pattern.quote(name) + "(?![a-z0-9_])").matcher(code).find()) {
                found.add(name);
            }
        }
        return found;
    }
}
