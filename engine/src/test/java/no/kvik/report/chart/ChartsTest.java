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
        for (int i = 0; i < circles.getLength(); i++) {
            plotted.add(((Element) circles.item(i)).getAttribute("data-unit"));
        }
        assertEquals(22, circles.getLength());
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
        List<String> expected = r.units().stream().filter(u -> u.funnelFlag() != FunnelFlag.AS_EXPECTED)
                .map(u -> u.unit()).toList();
        assertEquals(expected, labels);
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
            order.add(((Element) circles.item(i)).getAttribute("data-unit"));
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
}
