package no.kvik.report.chart;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/** Units compared over time ({@link Charts#comparisonSvg}): positions computed by hand from the trend chart's layout. */
class ComparisonChartTest {

    @Test
    void eachSeriesIsALineOfItsPointsBrokenWhereAPeriodHasNoValue() throws Exception {
        Map<String, List<TrendPoint>> series = new LinkedHashMap<>();
        series.put("Oslo", List.of(new TrendPoint("2022", 0.2, null, null), new TrendPoint("2023", 0.4, null, null),
                new TrendPoint("2024", 0.6, null, null)));
        // no value in 2023 (suppressed): two single points, no line across the gap
        series.put("Bergen", List.of(new TrendPoint("2022", 0.3, null, null), new TrendPoint("2024", 0.5, null, null)));
        String svg = Charts.comparisonSvg(List.of("2022", "2023", "2024"), series, "Units over time", "proportion");
        Document doc = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8)));
        // two legend lines under the 300 px trend chart
        assertEquals("332", doc.getDocumentElement().getAttribute("height"));
        NodeList paths = doc.getElementsByTagName("path");
        assertEquals(1, paths.getLength(), "only Oslo has consecutive values");
        // x: left margin 70 + (640 - 70 - 20) / 3 periods × (k + ½) = 161.67, 345.00, 528.33;
        // y: axis 0.2 … 0.6 (step 0.05) from 245 px (bottom) to 45 px (top): 0.2 → 245, 0.4 → 145, 0.6 → 45
        assertEquals("M161.67 245.00 L345.00 145.00 L528.33 45.00", ((Element) paths.item(0)).getAttribute("d"));
        assertEquals("#1f77b4", ((Element) paths.item(0)).getAttribute("stroke"));
        NodeList circles = doc.getElementsByTagName("circle");
        assertEquals(5, circles.getLength());
        Element bergen2024 = (Element) circles.item(4);
        assertEquals("Bergen", bergen2024.getAttribute("data-unit"));
        assertEquals("#ff7f0e", bergen2024.getAttribute("fill"));
        assertEquals("528.33", bergen2024.getAttribute("cx"));
        assertEquals("95.00", bergen2024.getAttribute("cy")); // 0.5 → 245 - 0.3 / 0.4 × 200
        assertEquals("Bergen, 2024: 0.5", bergen2024.getElementsByTagName("title").item(0).getTextContent());
        assertTrue(svg.contains(">Oslo</text>") && svg.contains(">Bergen</text>"), "legend names both series");
    }
}
