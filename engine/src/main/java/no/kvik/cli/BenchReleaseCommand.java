package no.kvik.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.Callable;
import no.kvik.catalog.Catalogue;
import no.kvik.catalog.Indicator;
import no.kvik.config.Folders;
import no.kvik.config.KvikHome;
import no.kvik.contract.Contracts;
import no.kvik.engine.EngineRun;
import no.kvik.engine.ParallelRuns;
import no.kvik.engine.RunRequest;
import no.kvik.release.Calendar;
import no.kvik.release.Release;
import no.kvik.sql.DuckDb;
import no.kvik.store.Store;
import no.kvik.store.StoreManifest;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Times a year of releases as they are published: every edition of one publication year, in calendar order, into one
 * releases folder (so each compares with the one before, as in production), each with its split (engine, analysis,
 * the rest of the contents, writing), process CPU seconds and peak memory, beside the floor: the bare DuckDB aggregate
 * of each due indicator over the edition's range ({@link BenchCommand#floor}), on the same number of threads.
 * Target (issue #17): six years at scale 1 (about 90 M rows) in at most 60 s and 8 GB. Figures only.
 */
@Command(name = "bench-release", mixinStandardHelpOptions = true,
        description = "Time every edition of a publication year's calendar (kvik release of each, in order, into one "
                + "folder) with its split (engine / analysis / contents / writing), CPU seconds and peak memory "
                + "(resident set and Java heap), beside the floor: the bare DuckDB aggregate of each due indicator "
                + "(for a median or percentile, DuckDB's quantile_cont of its case rows in the same cells); "
                + "then each edition's slowest indicators (engine seconds, --slowest), beside their floors when measured. "
                + "Target at scale 1, six years: <= 60 s and <= 8 GB for the year.")
final class BenchReleaseCommand implements Callable<Integer> {

    @Option(names = "--store", required = true, paramLabel = "STORE", description = "The store folder.")
    Path store;

    @Option(names = "--year", required = true, paramLabel = "YYYY",
            description = "Publication year whose editions are released, e.g. 2025 for data up to 2024.")
    int year;

    @Option(names = "--edition", split = ",", paramLabel = "EDITION",
            description = "Only these editions of the year (default: all of them).")
    List<String> editions = new ArrayList<>();

    @Option(names = "--indicator", split = ",", paramLabel = "ID",
            description = "Only these indicators of each edition, e.g. its slowest beside their floors (default: all "
                    + "due; an edition none of them is due in is skipped).")
    List<String> indicators = new ArrayList<>();

    @Option(names = "--calendar", paramLabel = "CSV", description = "Publication calendar (default: sql/calendar/publications.csv).")
    Path calendar;

    @Option(names = "--history-years", defaultValue = "5", paramLabel = "N",
            description = "Calendar years released up to each edition's data end, as kvik release. Default: ${DEFAULT-VALUE}.")
    int historyYears;

    @Option(names = "--threads", paramLabel = "N",
            description = "Indicators computed at once, as kvik release (default: one per processor, here ${DEFAULT-VALUE}).")
    int threads = ParallelRuns.defaultThreads();

    @Option(names = "--out", paramLabel = "DIR",
            description = "Releases folder to write into and keep (default: a temporary folder, deleted after).")
    Path out;

    @Option(names = "--slowest", defaultValue = "15", paramLabel = "N",
            description = "How many of each edition's indicators to list, slowest first (0: every one, to sum a family's "
                    + "seconds). Default: ${DEFAULT-VALUE}.")
    int slowest;

    @Option(names = "--no-floor", description = "Skip the floor (it prepares every due indicator's run once more).")
    boolean noFloor;

    @Override
    public Integer call() throws Exception {
        if (threads < 1) throw new IllegalArgumentException("--threads must be at least 1, not " + threads);
        if (slowest < 0) throw new IllegalArgumentException("--slowest must be 0 (every indicator) or more, not " + slowest);
        KvikHome home = KvikHome.locate();
        Calendar cal = Calendar.load(calendar != null ? calendar : home.sql().resolve("calendar").resolve(Calendar.FILE));
        List<Calendar.Edition> chosen = cal.editions().stream().filter(e -> e.published().getYear() == year)
                .filter(e -> editions.isEmpty() || editions.contains(e.id())).toList();
        Catalogue catalogue = Catalogue.load(home.indicators(), Contracts.load(home.contracts()));
        if (!indicators.isEmpty()) {
            List<Calendar.Edition> editionsOfYear = chosen;
            List<String> notDue = indicators.stream().filter(id -> editionsOfYear.stream()
                    .noneMatch(e -> e.dueIndicators(catalogue).stream().anyMatch(i -> i.id().equals(id)))).toList();
            if (!notDue.isEmpty()) {
                throw new IllegalArgumentException("--indicator: not due in any chosen edition of " + year + ": " + notDue);
            }
            chosen = chosen.stream().filter(e -> !selected(e, catalogue).isEmpty()).toList();
        }
        if (chosen.isEmpty()) {
            throw new IllegalArgumentException("no edition of " + year + (editions.isEmpty() ? "" : " among " + editions)
                    + " in the calendar");
        }
        long storeRows;
        try (Connection c = RunCommand.openStore(store, home)) {
            storeRows = Store.manifest(c).deliveries().stream().mapToLong(StoreManifest.Delivery::rowsStored).sum();
        }
        Path releases = out != null ? out : Files.createTempDirectory("kvik-bench-release-");
        System.out.printf(Locale.ROOT, "bench-release %d: %d editions on %s (%,d rows stored), %d thread(s), load average %.1f%n",
                year, chosen.size(), store, storeRows, threads, ProcessMemory.load());
        double wallSum = 0;
        double cpuSum = 0;
        double floorSum = 0;
        double engineSum = 0;
        long peakRss = 0;
        long peakHeap = 0;
        boolean peaksPerEdition = true;
        try {
            for (Calendar.Edition edition : chosen) {
                peaksPerEdition &= ProcessMemory.resetPeaks();
                double cpu0 = ProcessMemory.cpuSeconds();
                long t0 = System.nanoTime();
                Release.Outcome outcome = Release.release(home, cal, store, releases,
                        new Release.Options(edition.id(), historyYears,
                                selected(edition, catalogue).stream().map(Indicator::id).toList(), threads), line -> { });
                double wall = (System.nanoTime() - t0) / 1e9;
                double cpu = ProcessMemory.cpuSeconds() - cpu0;
                OptionalLong rss = ProcessMemory.peakRss();
                long heap = ProcessMemory.peakHeap();
                Release.Split s = outcome.split();
                int due = selected(edition, catalogue).size();
                System.out.printf(Locale.ROOT, "%s: %d indicators due%s, %.1f s wall, %.1f CPU s; peak %s resident, "
                                + "Java heap %s (load %.1f)%n", edition.id(), due,
                        outcome.failed().isEmpty() ? "" : " (" + outcome.failed().size() + " failed)", wall, cpu,
                        ProcessMemory.gb(rss), ProcessMemory.gb(heap), ProcessMemory.load());
                System.out.printf(Locale.ROOT, "  split: computing %.1f s wall (engine %.1f s + analysis %.1f s on %d "
                                + "thread(s)), contents %.1f s, writing %.1f s (%s)%n", s.computeWallSeconds(),
                        s.engineSeconds(), s.analysisSeconds(), threads, s.contentsSeconds(), s.writeTotalSeconds(),
                        slowest(s.writeSeconds()));
                Map<String, Double> floors = Map.of();
                if (!noFloor) {
                    floors = floor(home, catalogue, edition);
                    double floor = floors.values().stream().mapToDouble(Double::doubleValue).sum();
                    floorSum += floor;
                    System.out.printf(Locale.ROOT, "  floor: bare DuckDB aggregates of the %d indicators %.1f s "
                                    + "(summed over %d thread(s) as the engine's); engine / floor = %.2f%n", due, floor, threads,
                            s.engineSeconds() / floor);
                }
                for (String line : slowestIndicators(s.engineByIndicator(), floors, slowest)) System.out.println(line);
                wallSum += wall;
                cpuSum += cpu;
                engineSum += s.engineSeconds();
                if (rss.isPresent()) peakRss = Math.max(peakRss, rss.getAsLong());
                peakHeap = Math.max(peakHeap, heap);
            }
        } finally {
            if (out == null) Folders.deleteTree(releases);
        }
        OptionalLong lifetime = ProcessMemory.peakRss();
        System.out.printf(Locale.ROOT, "year %d: %.1f s wall, %.1f CPU s, %,.0f stored rows/s; peak %s resident%s, "
                        + "Java heap %s (target at scale 1, six years: <= 60 s, <= 8 GB; load %.1f)%n", year, wallSum,
                cpuSum, storeRows / wallSum, ProcessMemory.gb(peaksPerEdition ? OptionalLong.of(peakRss) : lifetime),
                peaksPerEdition ? "" : " (since the process started)", ProcessMemory.gb(peakHeap), ProcessMemory.load());
        if (!noFloor) {
            System.out.printf(Locale.ROOT, "  floor for the year: %.1f s over %d thread(s) (%.1f s wall if spread evenly); "
                            + "engine / floor = %.2f, whole release wall / floor wall = %.2f%n",
                    floorSum, threads, floorSum / threads, engineSum / floorSum, wallSum / (floorSum / threads));
        }
        return ExitCodes.OK;
    }

    /** The edition's due indicators, only those of --indicator when given. */
    private List<Indicator> selected(Calendar.Edition edition, Catalogue catalogue) {
        return edition.dueIndicators(catalogue).stream()
                .filter(i -> indicators.isEmpty() || indicators.contains(i.id())).toList();
    }

    /**
     * The {@code limit} (0: all) indicators with the most engine seconds, one line each with their floor (bare aggregate) and
     * the ratio when it was measured, e.g. "  ami_30d_survival engine 12.3 s, floor 10.1 s, 1.22×".
     */
    static List<String> slowestIndicators(Map<String, Double> engine, Map<String, Double> floors, int limit) {
        List<String> lines = new ArrayList<>();
        engine.entrySet().stream()
                .sorted(Map.Entry.<String, Double>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                .limit(limit > 0 ? limit : Long.MAX_VALUE).forEach(e -> {
                    Double floor = floors.get(e.getKey());
                    lines.add(String.format(Locale.ROOT, "  %-45s engine %6.2f s", e.getKey(), e.getValue())
                            + (floor == null ? "" : String.format(Locale.ROOT, ", floor %6.2f s, %.2f×", floor,
                            e.getValue() / floor)));
                });
        return lines;
    }

    /** The three slowest artefacts, e.g. "ResultFiles 1.2 s, SubscriberXlsx 0.8 s, ReportHtml 0.3 s". */
    static String slowest(Map<String, Double> writeSeconds) {
        return writeSeconds.entrySet().stream()
                .sorted(Map.Entry.<String, Double>comparingByValue().reversed()).limit(3)
                .map(e -> String.format(Locale.ROOT, "%s %.1f s", e.getKey(), e.getValue()))
                .reduce((a, b) -> a + ", " + b).orElse("nothing written");
    }

    /**
     * The floor of an edition in thread-seconds per indicator, as the release's engine seconds are counted: each due indicator's run
     * prepared (not timed), then its bare aggregate timed, on the bench's threads with one DuckDB thread per
     * connection as a release has.
     */
    private Map<String, Double> floor(KvikHome home, Catalogue catalogue, Calendar.Edition edition) throws Exception {
        LocalDate end = edition.dataEnd();
        int lastYear = end.minusDays(1).getYear();
        RunRequest request = RunRequest.between(LocalDate.of(lastYear - historyYears + 1, 1, 1), end);
        Map<String, Double> seconds = new java.util.concurrent.ConcurrentHashMap<>();
        try (Connection connection = Store.open(store, home, DuckDb.Settings.DEFAULTS.withThreads(1))) {
            List<ParallelRuns.Outcome<Long>> outcomes = ParallelRuns.run(connection, threads,
                    selected(edition, catalogue), (engine, indicator) -> {
                        try (EngineRun run = engine.prepare(indicator, request)) {
                            long f0 = System.nanoTime();
                            long rows = BenchCommand.floor(run);
                            seconds.put(indicator.id(), (System.nanoTime() - f0) / 1e9);
                            return rows;
                        }
                    }, o -> { });
            for (ParallelRuns.Outcome<Long> o : outcomes) {
                if (o.failed()) throw o.failure();
            }
            return new java.util.TreeMap<>(seconds);
        }
    }
}
