package no.kvik.calibration;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import no.kvik.variation.IndicatorKind;

/**
 * False-flag rates of a set of production funnels under null scenarios, per indicator × level (periods pooled),
 * per kind × level, and per size band. Deterministic given the seed: each funnel and scenario draws from its own
 * stream seeded by (seed, indicator, level, period, scenario), so selecting fewer indicators does not change the
 * numbers of the others.
 */
public final class Calibration {
    private Calibration() {
    }

    /** One line of the result: the flag counts of a model under a scenario for a group of funnels. */
    public record Row(String indicator, String level, IndicatorKind kind, int funnels, int unitsPerReplicate,
                      String scenario, String model, boolean production, NullSimulation.Tallies tallies) {
    }

    public static List<Row> run(List<FunnelCase> cases, List<Scenario> scenarios, List<NullSimulation.Model> models,
                                NullSimulation.Model production, int replicates, long seed, PrintWriter progress) {
        Map<String, Row> rows = new LinkedHashMap<>();
        String last = null;
        int doneIndicators = 0;
        for (FunnelCase c : cases) {
            if (!c.indicator().equals(last)) {
                last = c.indicator();
                progress.printf("calibrate: simulating %s (%d done)%n", c.indicator(), doneIndicators++);
            }
            for (Scenario s : scenarios) {
                SplittableRandom random = new SplittableRandom(streamSeed(seed, c, s));
                Map<NullSimulation.Model, NullSimulation.Tallies> t = NullSimulation.simulate(c, s, models, replicates, random, true);
                for (Map.Entry<NullSimulation.Model, NullSimulation.Tallies> e : t.entrySet()) {
                    String key = c.indicator() + "|" + c.level() + "|" + s.label() + "|" + e.getKey().label();
                    Row old = rows.get(key);
                    rows.put(key, old == null
                            ? new Row(c.indicator(), c.level(), c.options().kind(), 1, c.sizes().size(), s.label(),
                                    e.getKey().label(), e.getKey().equals(production), e.getValue())
                            : new Row(old.indicator(), old.level(), old.kind(), old.funnels() + 1,
                                    old.unitsPerReplicate() + c.sizes().size(), old.scenario(), old.model(), old.production(),
                                    old.tallies().plus(e.getValue())));
                }
            }
        }
        return new ArrayList<>(rows.values());
    }

    static long streamSeed(long seed, FunnelCase c, Scenario s) {
        long h = seed;
        for (String part : new String[] {c.indicator(), c.level(), c.period(), s.label()}) h = h * 1_000_003L + part.hashCode();
        return h;
    }

    /** Rows pooled by kind × level (indicator "*") or, with byLevel false, by kind alone (level "*"). */
    public static List<Row> pooled(List<Row> rows, boolean byLevel) {
        Map<String, Row> out = new LinkedHashMap<>();
        for (Row r : rows) {
            String level = byLevel ? r.level() : "*";
            String key = r.kind() + "|" + level + "|" + r.scenario() + "|" + r.model();
            Row old = out.get(key);
            out.put(key, old == null
                    ? new Row("*", level, r.kind(), r.funnels(), r.unitsPerReplicate(), r.scenario(), r.model(), r.production(), r.tallies())
                    : new Row("*", level, r.kind(), old.funnels() + r.funnels(), old.unitsPerReplicate() + r.unitsPerReplicate(),
                            r.scenario(), r.model(), r.production(), old.tallies().plus(r.tallies())));
        }
        return new ArrayList<>(out.values());
    }
}
