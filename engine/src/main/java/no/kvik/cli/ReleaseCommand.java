package no.kvik.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import no.kvik.config.KvikHome;
import no.kvik.engine.ParallelRuns;
import no.kvik.release.Calendar;
import no.kvik.release.Release;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Computes and freezes the indicators due in one edition of the publication calendar. */
@Command(name = "release", mixinStandardHelpOptions = true,
        description = "Compute every indicator due in a calendar edition and freeze it (results, subscriber xlsx, "
                + "findings, financing view, every funnel (funnels.json), revisions, HTML report, manifest) in OUT/EDITION. "
                + "An indicator that fails "
                + "is reported with its reason and left out; the others are released. Exit codes: 0 all released, "
                + "1 some indicators failed (listed at the end and in the manifest) or bad data, 2 usage error.")
final class ReleaseCommand implements Callable<Integer> {

    @Option(names = "--edition", required = true, paramLabel = "EDITION", description = "Calendar edition, e.g. 2024-2.")
    String edition;

    @Option(names = "--store", required = true, paramLabel = "STORE", description = "The store folder.")
    Path store;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Releases folder (the release goes to DIR/EDITION).")
    Path out;

    @Option(names = "--calendar", paramLabel = "CSV", description = "Publication calendar (default: sql/calendar/publications.csv).")
    Path calendar;

    @Option(names = "--history-years", defaultValue = "5", paramLabel = "N",
            description = "Calendar years released up to the edition's data end. Default: ${DEFAULT-VALUE}.")
    int historyYears;

    @Option(names = "--indicator", split = ",", paramLabel = "ID", description = "Only these due indicators (default: all due).")
    List<String> only = new ArrayList<>();

    @Option(names = "--threads", paramLabel = "N",
            description = "Indicators computed at once, each on its own connection to the store (default: one per "
                    + "processor, here ${DEFAULT-VALUE}). The release's files are the same for any N.")
    int threads = ParallelRuns.defaultThreads();

    @Override
    public Integer call() throws Exception {
        KvikHome home = KvikHome.locate();
        Calendar cal = Calendar.load(calendar != null ? calendar : home.sql().resolve("calendar").resolve(Calendar.FILE));
        Release.Outcome outcome = Release.release(home, cal, store, out, new Release.Options(edition, historyYears, only, threads),
                System.out::println);
        System.out.println("released " + edition + " to " + outcome.dir());
        return outcome.failed().isEmpty() ? ExitCodes.OK : ExitCodes.DATA_ERRORS;
    }
}
