package no.kvik.report.chart;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.imageio.ImageIO;
import no.kvik.variation.FunnelResult;
import no.kvik.variation.FunnelUnit;

/**
 * Entry points: funnel, caterpillar and trend charts as SVG text (a {@code <title>} per point for hover), PNG
 * images (drawn with Java2D from the same layout: no SVG rasteriser and its dependencies needed), interactive
 * Vega-Lite 5 specs (JSON), or files chosen by extension. {@code kvik run}, the release report and the notebook
 * all draw through here.
 */
public final class Charts {
    private Charts() {
    }

    public static String funnelSvg(FunnelResult result, String title) {
        return funnelSvg(result, title, null);
    }

    /** The funnel plot with its centre line named, e.g. "centre: national value 14.7 %" (null: unnamed). */
    public static String funnelSvg(FunnelResult result, String title, String centre) {
        SvgCanvas c = new SvgCanvas(FunnelChart.WIDTH, FunnelChart.HEIGHT);
        FunnelChart.draw(result, title, centre, c);
        return c.document();
    }

    /** The funnel plot as a Vega-Lite 5 spec: tooltips, zoom and pan, click a flag to filter. */
    public static String funnelVegaLite(FunnelResult result, String title, String centre) {
        return VegaLite.funnel(result, title, centre);
    }

    /** The caterpillar chart as a Vega-Lite 5 spec (tooltips, click a colour to filter). */
    public static String caterpillarVegaLite(List<CaterpillarItem> items, double reference, String title,
                                             String valueLabel) {
        return VegaLite.caterpillar(items, reference, title, valueLabel);
    }

    /** The trend chart as a Vega-Lite 5 spec (tooltips, vertical zoom). */
    public static String trendVegaLite(List<TrendPoint> points, String title, String valueLabel) {
        return VegaLite.trend(points, title, valueLabel);
    }

    /**
     * The funnel with each unit's id replaced by its name where {@code names} has one, so every chart names
     * units ("Oslo", not "0301"); ids without a name are kept.
     */
    public static FunnelResult withUnitNames(FunnelResult f, Map<String, String> names) {
        List<FunnelUnit> units = f.units().stream().map(u -> new FunnelUnit(names.getOrDefault(u.unit(), u.unit()),
                u.numerator(), u.denominator(), u.value(), u.z(), u.zAdjusted(), u.zEquivalent(), u.keptForDispersion(),
                u.limits(), u.unadjustedLimits(), u.funnelFlag(), u.alarm(), u.pValue(), u.fdrQ(), u.fdrFlag())).toList();
        return new FunnelResult(f.options(), f.model(), f.levels(), units, f.notComputable(), f.unitsInDispersion());
    }

    public static BufferedImage funnelPng(FunnelResult result, String title) {
        return funnelPng(result, title, null);
    }

    public static BufferedImage funnelPng(FunnelResult result, String title, String centre) {
        Java2dCanvas c = new Java2dCanvas(FunnelChart.WIDTH, FunnelChart.HEIGHT);
        FunnelChart.draw(result, title, centre, c);
        return c.image();
    }

    /** A chart-sized notice in place of a chart that cannot be drawn (e.g. a funnel without published units). */
    public static String noticeSvg(String title, String message) {
        SvgCanvas c = new SvgCanvas(FunnelChart.WIDTH, NoticeChart.HEIGHT);
        NoticeChart.draw(title, message, c);
        return c.document();
    }

    public static BufferedImage noticePng(String title, String message) {
        Java2dCanvas c = new Java2dCanvas(FunnelChart.WIDTH, NoticeChart.HEIGHT);
        NoticeChart.draw(title, message, c);
        return c.image();
    }

    /** Writes the notice as SVG or PNG according to the file's extension. */
    public static void writeNotice(String title, String message, Path file) {
        if (png(file)) {
            writePng(noticePng(title, message), file);
        } else {
            writeText(noticeSvg(title, message), file);
        }
    }

    public static String caterpillarSvg(List<CaterpillarItem> items, double reference, String title,
                                        String valueLabel) {
        SvgCanvas c = new SvgCanvas(CaterpillarChart.width(items), CaterpillarChart.height(items.size()));
        CaterpillarChart.draw(items, reference, title, valueLabel, c);
        return c.document();
    }

    public static BufferedImage caterpillarPng(List<CaterpillarItem> items, double reference, String title,
                                               String valueLabel) {
        Java2dCanvas c = new Java2dCanvas(CaterpillarChart.width(items), CaterpillarChart.height(items.size()));
        CaterpillarChart.draw(items, reference, title, valueLabel, c);
        return c.image();
    }

    /** Values over periods (e.g. the national trend) as SVG text. */
    public static String trendSvg(List<TrendPoint> points, String title, String valueLabel) {
        SvgCanvas c = new SvgCanvas(TrendChart.WIDTH, TrendChart.HEIGHT);
        TrendChart.draw(points, title, valueLabel, c);
        return c.document();
    }

    /**
     * Several series over the same periods, one line each with a legend (units compared over time), as SVG text;
     * {@code series} in legend order, each series' points by period label.
     */
    public static String comparisonSvg(List<String> periods, Map<String, List<TrendPoint>> series, String title,
                                       String valueLabel) {
        SvgCanvas c = new SvgCanvas(TrendChart.WIDTH, TrendChart.seriesHeight(series.size()));
        TrendChart.drawSeries(periods, series, title, valueLabel, c);
        return c.document();
    }

    /** The same trend chart as a PNG image (for exports that drop inline SVG). */
    public static BufferedImage trendPng(List<TrendPoint> points, String title, String valueLabel) {
        Java2dCanvas c = new Java2dCanvas(TrendChart.WIDTH, TrendChart.HEIGHT);
        TrendChart.draw(points, title, valueLabel, c);
        return c.image();
    }

    /** Writes the funnel plot as SVG or PNG according to the file's extension. */
    public static void writeFunnel(FunnelResult result, String title, Path file) {
        writeFunnel(result, title, null, file);
    }

    /** Writes the funnel plot, its centre line named (null: unnamed), as SVG or PNG by the file's extension. */
    public static void writeFunnel(FunnelResult result, String title, String centre, Path file) {
        if (png(file)) {
            writePng(funnelPng(result, title, centre), file);
        } else {
            writeText(funnelSvg(result, title, centre), file);
        }
    }

    /** Writes the caterpillar chart as SVG or PNG according to the file's extension. */
    public static void writeCaterpillar(List<CaterpillarItem> items, double reference, String title,
                                        String valueLabel, Path file) {
        if (png(file)) {
            writePng(caterpillarPng(items, reference, title, valueLabel), file);
        } else {
            writeText(caterpillarSvg(items, reference, title, valueLabel), file);
        }
    }

    private static boolean png(Path file) {
        checkChartFile(file);
        return file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".png");
    }

    /** A chart file name must end in .svg or .png; commands check it before they write anything. */
    public static void checkChartFile(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (!name.endsWith(".png") && !name.endsWith(".svg")) {
            throw new IllegalArgumentException("chart file must end in .svg or .png: " + file);
        }
    }

    private static void writePng(BufferedImage image, Path file) {
        try {
            ImageIO.write(image, "png", file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    private static void writeText(String text, Path file) {
        try {
            Files.writeString(file, text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }
}
