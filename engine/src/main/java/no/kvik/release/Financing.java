package no.kvik.release;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import no.kvik.catalog.Catalogue;
import no.kvik.catalog.Direction;
import no.kvik.catalog.IndicatorMeta;
import no.kvik.catalog.Level;
import no.kvik.engine.IndicatorResult;

/**
 * Results-based financing (RBF) view: per financing indicator, the RHFs ranked on their latest value
 * ("plassering"), and a data-completeness score per RHF, combined with the 2024 weights (placement 95 %,
 * completeness 5 %; indicator-catalogue.md §8.3, found).
 *
 * <p>Inferred (the scoring formula was not found): the placement score of an RHF on one indicator is
 * {@code (n - rank) / (n - 1)} among the n ranked RHFs (1 best, 0 worst, ties share the best rank); its
 * completeness on one indicator is the share of its hospitals (those with a row in any released period
 * of that indicator) that have a non-suppressed value in the latest period. Both are averaged over the
 * financing indicators the release holds.
 */
public record Financing(int year, List<String> indicators, List<String> missing, List<Placement> placements,
                        List<RhfScore> scores) {
    public static final String FILE = "financing.csv";
    public static final double PLACEMENT_WEIGHT = 0.95;
    public static final double COMPLETENESS_WEIGHT = 0.05;

    /** One RHF's rank on one financing indicator. */
    public record Placement(String indicatorId, String period, String rhfId, String rhfName, Double value, int rank,
                            int ranked, double placementScore, int hospitalsExpected, int hospitalsReported,
                            double completeness) {
    }

    /** One RHF's combined score; RHFs sorted by total, best first. */
    public record RhfScore(String rhfId, String rhfName, int indicators, double placement, double completeness,
                           double total, int rank) {
    }

    public Financing {
        indicators = List.copyOf(indicators);
        missing = List.copyOf(missing);
        placements = List.copyOf(placements);
        scores = List.copyOf(scores);
    }

    /** The financing indicator ids of each year from {@code sql/calendar/financing.csv}, checked against the catalogue. */
    public static Map<Integer, List<String>> loadIndicators(Path file, Catalogue catalogue) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        if (lines.isEmpty() || !lines.get(0).equals("year,indicator_id,basis")) {
            throw new IllegalArgumentException(file + ": header must be year,indicator_id,basis");
        }
        Map<Integer, List<String>> out = new TreeMap<>();
        for (int i = 1; i < lines.size(); i++) {
            if (lines.get(i).isBlank()) continue;
            String[] f = lines.get(i).split(",", -1);
            String where = file + " row " + (i + 1);
            if (f.length != 3) throw new IllegalArgumentException(where + ": expected 3 fields, got " + f.length);
            int year;
            try {
                year = Integer.parseInt(f[0]);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(where + ", field year: '" + f[0] + "' is not a year");
            }
            if (catalogue.find(f[1]).isEmpty()) throw new IllegalArgumentException(where + ", field indicator_id: unknown indicator '" + f[1] + "'");
            if (!catalogue.get(f[1]).meta().levels().contains(Level.RHF)) {
                throw new IllegalArgumentException(where + ", field indicator_id: " + f[1] + " is not reported per RHF");
            }
            out.computeIfAbsent(year, k -> new ArrayList<>()).add(f[1]);
        }
        return out;
    }

    /**
     * The view for {@code year}'s financing indicators over a release's rows.
     *
     * @param hospitalRhf hospital id → RHF id (from the level tables)
     */
    public static Financing of(int year, List<String> financingIds, List<IndicatorResult> results,
                               Map<String, IndicatorMeta> metas, Map<String, String> hospitalRhf) {
        List<String> present = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        List<Placement> placements = new ArrayList<>();
        for (String id : financingIds) {
            IndicatorMeta meta = metas.get(id);
            List<IndicatorResult> rows = results.stream().filter(r -> r.indicatorId().equals(id)).toList();
            String latest = meta == null ? null : Findings.latestPeriod(rows, meta).orElse(null);
            if (latest == null) {
                missing.add(id);
                continue;
            }
            present.add(id);
            placements.addAll(rank(meta, rows, latest, hospitalRhf));
        }
        Map<String, List<Placement>> byRhf = new TreeMap<>();
        for (Placement p : placements) byRhf.computeIfAbsent(p.rhfId(), k -> new ArrayList<>()).add(p);
        List<RhfScore> scores = new ArrayList<>();
        byRhf.forEach((rhf, ps) -> {
            double placement = ps.stream().mapToDouble(Placement::placementScore).average().orElse(0);
            double completeness = ps.stream().mapToDouble(Placement::completeness).average().orElse(0);
            scores.add(new RhfScore(rhf, ps.get(0).rhfName(), ps.size(), placement, completeness,
                    PLACEMENT_WEIGHT * placement + COMPLETENESS_WEIGHT * completeness, 0));
        });
        scores.sort(Comparator.comparingDouble(RhfScore::total).reversed().thenComparing(RhfScore::rhfId));
        List<RhfScore> ranked = new ArrayList<>();
        for (int k = 0; k < scores.size(); k++) {
            RhfScore s = scores.get(k);
            int rank = k > 0 && scores.get(k - 1).total() == s.total() ? ranked.get(k - 1).rank() : k + 1;
            ranked.add(new RhfScore(s.rhfId(), s.rhfName(), s.indicators(), s.placement(), s.completeness(), s.total(), rank));
        }
        return new Financing(year, present, missing, placements, ranked);
    }

    private static List<Placement> rank(IndicatorMeta meta, List<IndicatorResult> rows, String latest,
                                        Map<String, String> hospitalRhf) {
        Map<String, Set<String>> expected = new TreeMap<>();
        Map<String, Set<String>> reported = new TreeMap<>();
        for (IndicatorResult r : rows) {
            if (!Level.HOSPITAL.code().equals(r.level())) continue;
            String rhf = hospitalRhf.get(r.unitId());
            if (rhf == null) continue;
            expected.computeIfAbsent(rhf, k -> new TreeSet<>()).add(r.unitId());
            if (r.periodLabel().equals(latest) && r.value() != null) reported.computeIfAbsent(rhf, k -> new TreeSet<>()).add(r.unitId());
        }
        List<IndicatorResult> rhfs = rows.stream()
                .filter(r -> Level.RHF.code().equals(r.level()) && r.periodLabel().equals(latest) && hospitalRhf.containsValue(r.unitId()))
                .toList();
        boolean higherBetter = meta.direction() != Direction.LOWER_IS_BETTER;
        List<IndicatorResult> valued = rhfs.stream().filter(r -> r.value() != null)
                .sorted(Comparator.comparing((IndicatorResult r) -> higherBetter ? -r.value() : r.value())
                        .thenComparing(IndicatorResult::unitId))
                .toList();
        int n = valued.size();
        List<Placement> out = new ArrayList<>();
        for (IndicatorResult r : rhfs) {
            int exp = expected.getOrDefault(r.unitId(), Set.of()).size();
            int rep = reported.getOrDefault(r.unitId(), Set.of()).size();
            double completeness = exp == 0 ? 0 : (double) rep / exp;
            int rank = 0;
            double score = 0;
            if (r.value() != null) {
                rank = 1 + (int) valued.stream().filter(o -> higherBetter ? o.value() > r.value() : o.value() < r.value()).count();
                score = n <= 1 ? 1.0 : (double) (n - rank) / (n - 1);
            }
            out.add(new Placement(meta.id(), latest, r.unitId(), r.unitName(), r.value(), rank, n, score, exp, rep, completeness));
        }
        out.sort(Comparator.comparing(Placement::indicatorId).thenComparing(p -> p.rank() == 0 ? Integer.MAX_VALUE : p.rank())
                .thenComparing(Placement::rhfId));
        return out;
    }
}
