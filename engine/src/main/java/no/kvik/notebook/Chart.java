package no.kvik.notebook;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.Objects;
import javax.imageio.ImageIO;

/**
 * A chart for a notebook, drawn from one layout three ways: an interactive Vega-Lite 5 spec (hover, zoom, click
 * to filter; JupyterLab shows it), a PNG (which survives every static export, e.g. {@code jupyter nbconvert
 * --to html}) and an SVG document with a {@code <title>} per point (for files and pages; {@link #svg()}). The kvik
 * kernel displays the Vega-Lite spec and the PNG; the engine does not depend on the kernel.
 *
 * @param title    what the chart shows
 * @param svg      the SVG document
 * @param png      the encoded PNG file (copied: the record stays immutable)
 * @param vegaLite the Vega-Lite 5 spec as JSON, or null for a chart without one (a notice)
 */
public record Chart(String title, String svg, byte[] png, String vegaLite) {

    public Chart {
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(svg, "svg");
        png = Objects.requireNonNull(png, "png").clone();
    }

    /** A chart without an interactive spec. */
    public Chart(String title, String svg, byte[] png) {
        this(title, svg, png, null);
    }

    static Chart of(String title, String svg, BufferedImage image) {
        return of(title, svg, image, null);
    }

    static Chart of(String title, String svg, BufferedImage image, String vegaLite) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "png", bytes);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot encode chart '" + title + "' as PNG", e);
        }
        return new Chart(title, svg, bytes.toByteArray(), vegaLite);
    }

    @Override
    public byte[] png() {
        return png.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Chart c && title.equals(c.title) && svg.equals(c.svg) && Arrays.equals(png, c.png)
                && Objects.equals(vegaLite, c.vegaLite);
    }

    @Override
    public int hashCode() {
        return Objects.hash(title, svg, Arrays.hashCode(png), vegaLite);
    }

    @Override
    public String toString() {
        return "Chart[" + title + ", svg " + svg.length() + " chars, png " + png.length + " bytes"
                + (vegaLite == null ? "" : ", vega-lite " + vegaLite.length() + " chars") + "]";
    }
}
