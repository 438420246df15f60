package no.kvik.notebook;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.Objects;
import javax.imageio.ImageIO;

/**
 * A chart for a notebook, drawn once as SVG (for the browser) and once as PNG (which, unlike SVG, survives
 * nbconvert's static HTML export). The kvik kernel shows it as both; the engine does not depend on the kernel.
 *
 * @param title what the chart shows
 * @param svg   the SVG document
 * @param png   the encoded PNG file (copied: the record stays immutable)
 */
public record Chart(String title, String svg, byte[] png) {

    public Chart {
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(svg, "svg");
        png = Objects.requireNonNull(png, "png").clone();
    }

    static Chart of(String title, String svg, BufferedImage image) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "png", bytes);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot encode chart '" + title + "' as PNG", e);
        }
        return new Chart(title, svg, bytes.toByteArray());
    }

    @Override
    public byte[] png() {
        return png.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Chart c && title.equals(c.title) && svg.equals(c.svg) && Arrays.equals(png, c.png);
    }

    @Override
    public int hashCode() {
        return Objects.hash(title, svg, Arrays.hashCode(png));
    }

    @Override
    public String toString() {
        return "Chart[" + title + ", svg " + svg.length() + " chars, png " + png.length + " bytes]";
    }
}
