package no.kvik.report.chart;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import javax.imageio.ImageIO;
import javax.xml.parsers.DocumentBuilderFactory;
import no.kvik.variation.Funnel;
import no.kvik.variation.FunnelFlag;
import no.kvik.variation.FunnelOptions;
import no.kvik.variation.FunnelResult;
import no.kvik.variation.IndicatorKind;
import no.kvik.variation.LimitMethod;
import no.kvik.variation.Overdispersion;
import no.kvik.variation.UnitCount;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

class ChartsTest {

    static FunnelResult funnel() {
        List<UnitCount> units = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            double n = 50 + 40 * i;
            units.add(new UnitCount("U" + i, Math.round(0.2 * n), n));
        }
        units.add(new UnitCount("HIGH", 150, 400));   // 0.375 vs ~0.2: far above
        units.add(new UnitCount("LOW", 5, 300));      // 0.017: far below
        return Funnel.compute(units, FunnelOptions.of(IndicatorKind.PROPORTION, LimitMethod.EXACT,
                Overdispersion.NONE));
    }

    @Test
    void svgHasEveryPointFourLimitPathsAndOutlierLabels() throws Exception {
        FunnelResult r = funnel();
        String svg = Charts.funnelSvg(r, "Test funnel");
        Document doc = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8)));
        NodeList circles = doc.getElementsByTagName("circle");
        Set<String> plotted = new HashSet<>();
        int points = 0;
        for (int i = 0; i < circles.getLength(); i++) {
            Element c = (Element) circles.item(i);
            if (!c.getAttribute("class").startsWith("point")) continue;   // legend swatches are circles too
            plotted.add(c.getAttribute("data-unit"));
            points++;
        }
        assertEquals(22, points);
        assertTrue(plotted.containsAll(List.of("HIGH", "LOW", "U0", "U19")));
        NodeList paths = doc.getElementsByTagName("path");
        List<String> classes = new ArrayList<>();
        for (int i = 0; i < paths.getLength(); i++) {
            Element p = (Element) paths.item(i);
            classes.add(p.getAttribute("class"));
            assertTrue(p.getAttribute("d").split("L").length >= 200, "limit path has its 200 points");
        }
        assertEquals(List.of("limit upper level-95", "limit lower level-95", "limit upper level-99.8",
                "limit lower level-99.8"), classes);
        List<String> labels = new ArrayList<>();
        NodeList texts = doc.getElementsByTagName("text");
        for (int i = 0; i < texts.getLength(); i++) {
            Element t = (Element) texts.item(i);
            if (t.getAttribute("class").equals("outlier-label")) {
                labels.add(t.getTextContent());
            }
        }
        // labels go to the flagged units, most extreme first
        List<String> expected = r.units().stream().filter(u -> u.funnelFlag() != FunnelFlag.AS_EXPECTED)
                .map(u -> u.unit()).toList();
        assertEquals(Set.copyOf(expected), Set.copyOf(labels));
        assertTrue(labels.containsAll(List.of("HIGH", "LOW")));
    }

    @Test
    void pngDecodesWithTheRightSizeAndIsNotBlank(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("funnel.png");
        Charts.writeFunnel(funnel(), "Test funnel", file);
        BufferedImage img = ImageIO.read(Files.newInputStream(file));
        assertEquals(FunnelChart.WIDTH, img.getWidth());
        assertEquals(FunnelChart.HEIGHT, img.getHeight());
        int nonWhite = 0;
        int red = 0;
        for (int y = 0; y < img.getHeight(); y++) {
            for (int x = 0; x < img.getWidth(); x++) {
                int rgb = img.getRGB(x, y) & 0xFFFFFF;
                nonWhite += rgb != 0xFFFFFF ? 1 : 0;
                red += rgb == 0xD62728 ? 1 : 0;   // the 99.8 % limit colour
            }
        }
        assertTrue(nonWhite > 5000, "drawn pixels: " + nonWhite);
        assertTrue(red > 100, "99.8 % limit pixels: " + red);
    }

    @Test
    void caterpillarHasOneIntervalPerUnitSortedByValue() throws Exception {
        List<CaterpillarItem> items = List.of(new CaterpillarItem("B", 0.3, 0.2, 0.4),
                new CaterpillarItem("A", 0.1, 0.05, 0.15), new CaterpillarItem("C", 0.2, 0.1, 0.3));
        String svg = Charts.caterpillarSvg(items, 0.2, "Adjusted rates", "Rate");
        Document doc = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8)));
        NodeList circles = doc.getElementsByTagName("circle");
        List<String> order = new ArrayList<>();
        for (int i = 0; i < circles.getLength(); i++) {
            if (((Element) circles.item(i)).getAttribute("class").equals("point")) {
                order.add(((Element) circles.item(i)).getAttribute("data-unit"));
            }
        }
        assertEquals(List.of("A", "C", "B"), order);
        int intervals = 0;
        NodeList lines = doc.getElementsByTagName("line");
        for (int i = 0; i < lines.getLength(); i++) {
            intervals += ((Element) lines.item(i)).getAttribute("class").equals("interval") ? 1 : 0;
        }
        assertEquals(3, intervals);
        BufferedImage png = Charts.caterpillarPng(items, 0.2, "Adjusted rates", "Rate");
        assertEquals(CaterpillarChart.height(3), png.getHeight());
    }

    private static Document parse(String svg) throws Exception {
        return DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8)));
    }

    private static List<Element> byClass(Document doc, String tag, String cssClass) {
        List<Element> found = new ArrayList<>();
        NodeList nodes = doc.getElementsByTagName(tag);
        for (int i = 0; i < nodes.getLength(); i++) {
            Element e = (Element) nodes.item(i);
            if (List.of(e.getAttribute("class").split(" ")).contains(cssClass)) found.add(e);
        }
        return found;
    }

    @Test
    void everyFunnelPointHasATitleWithNameNValueLimitsAndFlag() throws Exception {
        FunnelResult r = funnel();
        Document doc = parse(Charts.funnelSvg(r, "Test funnel", null));
        List<Element> points = byClass(doc, "circle", "point");
        assertEquals(22, points.size());
        for (Element p : points) {
            assertEquals(1, p.getElementsByTagName("title").getLength(), "one <title> per point");
        }
        Element high = points.stream().filter(p -> p.getAttribute("data-unit").equals("HIGH")).findFirst().orElseThrow();
        no.kvik.variation.FunnelUnit u = r.units().stream().filter(x -> x.unit().equals("HIGH")).findFirst().orElseThrow();
        // 150 / 400 = 37.5 %; the limits are the unit's own flagging limits, in percent with one decimal
        String expected = String.format(java.util.Locale.ROOT, "HIGH: 150 / n 400, value 37.5 %%; 95 %% limits %.1f %%–%.1f %%; "
                        + "99.8 %% limits %.1f %%–%.1f %%; flag high_outer", u.limits().get(0).lower() * 100,
                u.limits().get(0).upper() * 100, u.limits().get(1).lower() * 100, u.limits().get(1).upper() * 100);
        assertEquals(expected, high.getElementsByTagName("title").item(0).getTextContent());
    }

    @Test
    void funnelHasLegendCentreValueAndCaptionWithMethodPhiAndTau2() throws Exception {
        FunnelResult r = overdispersed();
        Document doc = parse(Charts.funnelSvg(r, "Test funnel", null));
        List<String> legend = byClass(doc, "text", "legend").stream().map(Element::getTextContent).toList();
        assertEquals(List.of("95 % limits", "99.8 % limits", "within 95 % limits", "outside 95 % limits"), legend);
        // ΣO/Σn of the units below, as a percent with one decimal
        double target = r.units().stream().mapToDouble(u -> u.numerator()).sum()
                / r.units().stream().mapToDouble(u -> u.denominator()).sum();
        assertEquals(String.format(java.util.Locale.ROOT, "centre %.1f %%", target * 100),
                byClass(doc, "text", "centre-label").get(0).getTextContent());
        String caption = String.join(" ", byClass(doc, "text", "caption").stream().map(Element::getTextContent).toList());
        assertTrue(caption.startsWith("Method ARCSINE at 95 % and 99.8 %; over-dispersion multiplicative (from 30 units); φ = "
                + new java.math.BigDecimal(r.phi()).round(new java.math.MathContext(3)).stripTrailingZeros().toPlainString()
                + ", τ² = "), caption);
        assertTrue(r.phi() > 1.5, "the planted spread shows in φ: " + r.phi());
    }

    /** 30 units, n from 20 to 20 000 (three decades), proportions spread far more than binomial. */
    static FunnelResult overdispersed() {
        List<UnitCount> units = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            double n = Math.round(20 * Math.pow(1000, i / 29.0));
            double p = 0.2 + (i % 2 == 0 ? 0.06 : -0.06) * (1 + i % 3);
            units.add(new UnitCount("Kommune nummer " + i, Math.round(p * n), n));
        }
        return Funnel.compute(units, FunnelOptions.of(IndicatorKind.PROPORTION, LimitMethod.ARCSINE,
                Overdispersion.MULTIPLICATIVE));
    }

    @Test
    void unitSizesSpanningDecadesGetALogAxisAndLabelsNeverOverlap() throws Exception {
        FunnelResult r = overdispersed();
        Document doc = parse(Charts.funnelSvg(r, "Test funnel", null));
        List<String> ticks = byClass(doc, "text", "tick-label").stream().map(Element::getTextContent).toList();
        assertTrue(ticks.containsAll(List.of("10", "20", "50", "100", "1000", "10000", "50000")), ticks.toString());
        assertTrue(byClass(doc, "text", "axis-label").get(0).getTextContent().endsWith("log scale"));
        // on a log axis n = 20 and n = 200 are as far apart as 2000 and 20 000
        double x20 = pointX(doc, "Kommune nummer 0");
        double x20000 = pointX(doc, "Kommune nummer 29");
        assertEquals(3 / Math.log10(50000 / 10.0) * (FunnelChart.WIDTH - FunnelChart.RIGHT - FunnelChart.LEFT),
                x20000 - x20, 1.0, "three decades of the axis' 10 to 50 000");
        List<double[]> boxes = new ArrayList<>();
        for (Element t : byClass(doc, "text", "outlier-label")) {
            double x = Double.parseDouble(t.getAttribute("x"));
            double y = Double.parseDouble(t.getAttribute("y"));
            boxes.add(new double[] {x, y - 10, x + TextWidth.of(t.getTextContent(), 10), y + 2});
        }
        assertTrue(boxes.size() >= 3, "flagged units are labelled: " + boxes.size());
        assertTrue(boxes.size() <= FunnelChart.MAX_LABELS);
        for (int i = 0; i < boxes.size(); i++) {
            for (int j = i + 1; j < boxes.size(); j++) {
                double[] a = boxes.get(i);
                double[] b = boxes.get(j);
                boolean overlap = a[0] < b[2] && b[0] < a[2] && a[1] < b[3] && b[1] < a[3];
                assertTrue(!overlap, "labels " + i + " and " + j + " overlap");
            }
        }
    }

    private static double pointX(Document doc, String unit) {
        return byClass(doc, "circle", "point").stream().filter(c -> c.getAttribute("data-unit").equals(unit))
                .mapToDouble(c -> Double.parseDouble(c.getAttribute("cx"))).findFirst().orElseThrow();
    }

    @Test
    void caterpillarFitsItsLongestName() throws Exception {
        String longest = "Universitetssykehuset Nord-Norge, regionale sykehus";
        List<CaterpillarItem> items = List.of(new CaterpillarItem(longest, 0.3, 0.2, 0.4),
                new CaterpillarItem("Ahus", 0.1, 0.05, 0.15));
        Document doc = parse(Charts.caterpillarSvg(items, 0.2, "Adjusted rates", "Rate"));
        Element label = byClass(doc, "text", "unit-label").stream().filter(t -> t.getTextContent().equals(longest))
                .findFirst().orElseThrow();
        double right = Double.parseDouble(label.getAttribute("x"));   // anchored at its end
        assertTrue(right - TextWidth.of(longest, 9) * 1.1 >= 0, "the name starts inside the picture: " + right);
        double width = Double.parseDouble(doc.getDocumentElement().getAttribute("width"));
        assertEquals(CaterpillarChart.width(items), width, 0);
        assertTrue(width > CaterpillarChart.WIDTH, "the chart widens rather than the plot shrinking");
    }

    @Test
    void funnelVegaLiteHasUnitsTooltipsZoomAndClickToFilter() throws Exception {
        FunnelResult r = overdispersed();
        com.fasterxml.jackson.databind.JsonNode spec = new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree(Charts.funnelVegaLite(r, "Test funnel", "centre: national value 20.0 %"));
        assertEquals("https://vega.github.io/schema/vega-lite/v5.json", spec.get("$schema").asText());
        assertEquals("centre: national value 20.0 %", spec.get("title").get("subtitle").get(0).asText());
        com.fasterxml.jackson.databind.JsonNode limits = spec.get("layer").get(0);
        assertEquals("line", limits.get("mark").get("type").asText());
        assertEquals(4 * FunnelChart.CURVE_POINTS, limits.get("data").get("values").size(), "two levels, upper and lower");
        assertEquals("log", limits.get("encoding").get("x").get("scale").get("type").asText());
        assertEquals(r.target(), spec.get("layer").get(1).get("encoding").get("y").get("datum").asDouble(), 0);
        assertEquals(1, spec.get("layer").get(1).get("data").get("values").size(), "the centre rule has its one datum");
        com.fasterxml.jackson.databind.JsonNode points = spec.get("layer").get(2);
        assertEquals(30, points.get("data").get("values").size());
        com.fasterxml.jackson.databind.JsonNode first = points.get("data").get("values").get(0);
        no.kvik.variation.FunnelUnit u = r.units().get(0);
        assertEquals(u.unit(), first.get("unit").asText());
        assertEquals(u.denominator(), first.get("n").asDouble(), 0);
        assertEquals(u.value(), first.get("value").asDouble(), 0);
        assertEquals(u.limits().get(1).upper(), first.get("upper_99.8").asDouble(), 0);
        assertEquals(u.funnelFlag().code(), first.get("funnel_flag").asText());
        List<String> tooltip = new ArrayList<>();
        points.get("encoding").get("tooltip").forEach(t -> tooltip.add(t.get("field").asText()));
        assertEquals(List.of("unit", "numerator", "n", "value", "lower_95", "upper_95", "lower_99.8", "upper_99.8",
                "funnel_flag"), tooltip);
        assertEquals("flag", points.get("encoding").get("color").get("field").asText());
        assertEquals("scales", points.get("params").get(0).get("bind").asText(), "zoom and pan");
        assertEquals("legend", points.get("params").get(1).get("bind").asText(), "click a flag to filter");
        assertEquals("pick", points.get("encoding").get("opacity").get("condition").get("param").asText());
        com.fasterxml.jackson.databind.JsonNode labels = spec.get("layer").get(3);
        assertEquals("text", labels.get("mark").get("type").asText());
        assertEquals("datum.labelled", labels.get("transform").get(0).get("filter").asText());
        // labels sit where the SVG layout put them (collision-free there), converted to data coordinates
        assertEquals("label_n", labels.get("encoding").get("x").get("field").asText());
        int labelled = 0;
        for (com.fasterxml.jackson.databind.JsonNode v : points.get("data").get("values")) {
            if (v.get("labelled").asBoolean()) {
                labelled++;
                assertTrue(v.get("label_n").asDouble() > 0 && v.has("label_value"), v.toString());
            }
        }
        Document svg = parse(Charts.funnelSvg(r, "Test funnel", "centre: national value 20.0 %"));
        assertEquals(byClass(svg, "text", "outlier-label").size(), labelled);
    }

    @Test
    void withUnitNamesRenamesKnownIdsAndKeepsTheOthers() {
        FunnelResult named = Charts.withUnitNames(funnel(), java.util.Map.of("HIGH", "Sykehuset Høyt", "U0", "Ålesund"));
        assertEquals("Ålesund", named.units().get(0).unit());
        assertEquals("U1", named.units().get(1).unit());
        assertEquals("Sykehuset Høyt", named.units().get(20).unit());
        assertEquals(funnel().units().get(20).value(), named.units().get(20).value(), 0);
    }
}
