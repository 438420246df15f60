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

/** Measures ingest speed on a generated npr_somatic extract and prints rows per second. */
@Command(name = "bench-ingest", mixinStandardHelpOptions = true,
        description = "Generate an npr_somatic extract (or take --file) and print the ingest rate in rows/s.")
final class BenchIngestCommand implements Callable<Integer> {
    @Option(names = "--rows", defaultValue = "2000000", description = "Rows to generate (default ${DEFAULT-VALUE}).")
    long rows;

    @Option(names = "--file", description = "Ingest this npr_somatic_*.csv instead of generating one.")
    Path file;

    @Option(names = "--work", description = "Work folder (default: a temporary folder, deleted afterwards).")
    Path work;

    @Override
    public Integer call() throws Exception {
        KvikHome home = KvikHome.locate();
        Path dir = work != null ? Files.createDirectories(work) : Files.createTempDirectory("kvik-bench-");
        try {
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
            try (Ingester ingester = Ingester.open(store, home, System.err::println)) {
                r = ingester.ingest(extract);
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
