package no.kvik.sql;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * An SQL text with DuckDB-style named parameters ({@code $name}). Parameters are found outside string
 * literals, quoted identifiers and comments, and rewritten to JDBC {@code ?} placeholders so that values
 * are always bound, never spliced into the text.
 *
 * @param text        the SQL as written
 * @param jdbcText    the same SQL with every {@code $name} replaced by {@code ?}
 * @param occurrences parameter names in the order of their {@code ?} placeholders (a name used twice appears twice)
 */
public record SqlTemplate(String text, String jdbcText, List<String> occurrences) {

    public SqlTemplate {
        occurrences = List.copyOf(occurrences);
    }

    /** The distinct parameter names, in order of first use. */
    public Set<String> parameterNames() {
        return new LinkedHashSet<>(occurrences);
    }

    /** Parses {@code text}; throws IllegalArgumentException for positional ({@code $1}) parameters or unclosed quotes/comments. */
    public static SqlTemplate parse(String text) {
        StringBuilder out = new StringBuilder(text.length());
        List<String> names = new ArrayList<>();
        int i = 0;
        int n = text.length();
        while (i < n) {
            char c = text.charAt(i);
            if (c == '\'' || c == '"') {
                int end = closingQuote(text, i, c);
                out.append(text, i, end);
                i = end;
            } else if (c == '-' && i + 1 < n && text.charAt(i + 1) == '-') {
                int end = text.indexOf('\n', i);
                end = end < 0 ? n : end;
                out.append(text, i, end);
                i = end;
            } else if (c == '/' && i + 1 < n && text.charAt(i + 1) == '*') {
                int end = text.indexOf("*/", i + 2);
                if (end < 0) throw new IllegalArgumentException("unclosed /* comment at " + position(text, i));
                out.append(text, i, end + 2);
                i = end + 2;
            } else if (c == '$') {
                int j = i + 1;
                if (j < n && Character.isDigit(text.charAt(j))) {
                    throw new IllegalArgumentException("positional parameter at " + position(text, i)
                            + ": use a named parameter ($name)");
                }
                if (j < n && text.charAt(j) == '$') {
                    throw new IllegalArgumentException("dollar-quoted string at " + position(text, i)
                            + " is not supported: use '…'");
                }
                while (j < n && (Character.isLetterOrDigit(text.charAt(j)) || text.charAt(j) == '_')) j++;
                if (j == i + 1) throw new IllegalArgumentException("lone '$' at " + position(text, i));
                names.add(text.substring(i + 1, j));
                out.append('?');
                i = j;
            } else {
                out.append(c);
                i++;
            }
        }
        return new SqlTemplate(text, out.toString(), names);
    }

    /**
     * Prepares the statement and binds each placeholder from {@code values} (already converted, see
     * {@link ParameterType#convert}) with its type from {@code types}.
     */
    public PreparedStatement prepare(Connection connection, Map<String, Object> values, Map<String, ParameterType> types)
            throws SQLException {
        for (String name : parameterNames()) {
            if (!values.containsKey(name)) throw new IllegalArgumentException("no value for parameter $" + name);
            if (!types.containsKey(name)) throw new IllegalArgumentException("no type for parameter $" + name);
        }
        PreparedStatement ps = connection.prepareStatement(jdbcText);
        try {
            for (int k = 0; k < occurrences.size(); k++) {
                String name = occurrences.get(k);
                types.get(name).bind(ps, k + 1, values.get(name));
            }
        } catch (SQLException | RuntimeException e) {
            ps.close();
            throw e;
        }
        return ps;
    }

    private static int closingQuote(String text, int start, char quote) {
        int i = start + 1;
        while (i < text.length()) {
            if (text.charAt(i) == quote) {
                if (i + 1 < text.length() && text.charAt(i + 1) == quote) {
                    i += 2; // doubled quote is an escaped quote
                    continue;
                }
                return i + 1;
            }
            i++;
        }
        throw new IllegalArgumentException("unclosed " + quote + " quote starting at " + position(text, start));
    }

    private static String position(String text, int index) {
        int line = 1;
        int col = 1;
        for (int k = 0; k < index; k++) {
            if (text.charAt(k) == '\n') {
                line++;
                col = 1;
            } else {
                col++;
            }
        }
        return "line " + line + ", column " + col;
    }
}
