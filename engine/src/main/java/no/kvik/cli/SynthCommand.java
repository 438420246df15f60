package no.kvik.cli;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import no.kvik.config.KvikHome;
import no.kvik.contract.Contracts;
import no.kvik.synth.Synthesizer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Writes synthetic national registry extracts in the contracts' exact file shapes, with a truth file.
 * Default scale 0.02 (about 111,000 inhabitants): fast, yet about 240 AMI, 220 strokes and 180 hip
 * fractures a year, i.e. over a thousand of each over 2019-2024, enough for funnel plots per hospital.
 */
@Command(name = "synth", mixinStandardHelpOptions = true,
        description = "Generate synthetic registry extracts (all contracts) and DIR/truth.json.")
final class SynthCommand implements Callable<Integer> {
    @Option(names = "--scale", defaultValue = "0.02",
            description = "Fraction of Norway's national volume (1 = 5.5 M inhabitants; at most 20). Default: ${DEFAULT-VALUE}.")
    double scale;

    @Option(names = "--years", defaultValue = "2019-2024", description = "Year or range, e.g. 2019-2024. Default: ${DEFAULT-VALUE}.")
    String years;

    @Option(names = "--seed", defaultValue = "42", description = "Random seed. Default: ${DEFAULT-VALUE}.")
    long seed;

    @Option(names = "--out", defaultValue = "data/extracts", description = "Output folder. Default: ${DEFAULT-VALUE}.")
    Path out;

    @Option(names = "--threads", description = "Worker threads (output does not depend on it). Default: available cores.")
    Integer threads;

    @Option(names = "--bench", description = "Print generation throughput (rows/s and MB/s per extract).")
    boolean bench;

    @Option(names = "--wrong-version-files", defaultValue = "0", paramLabel = "N",
            description = "Also write N npr_somatic deliveries of single hospitals for single tertials on message "
                    + "version 4.0, which the contract does not accept (npr_somatic_<orgnr>_<YYYY>T<n>_v4.0.csv, "
                    + "header only: the ingest rejects them by name), named in truth.json under wrong_version_files; "
                    + "the other files are unchanged. Default: ${DEFAULT-VALUE}.")
    int wrongVersionFiles;

    @Override
    public Integer call() throws Exception {
        int[] range = parseYears(years);
        int t = threads == null ? Runtime.getRuntime().availableProcessors() : threads;
        KvikHome home = KvikHome.locate();
        Synthesizer.Settings settings = new Synthesizer.Settings(scale, range[0], range[1], seed, out, t,
                wrongVersionFiles);
        Synthesizer.Result result = new Synthesizer(settings, home.reference(), Contracts.load(home.contracts())).generate();
        System.out.printf("synth: %,d rows, %.1f MB in %.1f s -> %s (truth: %s)%n", result.totalRows(),
                result.totalBytes() / 1e6, result.seconds(), out, result.truth().getFileName());
        if (bench) {
            System.out.printf("%-20s %14s %10s %14s %10s%n", "extract", "rows", "MB", "rows/s", "MB/s");
            for (Map.Entry<String, Synthesizer.FileFigures> e : result.byExtract().entrySet()) {
                Synthesizer.FileFigures f = e.getValue();
                System.out.printf("%-20s %,14d %10.1f %,14.0f %10.1f%n", e.getKey(), f.rows(), f.bytes() / 1e6,
                        f.rows() / result.seconds(), f.bytes() / 1e6 / result.seconds());
            }
            System.out.printf("%-20s %,14d %10.1f %,14.0f %10.1f   (%d thread(s), %.1f s wall, scale %s, %d year(s))%n", "total",
                    result.totalRows(), result.totalBytes() / 1e6, result.totalRows() / result.seconds(),
                    result.totalBytes() / 1e6 / result.seconds(), t, result.seconds(), scale, range[1] - range[0] + 1);
            // wall time depends on other load on the machine; process CPU time shows the work itself
            if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
                double cpu = os.getProcessCpuTime() / 1e9;
                System.out.printf("process CPU %.1f s (all threads, incl. JVM start and GC); %,.0f rows per CPU second; "
                        + "system load average %.1f on %d cores%n", cpu, result.totalRows() / cpu,
                        os.getSystemLoadAverage(), os.getAvailableProcessors());
            }
        }
        return ExitCodes.OK;
    }

    static int[] parseYears(String s) {
        String[] parts = s.trim().split("-");
        try {
            if (parts.length == 1) {
                int y = Integer.parseInt(parts[0]);
                return new int[]{y, y};
            }
            if (parts.length == 2) return new int[]{Integer.parseInt(parts[0]), Integer.parseInt(parts[1])};
        } catch (NumberFormatException e) {
            // fall through to the usage error
        }
        throw new IllegalArgumentException("--years must be YYYY or YYYY-YYYY, got '" + s + "'");
    }
}
