package no.kvik.notebook;

import static org.junit.jupiter.api.Assertions.assertEquals;

import no.kvik.catalog.Measure;
import no.kvik.catalog.MeasureKind;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

class TableFormatsTest {

    private static Table table() {
        return Table.create("t", StringColumn.create("unit_name", "Oslo", "Andøy"),
                DoubleColumn.create("numerator", new double[] {53, Double.NaN}),
                DoubleColumn.create("denominator", new double[] {35168, Double.NaN}),
                DoubleColumn.create("value", new double[] {0.15070821529745043, Double.NaN}),
                DoubleColumn.create("o_e", new double[] {0.9999999999999999, Double.NaN}),
                DoubleColumn.create("fdr_q", new double[] {0.000123456, Double.NaN}),
                DoubleColumn.create("other", new double[] {1.23456789, Double.NaN}));
    }

    @Test
    void proportionsPrintInPercentCountsGroupedAndTheDataKeepEveryDigit() {
        Table t = TableFormats.apply(table(), new Measure(MeasureKind.PROPORTION, null, null));
        assertEquals("15.1%", t.column("value").getString(0));
        assertEquals("35,168", t.column("denominator").getString(0));
        assertEquals("53", t.column("numerator").getString(0));
        assertEquals("1.00", t.column("o_e").getString(0), "no 0.9999999999999999");
        assertEquals("0.0001", t.column("fdr_q").getString(0));
        assertEquals("1.2346", t.column("other").getString(0));
        assertEquals("", t.column("value").getString(1), "a missing value prints empty");
        assertEquals(0.15070821529745043, t.doubleColumn("value").get(0), 0.0, "rounded for display only");
    }

    @Test
    void ratesAndPer100ProportionsPrintWithFixedDecimals() {
        assertEquals("0.15", TableFormats.apply(table(), new Measure(MeasureKind.RATE, 1000.0, null))
                .column("value").getString(0));
        assertEquals("0.2", TableFormats.apply(table(), new Measure(MeasureKind.PROPORTION, 100.0, null))
                .column("value").getString(0));
    }
}
