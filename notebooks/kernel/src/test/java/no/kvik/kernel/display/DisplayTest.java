package no.kvik.kernel.display;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.spencerpark.jupyter.kernel.display.DisplayData;
import io.github.spencerpark.jupyter.kernel.display.Renderer;
import io.github.spencerpark.jupyter.kernel.display.mime.MIMEType;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

class DisplayTest {

    private static Table table(int rows) {
        String[] names = new String[rows];
        double[] values = new double[rows];
        for (int i = 0; i < rows; i++) {
            names[i] = "unit " + i;
            values[i] = i / 4.0;
        }
        return Table.create("t", StringColumn.create("unit", names), DoubleColumn.create("rate", values));
    }

    @Test
    void smallTableIsShownWhole() {
        Table t = Table.create("Helse <Vest>", StringColumn.create("a&b", "x\"y", "<z>"), DoubleColumn.create("v", 1.5, Double.NaN));
        String html = TableHtml.html(new TablePage(t, 0, 50));
        assertEquals("<div class=\"kvik-table-wrap\" style=\"overflow-x:auto\"><table class=\"kvik-table\"><caption>Helse &lt;Vest&gt;</caption>"
                + "<thead><tr><th title=\"STRING\">a&amp;b</th><th title=\"DOUBLE\">v</th></tr></thead><tbody>"
                + "<tr><td>x&quot;y</td><td style=\"text-align:right\">1.5</td></tr>"
                + "<tr><td>&lt;z&gt;</td><td style=\"text-align:right\"></td></tr>"
                + "</tbody></table></div><p class=\"kvik-table-note\">2 rows, 2 columns</p>", html);
    }

    @Test
    void suppressedRowsShowTheirReasonAndNumbersPrintWithTheirFormat() {
        DoubleColumn value = DoubleColumn.create("value", new double[] {0.15070821529745043, Double.NaN});
        // as no.kvik.notebook.TableFormats sets it for a proportion: percent with one decimal, display only
        value.setPrintFormatter(new tech.tablesaw.columns.numbers.NumberColumnFormatter(
                new java.text.DecimalFormat("0.0%", java.text.DecimalFormatSymbols.getInstance(java.util.Locale.ROOT)), ""));
        Table t = Table.create("r", StringColumn.create("unit_id", "0301", "1871"),
                StringColumn.create("unit_name", "Oslo", "Andøy"), DoubleColumn.create("denominator", new double[] {353, Double.NaN}),
                value, StringColumn.create("suppressed", "", "primary_denominator"));
        String html = TableHtml.html(new TablePage(t, 0, 50));
        assertTrue(html.contains("<td>Oslo</td><td style=\"text-align:right\">353</td><td style=\"text-align:right\">15.1%</td>"), html);
        assertTrue(html.contains("<td>Andøy</td><td style=\"text-align:right\"></td><td class=\"kvik-suppressed\" "
                + "style=\"text-align:right;color:#777;font-style:italic\" title=\"suppressed: primary_denominator\">"
                + "suppressed: primary_denominator</td>"), html);
        assertEquals(0.15070821529745043, t.doubleColumn("value").get(0), 0.0, "the data keep every digit");
    }

    @Test
    void pagesShowTheirRowsAndCountTheRest() {
        Table t = table(7);
        String first = TableHtml.html(new TablePage(t, 0, 3));
        assertEquals(3, first.split("<tr><td>", -1).length - 1);
        assertTrue(first.contains("<td>unit 2</td><td style=\"text-align:right\">0.5</td>"), first);
        assertTrue(first.endsWith("rows 1–3 of 7 (… 4 more rows), 2 columns</p>"), first);

        String last = TableHtml.html(new TablePage(t, 6, 3));
        assertEquals(1, last.split("<tr><td>", -1).length - 1);
        assertTrue(last.contains("<td>unit 6</td>"), last);
        assertTrue(last.endsWith("rows 7–7 of 7, 2 columns</p>"), last);

        assertEquals("rows 3–5 of 6 (… 1 more row), 1 column", TableHtml.note(6, 1, 2, 5));
        assertEquals("0 rows, 3 columns", TableHtml.note(0, 3, 0, 0));
        assertEquals(0, new TablePage(t, 10, 3).shownRows());
        assertThrows(IllegalArgumentException.class, () -> new TablePage(t, 0, 0));
        assertThrows(IllegalArgumentException.class, () -> new TablePage(t, -1, 5));
    }

    @Test
    void rendererUsesRowLimitForTables() {
        Renderer r = new Renderer();
        KvikRenderers.register(r, () -> 2);
        DisplayData d = r.render(table(5));
        String html = (String) d.getData(MIMEType.parse("text/html"));
        assertEquals(2, html.split("<tr><td>", -1).length - 1);
        assertTrue(html.contains("(… 3 more rows)"), html);
        String text = d.getData(MIMEType.parse("text/plain")).toString();
        assertTrue(text.contains("unit 1") && !text.contains("unit 2"), text);
        assertTrue(text.endsWith("\nrows 1–2 of 5 (… 3 more rows), 2 columns"), text);
    }

    @Test
    void svgNeedsSvgMarkupAndDropsPrologForHtml() {
        Svg s = new Svg("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<!-- funnel -->\n<!DOCTYPE svg>\n<svg width=\"4\"></svg>");
        assertEquals("<svg width=\"4\"></svg>", s.inline());
        Renderer r = new Renderer();
        KvikRenderers.register(r, () -> 10);
        DisplayData d = r.render(s);
        assertEquals("<svg width=\"4\"></svg>", d.getData(MIMEType.parse("text/html")));
        assertEquals(s.markup(), d.getData(MIMEType.parse("image/svg+xml")));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new Svg("<html>not svg</html>"));
        assertTrue(e.getMessage().contains("not an SVG document"), e.getMessage());
    }

    @Test
    void pngChecksSignatureReadsSizeAndEncodesBase64() throws IOException {
        BufferedImage img = new BufferedImage(5, 3, BufferedImage.TYPE_INT_RGB);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(img, "png", out);
        byte[] bytes = out.toByteArray();
        Png png = new Png(bytes);
        assertEquals(5, png.width());
        assertEquals(3, png.height());
        bytes[20] = 1; // the record copied its input
        assertEquals(3, png.height());
        assertArrayEquals(out.toByteArray(), Base64.getDecoder().decode(png.base64()));
        assertEquals(new Png(out.toByteArray()), png);

        Renderer r = new Renderer();
        KvikRenderers.register(r, () -> 10);
        assertEquals(png.base64(), r.render(png).getData(MIMEType.parse("image/png")));

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new Png("GIF89a-not-a-png-at-all!".getBytes()));
        assertTrue(e.getMessage().contains("not a PNG image"), e.getMessage());
    }

    @Test
    void kvikChartRendersAsVegaLiteAndPngNotAsARecord() throws IOException {
        BufferedImage img = new BufferedImage(7, 2, BufferedImage.TYPE_INT_RGB);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(img, "png", out);
        no.kvik.notebook.Chart chart = new no.kvik.notebook.Chart("funnel", "<?xml version=\"1.0\"?>\n<svg width=\"7\"></svg>",
                out.toByteArray(), "{\"$schema\":\"https://vega.github.io/schema/vega-lite/v5.json\",\"mark\":\"point\"}");
        Renderer r = new Renderer();
        KvikRenderers.register(r, () -> 10);
        DisplayData d = r.render(chart);
        Object spec = d.getData(MIMEType.parse("application/vnd.vegalite.v5+json"));
        // a JSON object in the bundle, not a string holding JSON (JupyterLab's renderer needs the object)
        assertTrue(spec instanceof com.google.gson.JsonObject, String.valueOf(spec));
        assertEquals("point", ((com.google.gson.JsonObject) spec).get("mark").getAsString());
        assertArrayEquals(out.toByteArray(), Base64.getDecoder().decode((String) d.getData(MIMEType.parse("image/png"))));
        // nbconvert 6.5 would pick SVG over PNG and strip it to an empty box
        assertEquals(null, d.getData(MIMEType.parse("image/svg+xml")), "no SVG in the bundle");
        assertEquals(null, d.getData(MIMEType.parse("text/html")), "a chart, not the record table");
    }

    record Source(String registry, int year) {
    }

    record Meta(String id, String title, Optional<String> unit, List<String> tags, Source source, String missing) {
    }

    @Test
    void recordsRenderAsDefinitionTables() {
        String html = RecordHtml.html(new Meta("K1", "Død < 30 dager & mer", Optional.empty(), List.of("a", "b"), new Source("NPR", 2024), null));
        assertEquals("<table class=\"kvik-record\"><caption>Meta</caption><tbody>"
                + "<tr><th style=\"text-align:left;vertical-align:top\">id</th><td style=\"text-align:left\">K1</td></tr>"
                + "<tr><th style=\"text-align:left;vertical-align:top\">title</th><td style=\"text-align:left\">Død &lt; 30 dager &amp; mer</td></tr>"
                + "<tr><th style=\"text-align:left;vertical-align:top\">unit</th><td style=\"text-align:left\"></td></tr>"
                + "<tr><th style=\"text-align:left;vertical-align:top\">tags</th><td style=\"text-align:left\"><ul style=\"margin:0\"><li>a</li><li>b</li></ul></td></tr>"
                + "<tr><th style=\"text-align:left;vertical-align:top\">source</th><td style=\"text-align:left\">"
                + "<table class=\"kvik-record\"><caption>Source</caption><tbody>"
                + "<tr><th style=\"text-align:left;vertical-align:top\">registry</th><td style=\"text-align:left\">NPR</td></tr>"
                + "<tr><th style=\"text-align:left;vertical-align:top\">year</th><td style=\"text-align:left\">2024</td></tr>"
                + "</tbody></table></td></tr>"
                + "<tr><th style=\"text-align:left;vertical-align:top\">missing</th><td style=\"text-align:left\"></td></tr>"
                + "</tbody></table>", html);
    }
}
