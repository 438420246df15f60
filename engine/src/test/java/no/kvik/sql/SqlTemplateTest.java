package no.kvik.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SqlTemplateTest {

    @Test
    void findsParametersOutsideStringsCommentsAndQuotedIdentifiers() {
        SqlTemplate t = SqlTemplate.parse("""
                -- $not_a_param in a line comment
                SELECT '$in_string', 'it''s $quoted' AS "$ident", /* $block */ x
                FROM t WHERE d >= $period_start AND d < $period_end AND code = $code OR d = $period_start
                """);
        assertEquals(List.of("period_start", "period_end", "code", "period_start"), t.occurrences());
        assertEquals(Set.of("period_start", "period_end", "code"), t.parameterNames());
        assertTrue(t.jdbcText().contains("d >= ? AND d < ? AND code = ? OR d = ?"), t.jdbcText());
        assertTrue(t.jdbcText().contains("'$in_string', 'it''s $quoted' AS \"$ident\", /* $block */"), t.jdbcText());
        assertTrue(t.jdbcText().contains("-- $not_a_param"), t.jdbcText());
    }

    @Test
    void rejectsPositionalParametersAndUnclosedQuotes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SqlTemplate.parse("SELECT $1"));
        assertTrue(e.getMessage().contains("line 1, column 8"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> SqlTemplate.parse("SELECT 1\nWHERE x = 'abc"));
        assertTrue(e.getMessage().contains("unclosed ' quote starting at line 2, column 11"), e.getMessage());
    }

    @Test
    void bindsTypedValuesThroughJdbc() throws Exception {
        SqlTemplate t = SqlTemplate.parse(
                "SELECT $d + 1 AS next_day, $n * 2 AS twice, $s || '!' AS shout, $x / 4 AS quarter, $b AS flag, $d AS again");
        Map<String, ParameterType> types = Map.of("d", ParameterType.DATE, "n", ParameterType.INTEGER,
                "s", ParameterType.VARCHAR, "x", ParameterType.DOUBLE, "b", ParameterType.BOOLEAN);
        Map<String, Object> values = Map.of("d", ParameterType.DATE.convert("2024-02-28"),
                "n", ParameterType.INTEGER.convert(21), "s", "it's", "x", ParameterType.DOUBLE.convert("1.0"),
                "b", ParameterType.BOOLEAN.convert("true"));
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:");
             PreparedStatement ps = t.prepare(c, values, types);
             ResultSet rs = ps.executeQuery()) {
            rs.next();
            assertEquals(LocalDate.of(2024, 2, 29), rs.getObject(1, LocalDate.class));
            assertEquals(42, rs.getInt(2));
            assertEquals("it's!", rs.getString(3));
            assertEquals(0.25, rs.getDouble(4));
            assertTrue(rs.getBoolean(5));
            assertEquals(LocalDate.of(2024, 2, 28), rs.getObject(6, LocalDate.class));
        }
    }

    @Test
    void conversionErrorsSayWhatWasExpected() {
        assertEquals("expected a date yyyy-MM-dd, got '2024-13-01'",
                assertThrows(IllegalArgumentException.class, () -> ParameterType.DATE.convert("2024-13-01")).getMessage());
        assertEquals("expected INTEGER, got 1.5 (Double)",
                assertThrows(IllegalArgumentException.class, () -> ParameterType.INTEGER.convert(1.5)).getMessage());
        assertEquals("expected VARCHAR, got 301 (Integer)",
                assertThrows(IllegalArgumentException.class, () -> ParameterType.VARCHAR.convert(301)).getMessage());
    }
}
