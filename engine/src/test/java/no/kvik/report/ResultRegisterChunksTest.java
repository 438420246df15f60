package no.kvik.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import no.kvik.engine.IndicatorResult;
import no.kvik.engine.Period;
import no.kvik.engine.Periods;
import no.kvik.sql.DuckDb;
import org.junit.jupiter.api.Test;

/**
 * Result rows reach DuckDB through its appender (earlier: chunks of 200 through one reused prepared statement): every
 * row arrives once, in order, with its own values (a null never keeps the value of the row before).
 */
class ResultRegisterChunksTest {

    @Test
    void twoFullChunksAndAShortOneArriveInOrderWithTheirOwnValues() throws Exception {
        Period y = Periods.parse("2024");
        List<IndicatorResult> rows = new ArrayList<>();
        for (int i = 0; i < 450; i++) {
            // every 7th row has no interval: a null must not keep the value bound for the row at its place before
            rows.add(new IndicatorResult("ind", "1.0.0", y.start(), y.end(), y.label(), "hospital", "h" + i, "H " + i,
                    (double) i, 1000.0 + i, i / (1000.0 + i), i % 7 == 0 ? null : 0.1, i % 7 == 0 ? null : 0.9,
                    null, null, null, null, null, null, null, null, null, null, null, null, null));
        }
        try (Connection c = DuckDb.open(); Statement st = c.createStatement()) {
            ResultWriter.register(c, rows);
            try (ResultSet rs = st.executeQuery("SELECT unit_id, numerator, denominator, ci_low FROM "
                    + ResultWriter.TABLE + " ORDER BY rowid")) {
                int i = 0;
                while (rs.next()) {
                    assertEquals("h" + i, rs.getString(1));
                    assertEquals(i, rs.getDouble(2));
                    assertEquals(1000.0 + i, rs.getDouble(3));
                    assertEquals(i % 7 == 0 ? null : (Object) 0.1, rs.getObject(4), "row " + i);
                    i++;
                }
                assertEquals(450, i);
            }
        }
    }
}
