package no.kvik.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import no.kvik.catalog.IndicatorTestRunner.Outcome;
import org.junit.jupiter.api.Test;

/** kvik test: PASS/FAIL per given/expect case with the differences, a summary, exit 1 on any failure. */
class TestCommandTest {

    @Test
    void passingCasesOfTheNamedIndicators() {
        CliRun run = CliRun.run("test", "call_113_answered_10s", "fristbrudd_tsb");
        assertEquals(0, run.exitCode(), run.err() + run.out());
        assertTrue(run.out().contains("PASS  call_113_answered_10s: answered at and one second after 10 s"), run.out());
        // one case each (counted in their JSON)
        assertTrue(run.out().endsWith("2 of 2 cases passed, 0 failed (2 indicators, 0 with a failure)\n"), run.out());
    }

    @Test
    void anUnknownIndicatorIsAUsageError() {
        CliRun run = CliRun.run("test", "no_such_indicator");
        assertEquals(ExitCodes.USAGE, run.exitCode());
        assertTrue(run.err().contains("unknown indicator 'no_such_indicator'"), run.err());
    }

    @Test
    void failuresArePrintedWithTheirDifferencesAndExitOne() {
        List<Outcome> outcomes = List.of(new Outcome("a", "first", null),
                new Outcome("a", "second", "a test 'second': output differs\n  missing:    {numerator=3}"),
                new Outcome("b", "has tests", "b has no given/expect tests in b.json"));
        StringWriter text = new StringWriter();
        assertEquals(ExitCodes.DATA_ERRORS, TestCommand.report(outcomes, 2, false, new PrintWriter(text)));
        assertEquals("""
                PASS  a: first
                FAIL  a: second
                      a test 'second': output differs
                        missing:    {numerator=3}
                FAIL  b: has tests
                      b has no given/expect tests in b.json
                1 of 3 cases passed, 2 failed (2 indicators, 2 with a failure)
                """, text.toString());
        StringWriter quiet = new StringWriter();
        assertEquals(ExitCodes.OK, TestCommand.report(outcomes.subList(0, 1), 1, true, new PrintWriter(quiet)));
        assertEquals("1 of 1 cases passed, 0 failed (1 indicator, 0 with a failure)\n", quiet.toString());
    }
}
