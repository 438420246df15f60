package no.kvik.notebook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.ColumnType;
import tech.tablesaw.api.Table;

class TablesTest {

    /** A row as the notebook's records have them: boxed numbers may be null, primitives may be NaN. */
    private record Row(String unit, Double value, double z, Integer periods, Long denominator) {
    }

    private static final List<Row> ROWS = List.of(
            new Row("Oslo", 0.25, 1.5, 3, 120L),
            new Row("Andøy", null, Double.NaN, null, null),
            new Row("Bodø", 0.5, -2.0, 5, 7L));

    private static Table table(List<Row> rows) {
        return Tables.of("units", rows,
                Tables.text("unit", Row::unit),
                Tables.number("value", Row::value),
                Tables.number("z", Row::z),
                Tables.integer("periods", Row::periods),
                Tables.longInteger("denominator", Row::denominator));
    }

    @Test
    void columnsKeepTheGivenNamesTypesAndOrderAndRowsTheListOrder() {
        Table t = table(ROWS);
        assertEquals("units", t.name());
        assertEquals(List.of("unit", "value", "z", "periods", "denominator"), t.columnNames());
        assertEquals(List.<ColumnType>of(ColumnType.STRING, ColumnType.DOUBLE, ColumnType.DOUBLE, ColumnType.INTEGER, ColumnType.LONG),
                t.columns().stream().map(c -> c.type()).toList());
        assertEquals(3, t.rowCount());
        assertEquals(List.of("Oslo", "Andøy", "Bodø"), t.stringColumn("unit").asList());
        assertEquals(0.25, t.doubleColumn("value").get(0), 0.0);
        assertEquals(0.5, t.doubleColumn("value").get(2), 0.0);
        assertEquals(-2.0, t.doubleColumn("z").get(2), 0.0);
        assertEquals(5, t.intColumn("periods").get(2));
        assertEquals(120L, t.longColumn("denominator").get(0));
    }

    @Test
    void nullNumbersAreMissingAndNaNStaysNaN() {
        Table t = table(ROWS);
        assertTrue(t.doubleColumn("value").isMissing(1));
        assertTrue(Double.isNaN(t.doubleColumn("value").getDouble(1)), "Tablesaw stores a missing double as NaN");
        assertTrue(Double.isNaN(t.doubleColumn("z").getDouble(1)));
        assertTrue(t.doubleColumn("z").isMissing(1));
        assertTrue(t.intColumn("periods").isMissing(1));
        assertTrue(t.longColumn("denominator").isMissing(1));
        assertFalse(t.intColumn("periods").isMissing(0));
        assertEquals(1, t.doubleColumn("value").countMissing());
        assertEquals(1, t.longColumn("denominator").countMissing());
    }

    @Test
    void theSameTableAsColumnsBuiltByHand() {
        Table byHand = Table.create("units",
                tech.tablesaw.api.StringColumn.create("unit", "Oslo", "Andøy", "Bodø"),
                tech.tablesaw.api.DoubleColumn.create("value", new double[] {0.25, Double.NaN, 0.5}),
                tech.tablesaw.api.DoubleColumn.create("z", new double[] {1.5, Double.NaN, -2.0}),
                tech.tablesaw.api.IntColumn.create("periods", new int[] {3, Integer.MIN_VALUE, 5}),
                tech.tablesaw.api.LongColumn.create("denominator", new long[] {120L, Long.MIN_VALUE, 7L}));
        assertEquals(byHand.printAll(), table(ROWS).printAll());
        assertEquals(byHand.structure().printAll(), table(ROWS).structure().printAll());
    }

    @Test
    void noRowsGiveTheTypedColumnsEmpty() {
        Table t = table(List.of());
        assertEquals(0, t.rowCount());
        assertEquals(List.of("unit", "value", "z", "periods", "denominator"), t.columnNames());
        assertEquals(ColumnType.LONG, t.column("denominator").type());
    }
}
