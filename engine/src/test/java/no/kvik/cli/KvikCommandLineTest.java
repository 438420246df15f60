package no.kvik.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** Issue #17: a command builds only the subcommand it runs; kvik, --help and help X still see all of them. */
class KvikCommandLineTest {
    private static final List<String> ALL = List.of("demo", "catalogue", "test", "sql", "synth", "ingest", "store",
            "bench-ingest", "quality", "run", "bench", "bench-release", "bench-scale", "bench-peers", "adjust", "funnel", "calibrate", "recovery", "oecd",
            "release", "serve", "revisions", "help");

    @Test
    void theSubcommandIsTheFirstArgumentThatIsNotKviksOwnOption() {
        assertEquals("run", Kvik.subcommandName(new String[] {"run", "--store", "s"}));
        assertEquals("run", Kvik.subcommandName(new String[] {"-q", "run", "--store", "s"}));
        assertEquals("run", Kvik.subcommandName(new String[] {"--memory-limit", "8GB", "--temp-dir", "t", "run"}));
        assertEquals("run", Kvik.subcommandName(new String[] {"--memory-limit=8GB", "run"}));
        assertNull(Kvik.subcommandName(new String[] {"--help"}));
        assertNull(Kvik.subcommandName(new String[] {}));
    }

    @Test
    void aCommandBuildsOnlyItsOwnSubcommandAndTheRestGetAll() {
        assertEquals(ALL, List.copyOf(Kvik.commandLine().getSubcommands().keySet()));
        assertEquals(List.of("run"), List.copyOf(Kvik.commandLineFor(new String[] {"-q", "run", "--help"})
                .getSubcommands().keySet()));
        assertEquals(List.of("store"), List.copyOf(Kvik.commandLineFor(new String[] {"store", "gc", "--store", "s"})
                .getSubcommands().keySet()));
        for (String[] args : List.of(new String[] {}, new String[] {"--help"}, new String[] {"help", "run"},
                new String[] {"no-such-command"})) {
            assertEquals(ALL, List.copyOf(Kvik.commandLineFor(args).getSubcommands().keySet()), String.join(" ", args));
        }
    }

    @Test
    void kviksOwnOptionsReachTheOneSubcommandBeforeAndAfterItsName() {
        for (String[] args : List.of(new String[] {"-q", "run", "--store", "s", "--out", "o"},
                new String[] {"run", "--store", "s", "--out", "o", "-q"},
                new String[] {"--memory-limit", "1GB", "run", "--store", "s", "--out", "o", "--temp-dir", "t"})) {
            CommandLine cl = Kvik.commandLineFor(args);
            CommandLine.ParseResult parsed = cl.parseArgs(args);
            assertTrue(parsed.hasSubcommand(), String.join(" ", args));
            assertEquals("run", parsed.subcommand().commandSpec().name());
        }
        // the usage of kvik itself lists every subcommand, in order
        java.io.StringWriter usage = new java.io.StringWriter();
        Kvik.commandLine().usage(new java.io.PrintWriter(usage));
        String text = usage.toString();
        int last = -1;
        for (String name : ALL) {
            int at = text.indexOf("\n  " + name + " ");
            assertTrue(at > last, name + " in order in:\n" + text);
            last = at;
        }
    }

    @Test
    void enumValuesAreReadInAnyCase() {
        String[] args = {"run", "--store", "s", "--out", "o", "--format", "csv,Parquet"};
        CommandLine.ParseResult parsed = Kvik.commandLineFor(args).parseArgs(args);
        assertEquals(List.of(no.kvik.report.ResultWriter.Format.CSV, no.kvik.report.ResultWriter.Format.PARQUET),
                parsed.subcommand().matchedOptionValue("--format", List.of()));
    }
}
