package no.kvik.cli;

import java.io.PrintWriter;
import java.sql.SQLException;
import java.util.List;
import java.util.concurrent.Callable;
import no.kvik.catalog.Catalogue;
import no.kvik.catalog.Indicator;
import no.kvik.catalog.IndicatorTestRunner;
import no.kvik.config.KvikHome;
import no.kvik.contract.Contracts;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** Runs indicators' given/expect cases, as {@code dbt test} runs a project's tests. */
@Command(name = "test", mixinStandardHelpOptions = true,
        description = {"Run the given/expect cases of the named indicators (all without an ID) in an in-memory DuckDB, "
                + "as the JUnit suite IndicatorSqlTest does: the case's given rows behind one typed view per contract, "
                + "the reference tables and macros, then the indicator's SQL with the case's parameters.",
                "Prints PASS or FAIL per case; a failure shows the missing and unexpected rows and, for each missing "
                        + "row, the columns in which the nearest unexpected row differs (the cases hold synthetic "
                        + "data only). An indicator without cases fails. Ends with a summary.",
                "Exit code 0: every case passed; 1: a case failed; 2: unknown indicator or usage error."})
final class TestCommand implements Callable<Integer> {
    @ParentCommand
    Kvik parent;

    @Spec
    CommandSpec spec;

    @Parameters(arity = "0..*", paramLabel = "ID", description = "Indicators to test (default: the whole catalogue).")
    List<String> ids;

    @Override
    public Integer call() throws SQLException {
        boolean quiet = parent != null && parent.quiet;
        KvikHome home = KvikHome.locate();
        Contracts contracts = Contracts.load(home.contracts());
        Catalogue catalogue = Catalogue.load(home.indicators(), contracts);
        List<Indicator> selected = ids == null || ids.isEmpty() ? catalogue.all() : ids.stream().map(catalogue::get).toList();
        List<IndicatorTestRunner.Outcome> outcomes;
        try (IndicatorTestRunner runner = new IndicatorTestRunner(home, contracts)) {
            outcomes = runner.runAll(selected);
        }
        return report(outcomes, selected.size(), quiet, spec.commandLine().getOut());
    }

    /** Prints one line per case (failures with their differences, passes unless quiet) and a summary; the exit code. */
    static int report(List<IndicatorTestRunner.Outcome> outcomes, int indicators, boolean quiet, PrintWriter out) {
        long failed = outcomes.stream().filter(o -> !o.passed()).count();
        for (IndicatorTestRunner.Outcome o : outcomes) {
            if (o.passed()) {
                if (!quiet) out.println("PASS  " + o.indicatorId() + ": " + o.testName());
            } else {
                out.println("FAIL  " + o.indicatorId() + ": " + o.testName());
                o.failure().lines().forEach(line -> out.println("      " + line));
            }
        }
        long failedIndicators = outcomes.stream().filter(o -> !o.passed()).map(IndicatorTestRunner.Outcome::indicatorId)
                .distinct().count();
        out.println((outcomes.size() - failed) + " of " + outcomes.size() + " cases passed, " + failed + " failed ("
                + indicators + (indicators == 1 ? " indicator, " : " indicators, ") + failedIndicators + " with a failure)");
        out.flush();
        return failed == 0 ? ExitCodes.OK : ExitCodes.DATA_ERRORS;
    }
}
