package no.kvik.store;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import no.kvik.reference.ReferenceData;

/**
 * What an SQL text names, directly and through the curated reference views and macros of {@code sql/reference} it
 * uses (and those use in turn): the registry views an indicator really reads, though its own file may only call a
 * macro. Names are lower-cased identifiers outside comments and string literals, so the closure may hold words that
 * name nothing; a caller asks it about the names it knows.
 */
public final class SqlDependencies {
    private static final Pattern DEFINED = Pattern.compile(
            "(?i)CREATE\\s+OR\\s+REPLACE\\s+(?:TEMP\\s+|TEMPORARY\\s+)?(?:VIEW|MACRO|TABLE)\\s+([a-z_][a-z0-9_]*)");
    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    /** The names a text uses and the reference files that define the ones among them it reaches. */
    public record Closure(Set<String> names, Set<Path> files) {
        public Closure {
            names = java.util.Collections.unmodifiableSet(names);
            files = java.util.Collections.unmodifiableSet(files);
        }
    }

    private final Map<Path, String> referenceSql;
    private final Map<String, Path> definedIn;

    private SqlDependencies(Map<Path, String> referenceSql, Map<String, Path> definedIn) {
        this.referenceSql = referenceSql;
        this.definedIn = definedIn;
    }

    /** Reads the reference SQL files of {@code referenceSqlDir} once. */
    public static SqlDependencies of(Path referenceSqlDir) throws IOException, java.sql.SQLException {
        Map<Path, String> texts = new LinkedHashMap<>();
        Map<String, Path> defined = new LinkedHashMap<>();
        for (Path file : ReferenceData.sqlFiles(referenceSqlDir)) {
            String text = Files.readString(file, StandardCharsets.UTF_8);
            texts.put(file, text);
            Matcher m = DEFINED.matcher(text);
            while (m.find()) defined.put(m.group(1).toLowerCase(Locale.ROOT), file);
        }
        return new SqlDependencies(texts, defined);
    }

    /** The reference files in the order they are created, with their text. */
    public Map<Path, String> referenceSql() {
        return java.util.Collections.unmodifiableMap(referenceSql);
    }

    /** Everything {@code sql} names, through the reference files it needs. */
    public Closure closure(String sql) {
        Set<String> needed = new LinkedHashSet<>();
        Set<Path> filesRead = new LinkedHashSet<>();
        Deque<String> texts = new ArrayDeque<>(List.of(sql));
        while (!texts.isEmpty()) {
            for (String name : identifiers(texts.pop())) {
                if (!needed.add(name)) continue;
                Path file = definedIn.get(name);
                if (file != null && filesRead.add(file)) texts.push(referenceSql.get(file));
            }
        }
        return new Closure(needed, filesRead);
    }

    /** The lower-cased identifiers of an SQL text outside {@code --} comments and string literals. */
    static Set<String> identifiers(String sql) {
        String code = sql.replaceAll("--[^\n]*", " ").replaceAll("'([^']|'')*'", "''");
        Set<String> names = new LinkedHashSet<>();
        Matcher m = IDENTIFIER.matcher(code);
        while (m.find()) names.add(m.group().toLowerCase(Locale.ROOT));
        return names;
    }
}
