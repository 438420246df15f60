package no.kvik.web;

import static no.kvik.text.HtmlText.escape;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import no.kvik.release.Definition;

/**
 * The start page of a release: its indicators listed by area, by OECD quality dimension and by type (structure,
 * process, outcome), with a search box. Searching is a GET form ({@code ?q=}) answered by the server, so it works
 * without JavaScript; {@code kvik.js} filters the lists as one types.
 */
final class StartPage {
    private StartPage() {
    }

    /**
     * @param editions every edition served, oldest first (the others are linked)
     * @param search   the search words (null: none); an indicator matches when every word is in its id, names or
     *                 descriptions, case-insensitively
     */
    static String html(ReleaseData release, List<String> editions, String search, Lang lang) {
        List<Definition> shown = release.definitions().stream().filter(d -> matches(d, search)).toList();
        String base = "/releases/" + release.edition() + "/";
        StringBuilder sb = new StringBuilder();
        sb.append("<h1>").append(escape(lang.t("site"))).append("</h1>\n<p>").append(escape(lang.t("release"))).append(' ')
          .append(escape(release.edition())).append(", ").append(escape(lang.t("published"))).append(' ')
          .append(escape(release.published())).append("; ").append(escape(lang.t("dataEnd"))).append(' ')
          .append(escape(release.dataEnd())).append(". ").append(release.definitions().size()).append(' ')
          .append(escape(lang.t("indicators").toLowerCase(Locale.ROOT))).append(".</p>\n");
        sb.append("<form class=\"search\" role=\"search\" method=\"get\" action=\"").append(escape(base)).append("\">\n")
          .append("<label for=\"q\">").append(escape(lang.t("search"))).append("</label>\n")
          .append("<input type=\"search\" id=\"q\" name=\"q\" value=\"").append(escape(search == null ? "" : search))
          .append("\" data-filter=\"indicator-lists\">\n");
        if (lang == Lang.EN) sb.append("<input type=\"hidden\" name=\"lang\" value=\"en\">\n");
        sb.append("<button type=\"submit\">").append(escape(lang.t("searchButton"))).append("</button>\n</form>\n");
        sb.append("<p id=\"match-count\" role=\"status\">");
        if (search != null) {
            sb.append(shown.size()).append(' ').append(escape(lang.t("matches"))).append(". <a href=\"").append(escape(base))
              .append(lang == Lang.EN ? "?lang=en" : "").append("\">").append(escape(lang.t("showAll"))).append("</a>");
        }
        sb.append("</p>\n");
        if (shown.isEmpty()) sb.append("<p>").append(escape(lang.t("noMatch"))).append("</p>\n");
        sb.append("<div id=\"indicator-lists\">\n");
        group(sb, "by-area", lang.t("byArea"), shown, d -> lang.code("area", d.area()), release.edition(), lang);
        group(sb, "by-dimension", lang.t("byDimension"), shown, d -> lang.code("dimension", d.dimension()), release.edition(), lang);
        group(sb, "by-type", lang.t("byType"), shown, d -> lang.code("type", d.type()), release.edition(), lang);
        sb.append("</div>\n");
        if (editions.size() > 1) {
            sb.append("<h2>").append(escape(lang.t("otherReleases"))).append("</h2>\n<ul>\n");
            for (String e : editions) {
                if (e.equals(release.edition())) continue;
                sb.append("<li><a href=\"/releases/").append(escape(e)).append('/').append(lang == Lang.EN ? "?lang=en" : "")
                  .append("\">").append(escape(e)).append("</a></li>\n");
            }
            sb.append("</ul>\n");
        }
        return Html.page(lang, lang.t("release") + " " + release.edition(), orderedSwitch(base, search, lang), sb.toString());
    }

    private static String orderedSwitch(String base, String search, Lang lang) {
        Map<String, String> p = new java.util.LinkedHashMap<>();
        p.put("q", search);
        p.put("lang", lang.other() == Lang.EN ? "en" : null);
        return base + Query.of(p);
    }

    static boolean matches(Definition d, String search) {
        if (search == null || search.isBlank()) return true;
        String hay = String.join(" ", d.id(), nz(d.nameNo()), nz(d.nameEn()), nz(d.descriptionNo()), nz(d.descriptionEn()))
                .toLowerCase(Locale.ROOT);
        for (String word : search.toLowerCase(Locale.ROOT).split("\\s+")) {
            if (!word.isEmpty() && !hay.contains(word)) return false;
        }
        return true;
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }

    private static void group(StringBuilder sb, String id, String title, List<Definition> shown,
                              Function<Definition, String> key, String edition, Lang lang) {
        sb.append("<section class=\"group\" id=\"").append(id).append("\">\n<h2>").append(escape(title)).append("</h2>\n");
        Map<String, List<Definition>> groups = new TreeMap<>();
        for (Definition d : shown) groups.computeIfAbsent(key.apply(d), k -> new java.util.ArrayList<>()).add(d);
        groups.forEach((name, ds) -> {
            sb.append("<h3>").append(escape(name)).append("</h3>\n<ul class=\"indicators\">\n");
            for (Definition d : ds) {
                String name2 = lang == Lang.NO ? d.nameNo() : d.nameEn();
                sb.append("<li data-search=\"").append(escape(String.join(" ", d.id(), nz(d.nameNo()), nz(d.nameEn()),
                        nz(d.descriptionNo()), nz(d.descriptionEn())).toLowerCase(Locale.ROOT))).append("\"><a href=\"/releases/")
                  .append(escape(edition)).append("/indicators/").append(escape(d.id())).append(lang == Lang.EN ? "?lang=en" : "")
                  .append("\">").append(escape(name2 == null ? d.id() : name2)).append("</a> <span class=\"meta\">")
                  .append(escape(lang.code("type", d.type()))).append(" · ").append(escape(lang.code("dimension", d.dimension())))
                  .append("</span></li>\n");
            }
            sb.append("</ul>\n");
        });
        sb.append("</section>\n");
    }
}
