package no.kvik.kernel.display;

import java.util.Objects;

/**
 * An SVG image for display in a notebook, e.g. a funnel plot or trend chart rendered by the report code.
 * Shown as inline {@code text/html} and as {@code image/svg+xml}. Static HTML exports (nbconvert 6.5)
 * strip inline SVG: display a {@link Png} where an exported page must show the picture.
 *
 * @param markup the SVG document text, starting with {@code <svg} (an XML prolog and comments are allowed)
 */
public record Svg(String markup) {

    public Svg {
        Objects.requireNonNull(markup, "markup");
        if (!inlineMarkup(markup).startsWith("<svg")) {
            throw new IllegalArgumentException("not an SVG document (expected it to start with <svg): "
                    + abbreviate(markup));
        }
    }

    /** The markup without XML prolog, doctype and leading comments, as it must be to sit inside HTML. */
    public String inline() {
        return inlineMarkup(markup);
    }

    private static String inlineMarkup(String text) {
        String s = text.strip();
        while (s.startsWith("<?") || s.startsWith("<!")) {
            String close = s.startsWith("<!--") ? "-->" : ">";
            int end = s.indexOf(close);
            if (end < 0) return s;
            s = s.substring(end + close.length()).strip();
        }
        return s;
    }

    private static String abbreviate(String s) {
        String t = s.strip();
        return t.length() <= 40 ? t : t.substring(0, 40) + "…";
    }

    @Override
    public String toString() {
        return "Svg[" + markup.length() + " chars]";
    }
}
