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
                + "rate among units without a plant per kind, level and period length (nominal 5 %% and 0.2 %%), with the "
                + "counts behind it, its binomial SE and a one-sided exact test of 'above 0.3 %%' at 99.8 %%, and for the "
                + "cells above 0.3 %% the flags per indicator with the generator's random unit effect behind each; units "
                + "holding part of a plant (its HF and RHF, the municipalities and counties of a planted hospital's "
                + "catchment, the county of a planted municipality, also in the other indicators the plant moves) count as "
                + "neither planted nor unplanted; whether the deteriorating hospital got its trend alert in each planted "
                + "indicator (30-day AMI and stroke mortality, epicrisis within 1 day), and the power the trend test had for "
                + "it over the latest 3 years' periods at 5 %% (from its expected deaths, or its cases and shares)."})
final class RecoveryCommand implements Callable<Integer> {
    /** The target for false flags beyond 99.8 % among unplanted units: 1.5 × nominal. */
    static final double OUTER_TARGET = 1.5 * (1 - 0.998);

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
        o.println("false flags among units without a plant (nominal 5 % and 0.2 %; target at 99.8 %: <= 1.5 x nominal = 0.3 %)");
        o.println("  counts behind each rate, binomial SE sqrt(r(1-r)/units), and the one-sided exact binomial p of 'the rate beyond");
        o.println("  99.8 % is above 0.3 %' (P(X >= flagged | units, 0.003)): a rate above 0.3 % with p >= 0.05 is not told from noise");
        o.printf("%-12s %-13s %-10s %7s %6s %13s %6s %13s %9s %9s  %s%n", "kind", "level", "period", "units", "n95", "flag95 %",
                "n99.8", "flag99.8 %", "x nominal", "p>0.3%", "verdict");
        for (Recovery.FalseFlags f : r.falseFlags()) {
            double outer = (double) f.outer() / f.units();
            double p = f.outerAbove(OUTER_TARGET);
            o.printf(Locale.ROOT, "%-12s %-13s %-10s %7d %6d %6.2f±%-6.2f %6d %6.2f±%-6.2f %9.1f %9.4f  %s%n",
                    f.kind().name().toLowerCase(), f.level(), f.periodType(), f.units(), f.inner(), 100.0 * f.inner() / f.units(),
                    100 * Recovery.FalseFlags.standardError(f.inner(), f.units()), f.outer(), 100 * outer,
                    100 * Recovery.FalseFlags.standardError(f.outer(), f.units()), outer / (1 - 0.998), p,
                    outer <= OUTER_TARGET ? "met" : p < 0.05 ? "ABOVE 0.3 % (p < 0.05)" : "above 0.3 %, not significant");
        }
        o.println("cells above 0.3 % at 99.8 %: flags beyond 99.8 % per indicator (flagged/units), and the generator's random");
        o.println("  unit effect behind the indicator (truth.json 'overdispersion': real between-unit variation, flagged rightly");
        o.println("  when a unit's draw is extreme; a flag there is a real difference, not a fault of the funnel)");
        for (Recovery.FalseFlags f : r.falseFlags()) {
            if ((double) f.outer() / f.units() <= OUTER_TARGET) continue;
            o.printf(Locale.ROOT, "  %s %s %s:%n", f.kind().name().toLowerCase(), f.level(), f.periodType());
            for (Map.Entry<String, long[]> e : f.byIndicator().entrySet()) {
                if (e.getValue()[2] == 0) continue;
                String re = r.randomEffects().get(e.getKey());
                o.printf(Locale.ROOT, "    %-48s %3d/%-5d %s%n", e.getKey(), e.getValue()[2], e.getValue()[0],
                        re == null ? "no random unit effect planted" : "random unit effect: " + re);
            }
        }
        o.println("deteriorating hospital: trend alert per plant (power of the trend test over the latest 3 years' periods at 5 %/m, m the level's units: the false-discovery cut-off when the plant is the only discovery)");
        int alerted = 0;
        int powered = 0;
        int poweredAlerted = 0;
        for (Recovery.TrendCheck t : r.trends()) {
            o.printf(Locale.ROOT, "  %-36s hospital %-6s %-30s power %5s  %s%n", t.plant().indicator(), t.plant().unitId(),
                    t.plant().unitName(), Double.isNaN(t.power()) ? "n/a" : String.format(Locale.ROOT, "%.2f", t.power()),
                    t.alerted() ? "alerted (" + t.period() + ")" : "NOT alerted" + (t.trendFlag().isEmpty() ? "" : " (" + t.trendFlag() + ")"));
            if (t.alerted()) alerted++;
            if (t.power() >= 0.9) {
                powered++;
                if (t.alerted()) poweredAlerted++;
            }
        }
        o.printf(Locale.ROOT, "  alerted: %d of %d trend plants; %d of %d where the trend test's power >= 0.9 (power n/a: fewer "
                + "than 3 periods published, e.g. 30-day follow-up missing for the last year)%n", alerted, r.trends().size(),
                poweredAlerted, powered);
        for (String n : r.notes()) o.println("note: " + n);
        // a reference for reading the columns: the two-sided normal quantiles of the limits
        o.printf(Locale.ROOT, "limits: 95 %% = %.3f SD, 99.8 %% = %.3f SD%n", FunnelModel.zFor(0.95), FunnelModel.zFor(0.998));
    }
}
