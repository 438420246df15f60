package no.kvik.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import no.kvik.config.KvikHome;
import no.kvik.store.BenchmarkExtract;
import no.kvik.store.IngestResult;
import no.kvik.store.Ingester;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Measures ingest speed on a generated npr_somatic extract, one file or a folder of extracts, each beside DuckDB's plain
 * CSV to Parquet copy of the same file (the floor), with the split of kvik's time.
 */
@Command(name = "bench-ingest", mixinStandardHelpOptions = true,
        description = {"Generate an npr_somatic extract (or take --file, or every *.csv of --extracts) and print the "
                + "ingest rate in rows/s beside DuckDB's plain CSV -> Parquet copy of the same file (the floor).",
                "With --extracts: one line per file and a total: kvik's seconds, the floor's, their ratio, process CPU "
                + "seconds and their ratio (which hardly depends on what else the machine runs), rows/s, and kvik's "
                + "split in seconds: checks (digest, header), read (the file into a VARCHAR table), rowchk (duplicate "
                + "keys, list columns), keys (person key dictionary), write (years, then type, validate and write "
                + "Parquet), count (the written files), switch (files placed, keys against other deliveries, "
                + "manifest, record). Each file's floor runs right after its ingest."})
final class BenchIngestCommand implements Callable<Integer> {
    @Option(names = "--rows", defaultValue = "2000000", description = "Rows to generate (default ${DEFAULT-VALUE}).")
    long rows;

    @Option(names = "--file", description = "Ingest this npr_somatic_*.csv instead of generating one.")
    Path file;

    @Option(names = "--extracts", description = "Ingest every *.csv in this folder (name order) into one new store, "
            + "each file beside its floor, and print a line per file and a total.")
    Path extracts;

    @Option(names = "--work", description = "Work folder (default: a temporary folder, deleted afterwards).")
    Path work;

    @Override
    public Integer call() throws Exception {
        KvikHome home = KvikHome.locate();
        Path dir = work != null ? Files.createDirectories(work) : Files.createTempDirectory("kvik-bench-");
        try {
            if (extracts != null) return folder(home, dir);
            Path extract = file;
            if (extract == null) {
                extract = dir.resolve("npr_somatic_2021.csv");
                long g0 = System.nanoTime();
                BenchmarkExtract.write(extract, home.reference(), 2021, rows, 42);
                System.out.printf("generated %d rows (%.0f MB) in %.1f s%n", rows, Files.size(extract) / 1e6,
                        (System.nanoTime() - g0) / 1e9);
            }
            Path store = dir.resolve("store");
            IngestResult r;
            com.sun.management.OperatingSystemMXBean os = (com.sun.management.OperatingSystemMXBean)
                    java.lang.management.ManagementFactory.getOperatingSystemMXBean();
            long cpu0 = os.getProcessCpuTime();
            no.kvik.store.IngestTimings t;
            try (Ingester ingester = Ingester.open(store, home, System.err::println)) {
                r = ingester.ingest(extract);
                t = ingester.lastTimings();
            }
            System.out.printf("ingest %s: %s, read %d, stored %d, flagged %d, rejected %d%n", r.sourceFile(),
                    r.outcome(), r.rowsRead(), r.rowsStored(), r.rowsFlagged(), r.rowsRejected());
            double cpu = (os.getProcessCpuTime() - cpu0) / 1e9;
            int cores = Runtime.getRuntime().availableProcessors();
            System.out.printf("%.2f s, %.0f rows/s, %.0f MB/s on %d cores (load average %.1f)%n", r.seconds(),
                    r.rowsRead() / r.seconds(), Files.size(extract) / 1e6 / r.seconds(), cores,
                    os.getSystemLoadAverage());
            // on a shared machine wall time depends on the others; CPU time says what the ingest itself costs
            System.out.printf("process CPU %.1f s: %.0f rows per CPU-second, %.0f rows/s if the %d cores were idle%n",
                    cpu, r.rowsRead() / cpu, r.rowsRead() / cpu * cores, cores);
            System.out.printf("split (s): checks %.2f, read %.2f, row checks %.2f, keys %.2f, write %.2f, count %.2f, "
                    + "switch %.2f%n", t.checks(), t.read(), t.rowChecks(), t.keys(), t.write(), t.count(),
                    t.switchSeconds());
            floor(home, extract, dir, r, cpu);
            if (file == null) {
                // the generator numbers episodes by line, so this checks that _row follows file order
                try (java.sql.Connection c = no.kvik.store.Store.open(store, home);
                     java.sql.Statement st = c.createStatement();
                     java.sql.ResultSet rs = st.executeQuery("SELECT count(*) FILTER (WHERE episode_id <> "
                             + "'E2021-' || _row), count(*) FROM npr_somatic_all")) {
                    rs.next();
                    System.out.printf("row numbers out of file order: %d of %d%n", rs.getLong(1), rs.getLong(2));
                }
            }
            return r.outcome() == IngestResult.Outcome.REJECTED ? ExitCodes.DATA_ERRORS : ExitCodes.OK;
        } finally {
            if (work == null) {
                try (Stream<Path> s = Files.walk(dir)) {
                    s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
                }
            }
        }
    }

    /** One wall and one process-CPU reading. */
    private record Clock(long wall, long cpu) {
        static Clock now() {
            return new Clock(System.nanoTime(), ((com.sun.management.OperatingSystemMXBean) java.lang.management
                    .ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime());
        }

        double wallSince(Clock start) {
            return (wall - start.wall) / 1e9;
        }

        double cpuSince(Clock start) {
            return (cpu - start.cpu) / 1e9;
        }
    }

    /** Every *.csv of {@link #extracts} into one store, each beside its floor: a line per file and the total. */
    private int folder(KvikHome home, Path dir) throws Exception {
        java.util.List<Path> csvs;
        try (Stream<Path> s = Files.list(extracts)) {
            csvs = s.filter(p -> p.getFileName().toString().endsWith(".csv")).sorted().toList();
        }
        no.kvik.contract.Contracts contracts = no.kvik.contract.Contracts.load(home.contracts());
        java.lang.management.OperatingSystemMXBean os = java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        System.out.printf("bench-ingest %s: %d files on %d cores, load average %.1f at start%n", extracts, csvs.size(),
                Runtime.getRuntime().availableProcessors(), os.getSystemLoadAverage());
        String head = "%-40s %10s %8s %8s %6s %8s %8s %6s %10s | %6s %6s %6s %6s %6s %6s %6s%n";
        System.out.printf(head, "file", "rows", "kvik s", "floor s", "ratio", "cpu s", "fl cpu", "cpu r", "rows/s",
                "checks", "read", "rowchk", "keys", "write", "count", "switch");
        String line = "%-40s %10d %8.2f %8.2f %6.2f %8.2f %8.2f %6.2f %10.0f | %6.2f %6.2f %6.2f %6.2f %6.2f %6.2f %6.2f%n";
        long rows = 0;
        double kvik = 0;
        double floor = 0;
        double kvikCpu = 0;
        double floorCpu = 0;
        double[] split = new double[7];
        boolean rejected = false;
        try (Ingester ingester = Ingester.open(dir.resolve("store"), home, null)) {
            for (Path csv : csvs) {
                Clock k0 = Clock.now();
                IngestResult r = ingester.ingest(csv);
                Clock k1 = Clock.now();
                no.kvik.contract.Contract contract = contracts.forFileName(csv.getFileName().toString()).orElse(null);
                if (r.outcome() == IngestResult.Outcome.REJECTED || contract == null) {
                    rejected = true;
                    System.out.printf("%-40s rejected: %s%n", csv.getFileName(), r.reason());
                    continue;
                }
                double[] steps = ingester.lastTimings().steps();
                Path out = dir.resolve("floor.parquet");
                Clock f0 = Clock.now();
                try {
                    BenchmarkExtract.plainCopySeconds(csv, contract, out);
                } finally {
                    Files.deleteIfExists(out);
                }
                Clock f1 = Clock.now();
                for (int i = 0; i < steps.length; i++) split[i] += steps[i];
                double ks = k1.wallSince(k0);
                double fs = f1.wallSince(f0);
                double kc = k1.cpuSince(k0);
                double fc = f1.cpuSince(f0);
                rows += r.rowsRead();
                kvik += ks;
                floor += fs;
                kvikCpu += kc;
                floorCpu += fc;
                System.out.printf(line, csv.getFileName(), r.rowsRead(), ks, fs, ks / fs, kc, fc, kc / fc,
                        r.rowsRead() / ks, steps[0], steps[1], steps[2], steps[3], steps[4], steps[5], steps[6]);
            }
        }
        System.out.printf(line, "total", rows, kvik, floor, kvik / floor, kvikCpu, floorCpu, kvikCpu / floorCpu,
                rows / kvik, split[0], split[1], split[2], split[3], split[4], split[5], split[6]);
        System.out.printf("floor: %.2f s, %.0f rows/s, process CPU %.1f s; load average %.1f at the end "
                + "(ratio = kvik's wall / the floor's, cpu r = kvik's process CPU / the floor's; target <= 1.3)%n",
                floor, rows / floor, floorCpu, os.getSystemLoadAverage());
        return rejected ? ExitCodes.DATA_ERRORS : ExitCodes.OK;
    }

    /** Prints DuckDB's plain copy of the same file (the floor, {@link BenchmarkExtract#plainCopySeconds}). */
    private static void floor(KvikHome home, Path extract, Path dir, IngestResult r, double ingestCpu) throws Exception {
        no.kvik.contract.Contract contract = no.kvik.contract.Contracts.load(home.contracts())
                .forFileName(extract.getFileName().toString()).orElse(null);
        if (contract == null || r.outcome() == IngestResult.Outcome.REJECTED) return;
        Path out = dir.resolve("floor.parquet");
        double s;
        com.sun.management.OperatingSystemMXBean os = (com.sun.management.OperatingSystemMXBean)
                java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        long cpu0 = os.getProcessCpuTime();
        try {
            s = BenchmarkExtract.plainCopySeconds(extract, contract, out);
        } finally {
            Files.deleteIfExists(out);
        }
        double floorCpu = (os.getProcessCpuTime() - cpu0) / 1e9;
        System.out.printf("DuckDB floor (plain CSV -> Parquet copy of the same file, no validation): %.2f s, %.0f rows/s; "
                + "ingest / floor = %.2f%n", s, r.rowsRead() / s, r.seconds() / s);
        // CPU seconds hardly depend on what else the machine runs: the ratio to quote from a shared machine
        System.out.printf("by process CPU: ingest %.1f s, floor %.1f s; ingest / floor = %.2f (target <= 1.3)%n",
                ingestCpu, floorCpu, ingestCpu / floorCpu);
    }
}
