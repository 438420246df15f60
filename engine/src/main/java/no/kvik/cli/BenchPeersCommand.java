package no.kvik.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import no.kvik.analysis.Analysis;
import no.kvik.analysis.AnalysisOptions;
import no.kvik.catalog.Catalogue;
import no.kvik.catalog.Indicator;
import no.kvik.catalog.RiskModel;
import no.kvik.config.KvikHome;
import no.kvik.contract.Contracts;
import no.kvik.engine.Engine;
import no.kvik.engine.EngineRun;
import no.kvik.engine.RunRequest;
import no.kvik.store.Ingester;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * kvik beside an analyst's own scripts (engine/bench/peers: pandas + statsmodels, R data.table + glm) on the same
 * extracts, interleaved in rounds: from the extracts (kvik: ingest of the files the indicator reads + the analysed
 * run, in this process; a peer: its whole process up to its first result) and on loaded data (kvik: warm engine run
 * and warm analysed run on the store; a peer: its computation on frames already in memory). Medians of the rounds,
 * the peer / kvik ratio and the load average beside each figure. The peers' numerators, denominators and expected
 * counts per unit are checked against kvik's and every disagreement is printed. Figures only; nothing is asserted.
 */
@Command(name = "bench-peers", mixinStandardHelpOptions = true,
        description = {"Time kvik against the peer scripts in engine/bench/peers (pandas + statsmodels, R data.table + "
                + "glm) for AMI 30-day survival, readmission 67+ and the antibiotic users' share, in interleaved rounds "
                + "(medians), from the extracts and on loaded data, and check that the peers' numerators, denominators "
                + "and expected counts per unit agree with kvik's.",
                "A peer whose interpreter or packages are missing is reported as skipped (with the Debian packages "
                        + "to install). The store must hold the same extracts (kvik ingest EXTRACTS)."})
final class BenchPeersCommand implements Callable<Integer> {
    static final List<String> INDICATORS = List.of("ami_30d_survival", "readmission_67_30d", "antibiotic_users_share");
    /** Relative gap tolerated between kvik's and a peer's expected count (different IRLS stopping rules). */
    static final double EXPECTED_TOLERANCE = 1e-6;
    /** Issue #17's targets on loaded data: peer time / kvik with analysis, per peer; the analysis's share of the engine run. */
    static final Map<String, Double> PEER_TARGETS = Map.of("pandas + statsmodels", 10.0, "R data.table + glm", 5.0);
    static final double ANALYSIS_SHARE_TARGET = 0.20;

    @Option(names = "--extracts", required = true, paramLabel = "DIR", description = "The extracts the store was made from.")
    Path extracts;

    @Option(names = "--store", required = true, paramLabel = "STORE", description = "The store made from them (loaded data).")
    Path store;

    @Option(names = "--year", paramLabel = "YYYY", description = "The year measured (default: the year before the latest "
            + "npr_somatic_YYYY.csv, so that the 30-day follow-up of AMI and readmission is covered).")
    Integer year;

    @Option(names = "--rounds", paramLabel = "N", description = "Interleaved rounds; medians are printed (default ${DEFAULT-VALUE}).")
    int rounds = 3;

    @Option(names = "--indicator", split = ",", paramLabel = "ID", description = "Indicators (default: all three).")
    List<String> indicators = INDICATORS;

    @Option(names = "--peers-dir", paramLabel = "DIR", description = "The peer scripts (default: engine/bench/peers of KVIK_HOME).")
    Path peersDir;

    /** A peer script and how it is started; {@code missing} says why it cannot run here (null when it can). */
    record Peer(String name, List<String> command, String missing) {
    }

    /** Figures of one round, in seconds. */
    record Round(double kvikExtracts, double kvikIngest, double kvikEngine, double kvikAnalysed,
                 Map<String, double[]> peers) {
    }

    @Override
    public Integer call() throws Exception {
        KvikHome home = KvikHome.locate();
        Catalogue catalogue = Catalogue.load(home.indicators(), Contracts.load(home.contracts()));
        if (rounds < 1) throw new IllegalArgumentException("--rounds must be at least 1, not " + rounds);
        for (String id : indicators) {
            if (!INDICATORS.contains(id)) throw new IllegalArgumentException("no peer script for " + id + "; choose from " + INDICATORS);
        }
        if (!Files.isDirectory(extracts)) throw new IllegalArgumentException("extracts folder not found: " + extracts);
        int y = year != null ? year : latestYear(extracts) - 1;
        Path scripts = peersDir != null ? peersDir : home.root().resolve("engine/bench/peers");
        List<Peer> peers = List.of(python(scripts), r(scripts));
        for (Peer p : peers) {
            System.out.println(p.missing() == null ? "peer " + p.name() + ": " + String.join(" ", p.command())
                    : "peer " + p.name() + ": SKIPPED, " + p.missing());
        }
        RunRequest request = RunRequest.between(LocalDate.of(y, 1, 1), LocalDate.of(y + 1, 1, 1));
        Path work = Files.createTempDirectory("kvik-bench-peers");
        List<String> table = new ArrayList<>();
        table.add("| indicator (" + y + ") | kvik | " + String.join(" | ", peers.stream().map(Peer::name).toList())
                + " | load average |");
        table.add("|---|---|" + "---|".repeat(peers.size()) + "---|");
        int disagreements = 0;
        List<String> verdicts = new ArrayList<>();
        try (Connection connection = RunCommand.openStore(store, home)) {
            Engine engine = new Engine(connection);
            Analysis analysis = new Analysis(engine);
            for (String id : indicators) {
                Indicator indicator = catalogue.get(id);
                List<Path> files = files(id, y);
                if (files.isEmpty()) throw new IllegalArgumentException("no extract files of " + id + " for " + y + " in " + extracts);
                // warm-up: the store's files in the caches, the classes loaded
                engine.run(indicator, request);
                analysis.run(indicator, request);
                String loadBefore = loadAverage();
                List<Round> done = new ArrayList<>();
                for (int k = 0; k < rounds; k++) {
                    done.add(round(k, home, connection, indicator, request, files, peers, y, work));
                }
                String loadAfter = loadAverage();
                disagreements += compare(connection, indicator, request, peers, y, work);
                table.addAll(rows(id, done, peers, loadBefore + " → " + loadAfter));
                verdicts.add(targets(id, median(done.stream().mapToDouble(Round::kvikEngine).toArray()),
                        median(done.stream().mapToDouble(Round::kvikAnalysed).toArray()), peerMedians(done, peers)));
            }
        } finally {
            deleteTree(work);
        }
        System.out.println();
        System.out.printf(Locale.ROOT, "%d interleaved round(s), medians; ratio = peer / kvik. kvik from the extracts: ingest "
                + "of the files the indicator reads into an empty store + its analysed run, in this JVM (its start, about "
                + "0.7 s, not counted); a peer from the extracts: its whole process (interpreter start, reading, contract "
                + "rules, first result). Loaded: kvik warm engine run / with analysis (risk model, funnels at every level, "
                + "FDR, trends) vs the peer's computation on data in memory (numerators, denominators, model; no funnels).%n",
                rounds);
        table.forEach(System.out::println);
        verdicts.forEach(System.out::println);
        System.out.println(disagreements == 0 ? "numbers: every peer that ran agrees with kvik per unit (numerator, "
                + "denominator, expected to " + EXPECTED_TOLERANCE + " relative)"
                : "numbers: " + disagreements + " disagreement(s) with kvik, listed above");
        return ExitCodes.OK;
    }

    private Round round(int k, KvikHome home, Connection connection, Indicator indicator, RunRequest request,
                        List<Path> files, List<Peer> peers, int y, Path work) throws Exception {
        Map<String, double[]> peerFigures = new LinkedHashMap<>();
        double[] kvik = new double[4];
        // the order rotates from round to round, so no tool always runs right after another
        int participants = peers.size() + 1;
        for (int i = 0; i < participants; i++) {
            int who = (i + k) % participants;
            if (who == 0) {
                kvik = kvik(home, connection, indicator, request, files, work.resolve("store-" + k));
            } else {
                Peer p = peers.get(who - 1);
                if (p.missing() != null) continue;
                peerFigures.put(p.name(), runPeer(p, indicator.meta().id(), y, work.resolve(p.name().replaceAll("\\W", "") + ".csv")));
            }
        }
        return new Round(kvik[0], kvik[1], kvik[2], kvik[3], peerFigures);
    }

    /** kvik's figures: from the extracts (ingest + analysed run), its ingest, warm engine run, warm analysed run. */
    private static double[] kvik(KvikHome home, Connection loaded, Indicator indicator, RunRequest request, List<Path> files,
                                 Path fresh) throws Exception {
        long t0 = System.nanoTime();
        try (Ingester ingester = Ingester.open(fresh, home, null)) {
            for (Path f : files) ingester.ingest(f);
        }
        double ingest = (System.nanoTime() - t0) / 1e9;
        try (Connection c = RunCommand.openStore(fresh, home)) {
            new Analysis(c).run(indicator, request);
        }
        double fromExtracts = (System.nanoTime() - t0) / 1e9;
        deleteTree(fresh);
        long s = System.nanoTime();
        new Engine(loaded).run(indicator, request);
        double engine = (System.nanoTime() - s) / 1e9;
        s = System.nanoTime();
        new Analysis(loaded).run(indicator, request);
        double analysed = (System.nanoTime() - s) / 1e9;
        return new double[] {fromExtracts, ingest, engine, analysed};
    }

    private static final Pattern FIGURE = Pattern.compile("\"(\\w+)\": ([0-9.eE+-]+)");

    /** A peer's figures: from the extracts (wall time up to its first result) and its warm computation. */
    private double[] runPeer(Peer peer, String id, int y, Path out) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(peer.command());
        cmd.addAll(List.of(id, extracts.toAbsolutePath().toString(), KvikHome.locate().root().toString(),
                Integer.toString(y), out.toString(), "3"));
        long s = System.nanoTime();
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        Process process = pb.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(30, TimeUnit.MINUTES) || process.exitValue() != 0) {
            throw new IllegalStateException("peer " + peer.name() + " failed on " + id + " (exit "
                    + (process.isAlive() ? "timeout" : process.exitValue()) + "): " + tail(output));
        }
        double wall = (System.nanoTime() - s) / 1e9;
        Map<String, Double> f = new TreeMap<>();
        Matcher m = FIGURE.matcher(output.lines().reduce((a, b) -> b).orElse(""));
        while (m.find()) f.put(m.group(1), Double.parseDouble(m.group(2)));
        if (!f.containsKey("compute_s") || !f.containsKey("repeat_s")) {
            throw new IllegalStateException("peer " + peer.name() + " printed no timings on " + id + ": " + tail(output));
        }
        return new double[] {wall - f.get("repeat_s"), f.get("compute_s"), f.get("load_s")};
    }

    private static String tail(String output) {
        List<String> lines = output.lines().toList();
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 8), lines.size()));
    }

    /** Each peer that ran: the median of its computations on loaded data, in seconds. */
    private static Map<String, Double> peerMedians(List<Round> rounds, List<Peer> peers) {
        Map<String, Double> out = new LinkedHashMap<>();
        for (Peer p : peers) {
            if (p.missing() == null) out.put(p.name(), median(rounds.stream().mapToDouble(r -> r.peers().get(p.name())[1]).toArray()));
        }
        return out;
    }

    /** The table rows of one indicator: from the extracts, and loaded. */
    private static List<String> rows(String id, List<Round> rounds, List<Peer> peers, String load) {
        double kx = median(rounds.stream().mapToDouble(Round::kvikExtracts).toArray());
        double ki = median(rounds.stream().mapToDouble(Round::kvikIngest).toArray());
        double ke = median(rounds.stream().mapToDouble(Round::kvikEngine).toArray());
        double ka = median(rounds.stream().mapToDouble(Round::kvikAnalysed).toArray());
        StringBuilder fromExtracts = new StringBuilder(String.format(Locale.ROOT, "| %s, from the extracts | %.2f s (ingest %.2f) |", id, kx, ki));
        StringBuilder loaded = new StringBuilder(String.format(Locale.ROOT, "| same, loaded (kvik: warm engine / with analysis) | %.3f / %.3f s (analysis %+.0f %%) |", ke, ka, 100 * (ka / ke - 1)));
        for (Peer p : peers) {
            if (p.missing() != null) {
                fromExtracts.append(" skipped |");
                loaded.append(" skipped |");
                continue;
            }
            double px = median(rounds.stream().mapToDouble(r -> r.peers().get(p.name())[0]).toArray());
            double pc = median(rounds.stream().mapToDouble(r -> r.peers().get(p.name())[1]).toArray());
            fromExtracts.append(String.format(Locale.ROOT, " %.2f s (%.2f× kvik) |", px, px / kx));
            loaded.append(String.format(Locale.ROOT, " %.3f s (%.2f× kvik with analysis) |", pc, pc / ka));
        }
        fromExtracts.append(' ').append(load).append(" |");
        loaded.append(' ').append(load).append(" |");
        return List.of(fromExtracts.toString(), loaded.toString());
    }

    /**
     * One line per indicator against issue #17's loaded-data targets: each peer's time over kvik's with analysis
     * (at least {@link #PEER_TARGETS}) and what the analysis adds to the warm engine run (at most
     * {@link #ANALYSIS_SHARE_TARGET}); medians in seconds, a peer that did not run is left out.
     */
    static String targets(String id, double engine, double analysed, Map<String, Double> peerSeconds) {
        StringBuilder b = new StringBuilder("targets, " + id + " loaded:");
        for (Map.Entry<String, Double> e : peerSeconds.entrySet()) {
            double ratio = e.getValue() / analysed;
            double target = PEER_TARGETS.getOrDefault(e.getKey(), Double.NaN);
            b.append(String.format(Locale.ROOT, " %s %.2f× kvik with analysis (target ≥ %.0f×: %s);", e.getKey(), ratio,
                    target, ratio >= target ? "met" : "missed"));
        }
        double share = analysed / engine - 1;
        b.append(String.format(Locale.ROOT, " analysis adds %.0f %% to the engine run (target ≤ %.0f %%: %s)", 100 * share,
                100 * ANALYSIS_SHARE_TARGET, share <= ANALYSIS_SHARE_TARGET ? "met" : "missed"));
        return b.toString();
    }

    /**
     * Checks each peer's last output against kvik's counts per unit on the loaded store: hospitals (provider_org)
     * for the case-mix indicators, with observed and expected events of the risk model; residence municipalities
     * for the antibiotic users' share. Prints every disagreement; returns their number.
     */
    private int compare(Connection connection, Indicator indicator, RunRequest request, List<Peer> peers, int y, Path work)
            throws SQLException, IOException {
        String id = indicator.meta().id();
        Map<String, double[]> kvik = new TreeMap<>();
        try (EngineRun run = new Engine(connection).prepare(indicator, request)) {
            if (run.results().isEmpty()) {
                throw new IllegalArgumentException(id + " has no results for " + y + " in " + store + " (left out: "
                        + run.leftOut() + "); choose a --year whose follow-up the store covers");
            }
            Analysis.analyse(run, AnalysisOptions.defaults());
            boolean modelled = RiskModel.of(indicator.meta()) != null;
            String unit = modelled ? "provider_org" : "residence_municipality";
            String range = " WHERE event_date >= DATE '" + y + "-01-01' AND event_date < DATE '" + (y + 1) + "-01-01'";
            try (Statement st = run.connection().createStatement();
                 ResultSet rs = st.executeQuery("SELECT " + unit + ", sum(numerator), sum(denominator) FROM " + run.cases()
                         + range + " AND " + unit + " IS NOT NULL GROUP BY ALL")) {
                while (rs.next()) kvik.put(rs.getString(1), new double[] {rs.getDouble(2), rs.getDouble(3), Double.NaN});
            }
            if (modelled) {
                try (Statement st = run.connection().createStatement();
                     ResultSet rs = st.executeQuery("SELECT provider_org, sum(den) FROM " + Analysis.expectedTable(run)
                             + " WHERE month >= DATE '" + y + "-01-01' AND month < DATE '" + (y + 1)
                             + "-01-01' AND provider_org IS NOT NULL GROUP BY ALL")) {
                    while (rs.next()) kvik.computeIfAbsent(rs.getString(1), u -> new double[] {0, 0, 0})[2] = rs.getDouble(2);
                }
            }
        }
        int gaps = 0;
        for (Peer p : peers) {
            if (p.missing() != null) continue;
            Map<String, double[]> peer = readPeer(work.resolve(p.name().replaceAll("\\W", "") + ".csv"));
            List<String> found = new ArrayList<>();
            for (String u : new TreeSet<>(Stream.concat(kvik.keySet().stream(), peer.keySet().stream()).toList())) {
                double[] a = kvik.getOrDefault(u, new double[] {0, 0, Double.NaN});
                double[] b = peer.getOrDefault(u, new double[] {0, 0, Double.NaN});
                boolean same = a[0] == b[0] && a[1] == b[1]
                        && (Double.isNaN(a[2]) && Double.isNaN(b[2])
                        || Math.abs(a[2] - b[2]) <= EXPECTED_TOLERANCE * Math.max(1, Math.abs(a[2])));
                if (!same) {
                    found.add(String.format(Locale.ROOT, "  %s vs kvik, %s unit %s: numerator %s / %s, denominator %s / %s, "
                            + "expected %.9g / %.9g", p.name(), id, u, fmt(b[0]), fmt(a[0]), fmt(b[1]), fmt(a[1]), b[2], a[2]));
                }
            }
            System.out.printf(Locale.ROOT, "%s vs kvik, %s: %d units, %s%n", p.name(), id, kvik.size(),
                    found.isEmpty() ? "all agree" : found.size() + " disagree");
            found.forEach(System.out::println);
            gaps += found.size();
        }
        return gaps;
    }

    private static String fmt(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
    }

    /** A peer's CSV: unit,numerator,denominator,expected (expected empty or NA without a model). */
    static Map<String, double[]> readPeer(Path csv) throws IOException {
        Map<String, double[]> out = new TreeMap<>();
        List<String> lines = Files.readAllLines(csv, StandardCharsets.UTF_8);
        if (lines.isEmpty() || !lines.get(0).equals("unit,numerator,denominator,expected")) {
            throw new IllegalStateException(csv + ": expected the header unit,numerator,denominator,expected");
        }
        for (int i = 1; i < lines.size(); i++) {
            String[] f = lines.get(i).split(",", -1);
            if (f.length != 4) throw new IllegalStateException(csv + " row " + (i + 1) + ": 4 fields expected");
            out.put(f[0], new double[] {number(csv, i + 1, "numerator", f[1]), number(csv, i + 1, "denominator", f[2]),
                    f[3].isEmpty() || f[3].equals("NA") ? Double.NaN : number(csv, i + 1, "expected", f[3])});
        }
        return out;
    }

    private static double number(Path csv, int row, String field, String text) {
        try {
            return Double.parseDouble(text);
        } catch (NumberFormatException e) {
            throw new IllegalStateException(csv + " row " + row + ", field " + field + ": not a number", e);
        }
    }

    /**
     * The extract files an indicator reads for the year: the year's, the one before (AMI's look-back) and after
     * (follow-up, and rows of the year delivered late), as the peers read them.
     */
    private List<Path> files(String id, int y) {
        List<String> names = new ArrayList<>();
        List<String> contracts = switch (id) {
            case "ami_30d_survival" -> List.of("npr_somatic", "death");
            case "readmission_67_30d" -> List.of("npr_somatic");
            default -> List.of("prescription", "population");
        };
        for (String c : contracts) {
            for (int k = c.equals("population") ? y : y - 1; k <= (c.equals("population") ? y : y + 1); k++) names.add(c + "_" + k);
        }
        return names.stream().map(n -> extracts.resolve(n + ".csv")).filter(Files::isRegularFile).toList();
    }

    static int latestYear(Path extracts) throws IOException {
        try (Stream<Path> s = Files.list(extracts)) {
            return s.map(p -> p.getFileName().toString()).filter(n -> n.matches("npr_somatic_\\d{4}\\.csv"))
                    .map(n -> Integer.parseInt(n.substring(12, 16))).max(Comparator.naturalOrder())
                    .orElseThrow(() -> new IllegalArgumentException("no npr_somatic_YYYY.csv in " + extracts + "; give --year"));
        }
    }

    /** The first python3 that imports pandas and statsmodels (Debian's, then the PATH's). */
    static Peer python(Path scripts) {
        String name = "pandas + statsmodels";
        for (String exe : List.of("/usr/bin/python3", "python3")) {
            if (works(List.of(exe, "-c", "import pandas, statsmodels"))) {
                return new Peer(name, List.of(exe, scripts.resolve("peer_pandas.py").toString()), null);
            }
        }
        return new Peer(name, List.of(), "no python3 with pandas and statsmodels (apt-get install -y python3-pandas "
                + "python3-statsmodels)");
    }

    static Peer r(Path scripts) {
        String name = "R data.table + glm";
        if (works(List.of("Rscript", "-e", "suppressPackageStartupMessages(library(data.table))"))) {
            return new Peer(name, List.of("Rscript", scripts.resolve("peer_r.R").toString()), null);
        }
        return new Peer(name, List.of(), "no Rscript with data.table (apt-get install -y r-base-core r-cran-data.table)");
    }

    private static boolean works(List<String> command) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            return p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static String loadAverage() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return f[0];
        } catch (IOException | RuntimeException e) {
            return "n/a";
        }
    }

    static double median(double[] values) {
        return BenchCommand.median(values);
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) return;
        try (Stream<Path> s = Files.walk(root)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
        }
    }
}
