package no.kvik.notebook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.List;
import no.kvik.engine.IndicatorResult;
import no.kvik.engine.Period;
import no.kvik.engine.Periods;
import no.kvik.engine.ResultSchema;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.ColumnType;
import tech.tablesaw.api.Table;

class TablesawTypesTest {

    @Test
    void hugeintAndWideDecimalFromSumAreReadWithTheExplicitMap() throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:");
             Statement st = c.createStatement()) {
            st.execute("CREATE TABLE t AS SELECT * FROM (VALUES ('a', 2147483647, 1.2345::DECIMAL(9,4), DATE '2024-02-29'),"
                    + " ('a', 2147483647, 2.0001::DECIMAL(9,4), NULL), ('b', 5, NULL, DATE '2024-01-01')) AS v(k, n, d, dt)");
            try (ResultSet rs = st.executeQuery("SELECT k, sum(n) AS total, sum(d) AS dsum, max(dt) AS last, "
                    + "count(*) AS rows, sum(d) IS NULL AS empty FROM t GROUP BY k ORDER BY k")) {
                assertEquals("HUGEINT", rs.getMetaData().getColumnTypeName(2));
                assertEquals("DECIMAL(38,4)", rs.getMetaData().getColumnTypeName(3));
                Table table = TablesawTypes.read("sums", rs);
                assertEquals(ColumnType.LONG, table.column("total").type());
                assertEquals(ColumnType.DOUBLE, table.column("dsum").type());
                assertEquals(ColumnType.LOCAL_DATE, table.column("last").type());
                assertEquals(ColumnType.BOOLEAN, table.column("empty").type());
                assertEquals(4294967294L, table.longColumn("total").get(0));
                assertEquals(3.2346, table.doubleColumn("dsum").get(0), 1e-12);
                assertTrue(table.doubleColumn("dsum").isMissing(1));
                assertEquals(LocalDate.of(2024, 2, 29), table.dateColumn("last").get(0));
                assertEquals(2L, table.longColumn("rows").get(0));
            }
            try (ResultSet rs = st.executeQuery("SELECT CAST(1 AS HUGEINT) << 80 AS big")) {
                SQLException e = assertThrows(SQLException.class, () -> TablesawTypes.read("big", rs));
                assertEquals("column 'big': value does not fit a long", e.getMessage());
            }
            try (ResultSet rs = st.executeQuery("SELECT [1, 2] AS list")) {
                SQLException e = assertThrows(SQLException.class, () -> TablesawTypes.read("l", rs));
                assertTrue(e.getMessage().startsWith("column 'list': no Tablesaw type for DuckDB type INTEGER[]"), e.getMessage());
            }
        }
    }

    /** Every type the Arrow path takes, with NULLs and batch boundaries: the same table as the JDBC row loop. */
    @Test
    void arrowExportGivesTheSameTableAsTheRowLoop() throws Exception {
        String query = "SELECT 'unit ' || (i % 97) AS s, CAST(i % 100 AS TINYINT) AS ti, CAST(i % 30000 AS SMALLINT) AS si, "
                + "CAST(i AS INTEGER) AS n, i * 3000000000 AS big, CAST(i AS HUGEINT) * 7 AS huge, "
                + "CAST(i / 7 AS FLOAT) AS f, CASE WHEN i % 9 = 0 THEN NULL ELSE i / 3 END AS d, "
                + "CAST(i / 8 AS DECIMAL(9,4)) AS dec, CAST(i AS DECIMAL(38,2)) * 1.5 AS wide, i % 2 = 0 AS b, "
                + "DATE '1969-12-25' + CAST(i AS INTEGER) AS dt, CASE WHEN i % 5 = 0 THEN NULL ELSE 'ø' END AS maybe "
                + "FROM range(150000) t(i)";
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:");
             Statement st = c.createStatement()) {
            Table viaArrow;
            Table viaRows;
            try (ResultSet rs = st.executeQuery(query)) {
                viaArrow = TablesawTypes.read("t", rs);
            }
            try (ResultSet rs = st.executeQuery(query)) {
                viaRows = TablesawTypes.readRows("t", rs, TablesawTypes.kinds(rs.getMetaData()));
            }
            assertEquals(150000, viaArrow.rowCount());
            assertEquals(viaRows.columnNames(), viaArrow.columnNames());
            for (int j = 0; j < viaRows.columnCount(); j++) {
                assertEquals(viaRows.column(j).type(), viaArrow.column(j).type(), viaRows.column(j).name());
                for (int i = 0; i < viaRows.rowCount(); i++) {
                    assertEquals(viaRows.column(j).getString(i), viaArrow.column(j).getString(i), viaRows.column(j).name() + " row " + i);
                }
            }
            // spot values by hand: row 149999
            assertEquals(449997000000000L, viaArrow.longColumn("big").get(149999));
            assertEquals(1049993L, viaArrow.longColumn("huge").get(149999));
            assertEquals(LocalDate.of(1969, 12, 25).plusDays(149999), viaArrow.dateColumn("dt").get(149999));
            assertTrue(viaArrow.doubleColumn("d").isMissing(0));
            assertEquals("ø", viaArrow.stringColumn("maybe").get(1));
        }
    }

    @Test
    void resultRecordsBecomeATableWithTheResultSchema() {
        Period p = Periods.parse("2024-T2");
        IndicatorResult r = new IndicatorResult("x", "1.0.0", p.start(), p.end(), p.label(), "hf", "10", "HF Ti",
                3.0, 30.0, 0.1, 0.03, 0.26, null, null, null, null, null, null, null, null, null, null, null, "low", null);
        Table t = TablesawTypes.results("results", List.of(r));
        assertEquals(ResultSchema.names(), t.columnNames());
        assertEquals(ColumnType.LOCAL_DATE, t.column("period_start").type());
        assertEquals(ColumnType.BOOLEAN, t.column("fdr_flag").type());
        assertEquals(LocalDate.of(2024, 9, 1), t.dateColumn("period_end").get(0));
        assertEquals(0.1, t.doubleColumn("value").get(0));
        assertTrue(t.doubleColumn("expected").isMissing(0));
        assertTrue(t.stringColumn("suppressed").isMissing(0));
        assertEquals("low", t.stringColumn("goal_level").get(0));
    }
}
