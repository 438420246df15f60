package no.kvik.calibration;

import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import no.kvik.analysis.AnalysedIndicator;
import no.kvik.analysis.Analysis;
import no.kvik.analysis.AnalysisOptions;
import no.kvik.analysis.FunnelSummary;
import no.kvik.catalog.Indicator;
import no.kvik.engine.Engine;
import no.kvik.engine.EngineRun;
import no.kvik.engine.ResultSchema;
import no.kvik.engine.RunRequest;
import no.kvik.engine.UnitAggregate;
import no.kvik.variation.FunnelOptions;
import no.kvik.variation.IndicatorKind;

/**
 * The funnels the analysis draws on a store, with their units' real sizes: runs {@link Analysis} per indicator and
 * reads every unit's n (or E for risk-adjusted ratios) from the same aggregates the analysis used, suppressed
 * units included (they enter φ and τ²), the unmapped 'unknown' unit left out (the analysis leaves it out too).
 */
public final class StoreFunnels {
    private StoreFunnels() {
    }

    public static List<FunnelCase> cases(Connection store, List<Indicator> indicators, RunRequest request,
                                         AnalysisOptions options, PrintWriter progress) throws SQLException {
        Engine engine = new Engine(store);
        List<FunnelCase> out = new ArrayList<>();
        int done = 0;
        for (Indicator indicator : indicators) {
            List<FunnelSummary> drawn;
            Map<String, List<Double>> sizes = new HashMap<>();
            try (EngineRun run = engine.prepare(indicator, request)) {
                AnalysedIndicator a = Analysis.analyse(run, options);
                done++;
                drawn = a.funnels().stream().filter(f -> f.funnel() != null).toList();
                if (drawn.isEmpty()) {
                    progress.printf("calibrate: %d/%d %s: no funnel%n", done, indicators.size(), indicator.id());
                    continue;
                }
                boolean ratio = drawn.get(0).kind() == IndicatorKind.RATIO;
                for (UnitAggregate u : Analysis.unitCounts(run, ratio)) {
                    if (ResultSchema.UNKNOWN_UNIT.equals(u.unitId()) || !(u.denominator() > 0)) continue;
                    sizes.computeIfAbsent(u.period().label() + "|" + u.level().code(), k -> new ArrayList<>()).add(u.denominator());
                }
            }
            for (FunnelSummary f : drawn) {
                // sorted: DuckDB returns the aggregates in no fixed order, and the draws must not depend on it
                List<Double> s = sizes.getOrDefault(f.periodLabel() + "|" + f.level(), List.of()).stream().sorted().toList();
                if (s.size() < 2 || !(f.target() > 0)) continue;
                FunnelOptions production = Analysis.funnelOptions(f.kind(), f.funnel().options().direction(), f.target(), options,
                        s.size());
                out.add(new FunnelCase(indicator.id(), f.level(), f.periodLabel(), production, f.target(), s));
            }
            progress.printf("calibrate: %d/%d %s: %d funnels%n", done, indicators.size(), indicator.id(), drawn.size());
        }
        return out;
    }
}
