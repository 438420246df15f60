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
 * would otherwise have met its conditions.
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
        // macro name → the contracts it reads, closed over macros calling macros
        Map<String, String> macroText = new LinkedHashMap<>();
        for (String text : referenceSql) {
            Matcher m = MACRO.matcher(text);
            if (m.find()) macroText.put(m.group(1).toLowerCase(java.util.Locale.ROOT), text);
        }
        Map<String, Set<String>> macroReads = new TreeMap<>();
        macroText.forEach((name, text) -> macroReads.put(name, names(text, contractIds)));
        boolean changed = true;
        while (changed) {
            changed = false;
            for (Map.Entry<String, String> e : macroText.entrySet()) {
                for (String called : names(e.getValue(), macroText.keySet())) {
                    if (!called.equals(e.getKey()) && macroReads.get(e.getKey()).addAll(macroReads.get(called))) {
                        changed = true;
                    }
                }
            }
        }
        Map<String, Set<String>> readers = new TreeMap<>();
        contractIds.forEach(c -> readers.put(c, new TreeSet<>()));
        indicatorSql.forEach((id, text) -> {
            Set<String> reads = names(text, contractIds);
            names(text, macroText.keySet()).forEach(macro -> reads.addAll(macroReads.get(macro)));
            reads.forEach(c -> readers.get(c).add(id));
        });
        return readers;
    }

    /** Reads the indicator SQL files and the reference SQL files, then {@link #of}. */
    public static Map<String, Set<String>> read(Collection<String> contractIds, Map<String, Path> indicatorSqlFiles,
                                                Path referenceDir) throws IOException {
        Map<String, String> indicators = new TreeMap<>();
        for (Map.Entry<String, Path> e : indicatorSqlFiles.entrySet()) indicators.put(e.getKey(), Files.readString(e.getValue()));
        List<String> reference;
        try (Stream<Path> s = Files.list(referenceDir)) {
            List<Path> files = s.filter(p -> p.toString().endsWith(".sql")).sorted().toList();
            reference = new java.util.ArrayList<>();
            for (Path p : files) reference.add(Files.readString(p));
        }
        return of(contractIds, indicators, reference);
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
