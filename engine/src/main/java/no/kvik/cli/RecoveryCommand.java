package no.kvik.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import no.kvik.calibration.Recovery;
import no.kvik.catalog.Catalogue;
import no.kvik.catalog.Indicator;
import no.kvik.catalog.MeasureKind;
import no.kvik.catalog.RiskModel;
import no.kvik.config.KvikHome;
import no.kvik.contract.Contracts;
import no.kvik.variation.FunnelModel;
import no.kvik.variation.IndicatorKind;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** Planted truth found? Scores kvik run's results against kvik synth's truth.json. */
@Command(name = "recovery", mixinStandardHelpOptions = true,
        description = {"Scores the results of kvik run against the truth.json of kvik synth: per planted unit effect "
                + "(outlier hospitals, municipalities) the flag of its longest published period (run with --rolling 3 for "
                + "pooled windows), on the right or wrong side, and the power the plant had at its size (normal "
                + "approximation with the funnel's τ²); sensitivity per kind and level where power >= 0.9; the false-flag "
                + "rate among units without a plant per kind, level and period length (nominal 5 %% and 0.2 %%); whether "
                + "the deteriorating hospital got its trend alert, and the power the trend test had for it (3 yearly "
                + "periods at 5 %%, from the hospital's expected deaths per year)."})
final class RecoveryCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--extracts", required = true, paramLabel = "DIR", description = "Folder with truth.json (kvik synth --out).")
    Path extracts;

    @Option(names = "--results", required = true, paramLabel = "DIR", description = "Folder with results.parquet or results.csv (kvik run --out).")
    Path results;

    @Override
    public Integer call() throws Exception {
        KvikHome home = KvikHome.locate();
        JsonNode truth = Recovery.truth(extracts);
        List<Recovery.Row> rows = Recovery.results(results);
        Catalogue catalogue = Catalogue.load(home.indicators(), Contracts.load(home.contracts()));
        Map<String, IndicatorKind> kinds = new LinkedHashMap<>();
        for (Indicator i : catalogue.all()) {
            MeasureKind m = i.meta().measure().kind();
            if (RiskModel.of(i.meta()) != null) kinds.put(i.id(), IndicatorKind.RATIO);
            else if (m == MeasureKind.PROPORTION) kinds.put(i.id(), IndicatorKind.PROPORTION);
            else if (m == MeasureKind.RATE) kinds.put(i.id(), IndicatorKind.RATE);
        }
        Recovery.Report report = Recovery.score(truth, rows, kinds, Recovery.providers(home.reference()));
        print(spec.commandLine().getOut(), report);
        spec.commandLine().getOut().flush();
        return ExitCodes.OK;
    }

    static void print(PrintWriter o, Recovery.Report r) {
        o.println("planted effects (flag of the longest published period; power at 95 % and 99.8 % given the plant's size and n or E)");
        o.printf("%-36s %-13s %-6s %-30s %-5s %-10s %9s %9s %9s %9s %7s %7s %-11s %s%n", "indicator", "level", "unit", "name",
                "side", "period", "n or E", "national", "planted", "tau2", "pow95", "pow998", "flag", "found");
        for (Recovery.PlantResult p : r.plants()) {
            o.printf(Locale.ROOT, "%-36s %-13s %-6s %-30.30s %-5s %-10s %9.1f %9.4f %9.4f %9.5f %7.2f %7.2f %-11s %s%n",
                    p.plant().indicator(), p.plant().level(), p.plant().unitId(), p.plant().unitName(), p.plant().side(), p.period(),
                    p.size(), p.national(), p.plantedValue(), p.tau2(), p.power95(), p.power998(), p.flag(), p.found());
        }
        o.println("sensitivity where the plant's power >= 0.9 (right side / plants; wrong side)");
        Map<String, int[]> sens = new LinkedHashMap<>();
        for (Recovery.PlantResult p : r.plants()) {
            if (p.kind() == null) continue;
            String key = p.kind().name().toLowerCase() + " " + p.plant().level();
            int[] s = sens.computeIfAbsent(key, k -> new int[6]);
            if (p.power95() >= 0.9) {
                s[0]++;
                if (p.found().startsWith("right side")) s[1]++;
                if (p.found().equals("wrong side")) s[2]++;
            }
            if (p.power998() >= 0.9) {
                s[3]++;
                if (p.found().equals("right side 99.8")) s[4]++;
                if (p.found().equals("wrong side") && p.flag().endsWith("outer")) s[5]++;
            }
        }
        for (Map.Entry<String, int[]> e : sens.entrySet()) {
            int[] s = e.getValue();
            o.printf(Locale.ROOT, "  %-24s at 95 %%: %d/%d (wrong side %d)   at 99.8 %%: %d/%d (wrong side %d)%n", e.getKey(),
                    s[1], s[0], s[2], s[4], s[3], s[5]);
        }
        o.println("false flags among units without a plant (nominal 5 % and 0.2 %)");
        o.printf("%-12s %-13s %-10s %7s %10s %10s %12s%n", "kind", "level", "period", "units", "flag95 %", "flag99.8 %", "x nominal");
        for (Recovery.FalseFlags f : r.falseFlags()) {
            double outer = 100.0 * f.outer() / f.units();
            o.printf(Locale.ROOT, "%-12s %-13s %-10s %7d %10.2f %10.2f %12.1f%n", f.kind().name().toLowerCase(), f.level(),
                    f.periodType(), f.units(), 100.0 * f.inner() / f.units(), outer, outer / (100 * (1 - 0.998)));
        }
        o.println("deteriorating hospital: trend alert (power of the trend test over 3 yearly periods at 5 %)");
        for (Recovery.TrendCheck t : r.trends()) {
            o.printf(Locale.ROOT, "  %-36s hospital %-6s %-30s power %5.2f  %s%n", t.plant().indicator(), t.plant().unitId(),
                    t.plant().unitName(), t.power(),
                    t.alerted() ? "alerted (" + t.period() + ")" : "NOT alerted" + (t.trendFlag().isEmpty() ? "" : " (" + t.trendFlag() + ")"));
        }
        for (String n : r.notes()) o.println("note: " + n);
        // a reference for reading the columns: the two-sided normal quantiles of the limits
        o.printf(Locale.ROOT, "limits: 95 %% = %.3f SD, 99.8 %% = %.3f SD%n", FunnelModel.zFor(0.95), FunnelModel.zFor(0.998));
    }
}
