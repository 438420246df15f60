package no.kvik.web;

import static no.kvik.text.HtmlText.escape;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Locale;

/** The frame every statistics page shares (head, skip link, header with language switch, main) and number formats. */
final class Html {
    private Html() {
    }

    /**
     * A whole page. Styles and the script come from the jar ({@code /static/}): no CDN, no inline script or style, so
     * the Content-Security-Policy can forbid both.
     *
     * @param switchHref the same page in the other language
     */
    static String page(Lang lang, String title, String switchHref, String main) {
        return "<!DOCTYPE html>\n<html lang=\"" + (lang == Lang.NO ? "nb" : "en") + "\">\n<head>\n<meta charset=\"utf-8\">\n"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>" + escape(title) + " – "
                + escape(lang.t("site")) + "</title>\n<link rel=\"stylesheet\" href=\"/static/kvik.css\">\n"
                + "<link rel=\"icon\" href=\"/static/kvik.svg\" type=\"image/svg+xml\">\n"
                + "<script src=\"/static/kvik.js\" defer></script>\n</head>\n<body>\n"
                + "<a class=\"skip\" href=\"#main\">" + (lang == Lang.NO ? "Hopp til innholdet" : "Skip to content") + "</a>\n"
                + "<header><a class=\"site\" href=\"/" + (lang == Lang.EN ? "?lang=en" : "") + "\">" + escape(lang.t("site"))
                + "</a> <a class=\"lang\" lang=\"" + (lang == Lang.NO ? "en" : "nb") + "\" href=\"" + escape(switchHref) + "\">"
                + escape(lang.t("language")) + "</a></header>\n<main id=\"main\">\n" + main + "</main>\n</body>\n</html>\n";
    }

    /**
     * A released value as shown: a proportion as a percentage with one decimal, anything else to 4 significant
     * digits; Norwegian pages use a decimal comma.
     */
    static String value(Double v, String measure, Lang lang) {
        if (v == null) return "";
        String s = "proportion".equals(measure)
                ? String.format(Locale.ROOT, "%.1f %%", v * 100)
                : plain(v);
        return lang == Lang.NO ? s.replace('.', ',') : s;
    }

    /** A count (numerator, denominator) as a whole number when it is one. */
    static String count(Double v, Lang lang) {
        if (v == null) return "";
        String s = plain(v);
        return lang == Lang.NO ? s.replace('.', ',') : s;
    }

    private static String plain(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e12) return String.format(Locale.ROOT, "%d", (long) v);
        return new BigDecimal(v).round(new MathContext(4)).stripTrailingZeros().toPlainString();
    }

    /**
     * An inline SVG chart of {@code no.kvik.report.chart} (XML declaration dropped) marked as one image with its
     * accessible name; the figure around it gives the same values as a table.
     */
    static String chart(String svgDocument, String label) {
        String svg = svgDocument.startsWith("<?xml") ? svgDocument.substring(svgDocument.indexOf('\n') + 1) : svgDocument;
        return svg.replaceFirst("<svg ", "<svg role=\"img\" aria-label=\"" + java.util.regex.Matcher.quoteReplacement(escape(label)) + "\" ");
    }
}
