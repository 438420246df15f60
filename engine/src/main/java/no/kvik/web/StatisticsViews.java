package no.kvik.web;

import static no.kvik.text.HtmlText.escape;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import no.kvik.release.ApiServer;
import no.kvik.release.Definition;
import no.kvik.release.ReleaseManifest;

/**
 * The HTML statistics views of a releases folder, served by {@code kvik serve} beside the JSON API (every path
 * outside {@code /api}):
 *
 * <pre>
 * GET /                                         start page of the latest edition (?q= search, ?lang=no|en)
 * GET /releases/{edition}/                      start page of that edition
 * GET /releases/{edition}/indicators/{id}       indicator page; ?level=&amp;period=&amp;units=a,b&amp;lang=
 * GET /static/kvik.css, kvik.js, kvik.svg       the one style sheet, script and icon, from the jar
 * </pre>
 * Built from the released files only; a release folder is frozen, so each edition is read once and kept. Pages
 * carry a Content-Security-Policy that allows scripts, styles and images from this server only.
 */
public final class StatisticsViews implements ApiServer.Pages {
    private static final String EDITION = "\\d{4}-\\d{1,2}";
    private static final String HTML = "text/html; charset=utf-8";
    /** Same-origin only, no inline script or style, no framing, forms only to this server. */
    static final String CSP = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; "
            + "form-action 'self'; base-uri 'none'; frame-ancestors 'none'";
    static final Map<String, String> SECURITY_HEADERS = Map.of("Content-Security-Policy", CSP,
            "X-Content-Type-Options", "nosniff", "Referrer-Policy", "no-referrer", "X-Frame-Options", "DENY",
            "Cache-Control", "no-cache");
    private static final Map<String, String> STATIC = Map.of("kvik.css", "text/css; charset=utf-8",
            "kvik.js", "text/javascript; charset=utf-8", "kvik.svg", "image/svg+xml");

    private final Path releases;
    private final Map<String, ReleaseData> cache = new ConcurrentHashMap<>();

    public StatisticsViews(Path releases) {
        this.releases = releases;
    }

    @Override
    public ApiServer.Page get(String rawPath, String rawQuery) {
        Lang lang = Lang.NO;
        try {
            List<String> parts = Stream.of(rawPath.split("/")).filter(s -> !s.isEmpty()).toList();
            if (parts.size() == 2 && parts.get(0).equals("static")) return asset(parts.get(1), rawQuery);
            if (parts.isEmpty() || (parts.size() == 1 && parts.get(0).equals("releases"))) {
                Query q = Query.parse(rawQuery, Set.of("q", "lang"));
                lang = Lang.of(q.one("lang"));
                List<String> editions = editions();
                if (editions.isEmpty()) throw new WebError(404, "no release in " + releases.getFileName());
                return html(200, StartPage.html(release(editions.get(editions.size() - 1)), editions, q.one("q"), lang));
            }
            if (!parts.get(0).equals("releases")) throw new WebError(404, "no page " + rawPath);
            String edition = parts.get(1);
            if (!edition.matches(EDITION)) throw new WebError(400, "edition must look like 2024-2, got '" + edition + "'");
            if (!Files.exists(releases.resolve(edition).resolve(ReleaseManifest.FILE))) throw new WebError(404, "no release " + edition);
            if (parts.size() == 2) {
                Query q = Query.parse(rawQuery, Set.of("q", "lang"));
                lang = Lang.of(q.one("lang"));
                return html(200, StartPage.html(release(edition), editions(), q.one("q"), lang));
            }
            if (parts.size() == 4 && parts.get(2).equals("indicators")) {
                Query q = Query.parse(rawQuery, Set.of("level", "period", "units", "lang"));
                lang = Lang.of(q.one("lang"));
                ReleaseData release = release(edition);
                Definition d = release.definition(parts.get(3));
                if (d == null) throw new WebError(404, "indicator " + parts.get(3) + " is not in release " + edition);
                IndicatorPage.Selection s = IndicatorPage.select(release, d, q.one("level"), q.one("period"), q.list("units"), lang);
                return html(200, IndicatorPage.html(release, d, s));
            }
            throw new WebError(404, "no page " + rawPath);
        } catch (WebError e) {
            return html(e.status, error(e.status, e.getMessage(), lang));
        }
    }

    private static ApiServer.Page html(int status, String page) {
        return new ApiServer.Page(status, HTML, page.getBytes(StandardCharsets.UTF_8), SECURITY_HEADERS);
    }

    private static String error(int status, String message, Lang lang) {
        String title = lang.t(status == 404 ? "notFound" : "badRequest");
        return Html.page(lang, title, "/" + (lang == Lang.NO ? "?lang=en" : ""), "<h1>" + escape(title) + "</h1>\n<p>"
                + escape(message) + "</p>\n<p><a href=\"/" + (lang == Lang.EN ? "?lang=en" : "") + "\">" + escape(lang.t("home"))
                + "</a></p>\n");
    }

    private static ApiServer.Page asset(String name, String rawQuery) {
        String type = STATIC.get(name);
        if (type == null) throw new WebError(404, "no file /static/" + name);
        if (rawQuery != null && !rawQuery.isEmpty()) throw new WebError(400, "/static/" + name + " takes no query parameters");
        try (InputStream in = StatisticsViews.class.getResourceAsStream(name)) {
            if (in == null) throw new IllegalStateException("the jar lacks no/kvik/web/" + name);
            return new ApiServer.Page(200, type, in.readAllBytes(), SECURITY_HEADERS);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The editions in the releases folder (those with a manifest), oldest first. */
    List<String> editions() {
        try (Stream<Path> s = Files.list(releases)) {
            return s.filter(p -> p.getFileName().toString().matches(EDITION) && Files.exists(p.resolve(ReleaseManifest.FILE)))
                    .map(p -> p.getFileName().toString())
                    .sorted(java.util.Comparator.comparingInt((String e) -> Integer.parseInt(e.substring(0, 4)))
                            .thenComparingInt(e -> Integer.parseInt(e.substring(5))))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + releases, e);
        }
    }

    private ReleaseData release(String edition) {
        return cache.computeIfAbsent(edition, e -> ReleaseData.load(releases.resolve(e)));
    }
}
