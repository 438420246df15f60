package no.kvik.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import no.kvik.release.ApiServer;
import no.kvik.web.StatisticsViews;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Serves released results read-only (HTML statistics views and a JSON API) on the loopback interface until interrupted. */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = {"Serve released results read-only on 127.0.0.1: statistics views for people (HTML, from /) and a JSON "
                        + "API for programs (see GET /api).",
                "",
                "Statistics views (HTML; ?lang=no|en, Norwegian by default), from the released files only:",
                "  / (latest edition), /releases/EDITION/",
                "      the indicators by area, quality dimension and type; search with ?q=WORDS",
                "  /releases/EDITION/indicators/ID?level=L&period=P&units=A,B",
                "      definition, target and goal attainment, the release's findings, national trend, results of a level and period "
                        + "(suppressed cells with their reason), caterpillar, the release's funnel plot, units "
                        + "compared over time, download and permanent links",
                "Pages, style and script come from the jar; nothing is fetched elsewhere.",
                "",
                "Only GET; one request per connection (Connection: close). Every answer of /api, errors included, is JSON "
                        + "{\"status\": n, \"error\": \"...\"}; errors of the pages are HTML.",
                "Limits, so that slow or oversized clients cannot stop it answering others:",
                "  up to 400 connections at once, one thread each; beyond that 503 at once;",
                "  each byte within 5 s, request line and headers within 10 s, else 408;",
                "  request line up to 8 KiB (414), headers up to 16 KiB and 100 lines (431);",
                "  a declared body over 64 KiB is refused unread (413);",
                "  a connection lives 60 s at most.",
                "",
                "Export solution: GET /releases/{edition}/export.csv and /releases/{edition}/export.xlsx (and",
                "/api/releases/{edition}/export as JSON) download a selection of released rows, with",
                "indicators=, levels=, units=, periods= (comma-separated; a left-out or empty one means all) and",
                "lang=no|en (the xlsx's labels). The CSV is the release's results.csv header and selected lines; the",
                "xlsx has a selection sheet and one sheet per indicator as in subscriber.xlsx. Each answer has a",
                "Link: <...>; rel=\"canonical\" header, the permanent link (values sorted, duplicates dropped,",
                "edition pinned), which always gives the same bytes. An unknown indicator, level, unit code or",
                "period is a 400 naming it; a selection without rows gives the header only; at most 100000 rows per",
                "download (400 beyond) and 2 downloads built at once (503 beyond)."})
final class ServeCommand implements Callable<Integer> {

    @Option(names = "--releases", required = true, paramLabel = "DIR", description = "Releases folder (as written by kvik release --out).")
    Path releases;

    @Option(names = "--port", defaultValue = "8080", paramLabel = "N", description = "TCP port (0: any free port). Default: ${DEFAULT-VALUE}.")
    int port;

    @Option(names = "--public-url", paramLabel = "URL", description = "Base of the export solution's permanent links, "
            + "as users reach this server (e.g. https://statistikk.example.no/kvik). Default: http://127.0.0.1:PORT.")
    String publicUrl;

    @Override
    public Integer call() throws Exception {
        ApiServer server = ApiServer.start(releases, port, publicUrl, new StatisticsViews(releases));
        System.out.println("serving " + releases + " on http://127.0.0.1:" + server.port() + "/ (statistics views) and http://127.0.0.1:"
                + server.port() + "/api/releases (JSON API)");
        CountDownLatch stop = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            stop.countDown();
        }));
        stop.await();
        return ExitCodes.OK;
    }
}
