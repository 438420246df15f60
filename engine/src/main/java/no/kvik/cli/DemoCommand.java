package no.kvik.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The main job: the whole chain on the embedded synthetic default, by running the same subcommands a
 * user would (so the demo can never drift from the real commands).
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {"Run the whole chain on synthetic data: synthesise, ingest, data quality, every indicator,",
                "a release with its HTML report, and an OECD delivery.",
                "Re-running is cheap: the generator is deterministic and re-ingesting an unchanged file is a no-op."})
final class DemoCommand implements Callable<Integer> {

    @Option(names = "--dir", defaultValue = "data", paramLabel = "DIR",
            description = "Base folder: extracts/, store/ and results/ go below it. Default: ${DEFAULT-VALUE}.")
    Path dir;

    @Option(names = "--scale", defaultValue = "0.02",
            description = "Synthetic volume as a fraction of Norway's (1 = national). Default: ${DEFAULT-VALUE}.")
    double scale;

    @Option(names = "--years", defaultValue = "2019-2024", description = "Years to generate. Default: ${DEFAULT-VALUE}.")
    String years;

    @Option(names = "--seed", defaultValue = "42", description = "Random seed. Default: ${DEFAULT-VALUE}.")
    long seed;

    @Option(names = "--edition", defaultValue = "2025-1",
            description = "Publication edition to release (sql/calendar/publications.csv). Default: ${DEFAULT-VALUE}.")
    String edition;

    @Option(names = "--oecd-year", defaultValue = "2023",
            description = "Year of the OECD delivery (needs the next January for 30-day follow-up). Default: ${DEFAULT-VALUE}.")
    int oecdYear;

    @CommandLine.ParentCommand
    Kvik parent;

    @Override
    public Integer call() {
        Path extracts = dir.resolve("extracts");
        Path store = dir.resolve("store");
        Path results = dir.resolve("results");
        List<Step> steps = List.of(
                new Step("synthesise extracts", "synth", "--scale", Double.toString(scale), "--years", years,
                        "--seed", Long.toString(seed), "--out", extracts.toString()),
                new Step("ingest into the store", "ingest", extracts.toString(), "--store", store.toString(), "--show-rows", "0"),
                new Step("data-quality report", "quality", "--store", store.toString(), "--out", results.resolve("quality").toString()),
                new Step("every indicator at every level, with risk adjustment, funnels, FDR and trends",
                        "run", "--store", store.toString(), "--out", results.resolve("indicators").toString()),
                new Step("release " + edition + " (frozen results, subscriber workbook, findings, HTML report)",
                        "release", "--edition", edition, "--store", store.toString(), "--out", results.resolve("releases").toString()),
                new Step("OECD HCQO acute-care delivery " + oecdYear,
                        "oecd", "--year", Integer.toString(oecdYear), "--store", store.toString(),
                        "--out", results.resolve("oecd").toString()));

        int worst = ExitCodes.OK;
        for (int i = 0; i < steps.size(); i++) {
            Step step = steps.get(i);
            System.out.printf("%n== demo %d/%d: %s (kvik %s)%n", i + 1, steps.size(), step.title(), String.join(" ", step.args));
            List<String> args = new ArrayList<>(List.of(step.args()));
            if (parent != null && parent.quiet) args.add(1, "--quiet");
            int code = Kvik.commandLine().execute(args.toArray(String[]::new));
            if (code == ExitCodes.USAGE) {
                System.err.println("demo: step '" + step.title() + "' failed; stopping");
                return code;
            }
            // data errors are expected: the synthetic extracts carry planted faults that ingestion must flag
            worst = Math.max(worst, code);
        }
        System.out.printf("%n== demo done%n");
        doneLines(extracts, store, results, edition, oecdYear, kvikCommand()).forEach(System.out::println);
        if (worst == ExitCodes.DATA_ERRORS) {
            System.out.println("  (rows were flagged: the synthetic data carry planted faults; see the data-quality report)");
        }
        return ExitCodes.OK;
    }

    /**
     * The closing summary: where each output went and how to browse the release, one "label: value" line each with
     * every value in one column whatever the edition's and the year's length (the "release 2025-1:" line once stood
     * two columns out, its padding written by hand).
     */
    static List<String> doneLines(Path extracts, Path store, Path results, String edition, int oecdYear, String kvikCommand) {
        List<String[]> pairs = List.of(
                new String[] {"extracts and truth.json", extracts.toString()},
                new String[] {"store", store.toString()},
                new String[] {"data quality", results.resolve("quality").toString()},
                new String[] {"indicator results", results.resolve("indicators").toString()},
                new String[] {"release " + edition, results.resolve("releases").resolve(edition).resolve("report.html").toString()},
                new String[] {"OECD delivery " + oecdYear, results.resolve("oecd").toString()},
                // the statistics views of the release: the serve command to start and the address it answers on
                new String[] {"browse the release", kvikCommand + " serve --releases " + results.resolve("releases")},
                new String[] {"then open", "http://127.0.0.1:8080/releases/" + edition + "/ (statistics views; JSON API under /api)"});
        int width = pairs.stream().mapToInt(p -> p[0].length() + 1).max().orElse(0);
        List<String> lines = new ArrayList<>();
        for (String[] p : pairs) lines.add("  " + (p[0] + ":" + " ".repeat(width - p[0].length())) + p[1]);
        return lines;
    }

    /** How to run kvik again: {@code java -jar <this jar>} when running from the jar, else {@code kvik}. */
    private static String kvikCommand() {
        try {
            java.nio.file.Path jar = java.nio.file.Path.of(DemoCommand.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            if (jar.toString().endsWith(".jar")) {
                java.nio.file.Path cwd = java.nio.file.Path.of("").toAbsolutePath();
                return "java -jar " + (jar.startsWith(cwd) ? cwd.relativize(jar) : jar);
            }
        } catch (java.net.URISyntaxException | SecurityException | NullPointerException e) {
            // no code source to name: the plain command name
        }
        return "kvik";
    }

    private record Step(String title, String... args) {
    }
}
