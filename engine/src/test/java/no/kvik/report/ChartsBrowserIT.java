package no.kvik.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import javax.xml.parsers.DocumentBuilderFactory;
import no.kvik.report.chart.CaterpillarItem;
import no.kvik.report.chart.Charts;
import no.kvik.variation.Funnel;
import no.kvik.variation.FunnelOptions;
import no.kvik.variation.FunnelResult;
import no.kvik.variation.IndicatorKind;
import no.kvik.variation.LimitMethod;
import no.kvik.variation.Overdispersion;
import no.kvik.variation.UnitCount;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * Screenshots a funnel plot and a caterpillar chart in headless Chromium (as a reader's browser draws the SVG)
 * and checks the pixels: flagged points in their flag colour where the SVG puts them, ink in every label's box,
 * and the longest caterpillar name drawn whole. The screenshots stay in {@code target/chart-screenshots/}.
 */
class ChartsBrowserIT {
    static final Path SHOTS = Path.of("target", "chart-screenshots");

    /** 40 municipalities with n from 15 to 15 000 and a spread far beyond binomial, names with æøå. */
    static FunnelResult municipalities() {
        List<UnitCount> units = new ArrayList<>();
        String[] names = {"Bø", "Å", "Ørland", "Sør-Varanger", "Ålesund", "Bærum", "Tromsø", "Nord-Aurdal"};
        for (int i = 0; i < 40; i++) {
            double n = Math.round(15 * Math.pow(1000, i / 39.0));
            double p = 0.25 + (i % 2 == 0 ? 0.05 : -0.05) * (1 + i % 4);
            units.add(new UnitCount(names[i % names.length] + " " + (i + 1), Math.round(p * n), n));
        }
        return Funnel.compute(units, FunnelOptions.of(IndicatorKind.PROPORTION, LimitMethod.EXACT,
                Overdispersion.MULTIPLICATIVE));
    }

    static BufferedImage screenshot(String svg, String name, int width, int height) throws Exception {
        Files.createDirectories(SHOTS);
        Path file = SHOTS.resolve(name + ".svg");
        Files.writeString(file, svg, StandardCharsets.UTF_8);
        Path png = SHOTS.resolve(name + ".png").toAbsolutePath();
        Files.deleteIfExists(png);
        Path profile = Files.createTempDirectory("kvik-chromium");
        Process p = new ProcessBuilder(ReleaseReportBrowserIT.chromium(), "--headless", "--no-sandbox", "--disable-gpu",
                "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--hide-scrollbars", "--force-device-scale-factor=1", "--user-data-dir=" + profile,
                "--window-size=" + width + "," + height, "--screenshot=" + png, file.toAbsolutePath().toUri().toString())
                .redirectErrorStream(true).redirectOutput(SHOTS.resolve(name + ".log").toFile()).start();
        if (!p.waitFor(90, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            fail("chromium did not finish within 90 s");
        }
        assertEquals(0, p.exitValue(), Files.readString(SHOTS.resolve(name + ".log")));
        BufferedImage img = ImageIO.read(png.toFile());
        assertEquals(width, img.getWidth());
        return img;
    }

    static Document parse(String svg) throws Exception {
        return DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8)));
    }

    static List<Element> elements(Document doc, String tag, String cssClass) {
        List<Element> found = new ArrayList<>();
        NodeList nodes = doc.getElementsByTagName(tag);
        for (int i = 0; i < nodes.getLength(); i++) {
            Element e = (Element) nodes.item(i);
            if (List.of(e.getAttribute("class").split(" ")).contains(cssClass)) found.add(e);
        }
        return found;
    }

    static double at(Element e, String attribute) {
        return Double.parseDouble(e.getAttribute(attribute));
    }

    /** Pixels darker than light grey in a box: text and lines, not the white background. */
    static int ink(BufferedImage img, int x0, int y0, int x1, int y1) {
        int n = 0;
        for (int y = Math.max(0, y0); y < Math.min(img.getHeight(), y1); y++) {
            for (int x = Math.max(0, x0); x < Math.min(img.getWidth(), x1); x++) {
                int rgb = img.getRGB(x, y);
                int r = (rgb >> 16) & 0xFF;
                int g = (rgb >> 8) & 0xFF;
                int b = rgb & 0xFF;
                if (r < 170 && g < 170 && b < 170) n++;
            }
        }
        return n;
    }

    static boolean near(int rgb, String hex) {
        int want = Integer.parseInt(hex.substring(1), 16);
        for (int shift : new int[] {16, 8, 0}) {
            if (Math.abs(((rgb >> shift) & 0xFF) - ((want >> shift) & 0xFF)) > 40) return false;
        }
        return true;
    }

    @Test
    void funnelPointsAndLabelsAreDrawnWhereTheSvgPutsThem() throws Exception {
        String svg = Charts.funnelSvg(municipalities(), "Antibiotikabrukere — kommune 2024", null);
        Document doc = parse(svg);
        int width = (int) at(doc.getDocumentElement(), "width");
        int height = (int) at(doc.getDocumentElement(), "height");
        BufferedImage img = screenshot(svg, "funnel", width, height);
        int flagged = 0;
        for (Element c : elements(doc, "circle", "point")) {
            String fill = c.getAttribute("fill");
            if (fill.equals("#9e9e9e")) continue;
            flagged++;
            int rgb = img.getRGB((int) Math.round(at(c, "cx")), (int) Math.round(at(c, "cy")));
            assertTrue(near(rgb, fill), c.getAttribute("data-unit") + ": pixel " + Integer.toHexString(rgb) + ", fill " + fill);
        }
        assertTrue(flagged >= 5, "flagged points: " + flagged);
        List<Element> labels = elements(doc, "text", "outlier-label");
        assertTrue(labels.size() >= 5, "labels: " + labels.size());
        for (Element t : labels) {
            int x = (int) at(t, "x");
            int y = (int) at(t, "y");
            // 10 px text: at least a few pixels of ink per character in its box
            int pixels = ink(img, x, y - 9, x + 6 * t.getTextContent().length(), y + 2);
            assertTrue(pixels >= 3 * t.getTextContent().length(), t.getTextContent() + ": " + pixels + " dark pixels");
        }
        Element caption = elements(doc, "text", "caption").get(0);
        assertTrue(ink(img, (int) at(caption, "x"), (int) at(caption, "y") - 9, width, (int) at(caption, "y") + 2) > 200,
                "the caption is drawn");
    }

    @Test
    void caterpillarDrawsItsLongestNameWhole() throws Exception {
        String longest = "Universitetssykehuset Nord-Norge, regionale sykehus";
        List<CaterpillarItem> items = List.of(new CaterpillarItem(longest, 0.31, 0.25, 0.37),
                new CaterpillarItem("Ahus", 0.12, 0.08, 0.16), new CaterpillarItem("Sørlandet sykehus", 0.2, 0.15, 0.25));
        String svg = Charts.caterpillarSvg(items, 0.2, "Justert andel — sykehus 2024", "andel");
        Document doc = parse(svg);
        int width = (int) at(doc.getDocumentElement(), "width");
        int height = (int) at(doc.getDocumentElement(), "height");
        BufferedImage img = screenshot(svg, "caterpillar", width, height);
        Element label = elements(doc, "text", "unit-label").stream().filter(t -> t.getTextContent().equals(longest))
                .findFirst().orElseThrow();
        int end = (int) at(label, "x");
        int y = (int) at(label, "y");
        int left = -1;
        for (int x = 0; x < end && left < 0; x++) {
            if (ink(img, x, y - 8, x + 1, y + 2) > 0) left = x;
        }
        assertTrue(left > 2, "the name's first letter is inside the picture, at x = " + left);
        // 51 characters at 9 px average over 3.5 px each: a cut name (the old fixed 80 px margin) is far shorter
        assertTrue(end - left > 51 * 3.5, "name drawn over " + (end - left) + " px");
        for (Element c : elements(doc, "circle", "point")) {
            int rgb = img.getRGB((int) Math.round(at(c, "cx")), (int) Math.round(at(c, "cy")));
            assertTrue(near(rgb, c.getAttribute("fill")), c.getAttribute("data-unit"));
        }
    }
}
