package no.kvik.oecd;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Test data of the oecd package: frozen CSVs under fixtures/oecd and small builders. */
final class OecdFixtures {
    private OecdFixtures() {
    }

    /** A plain CSV (no quoting; lines starting with # are comments). */
    static List<Map<String, String>> csv(String name) {
        try (InputStream in = OecdFixtures.class.getResourceAsStream("/fixtures/oecd/" + name)) {
            if (in == null) throw new IllegalStateException("missing fixture " + name);
            List<String> lines = new ArrayList<>();
            for (String l : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\r?\n")) {
                if (!l.startsWith("#") && !l.isBlank()) lines.add(l);
            }
            String[] header = lines.get(0).split(",", -1);
            List<Map<String, String>> rows = new ArrayList<>();
            for (String l : lines.subList(1, lines.size())) {
                String[] f = l.split(",", -1);
                Map<String, String> row = new LinkedHashMap<>();
                for (int i = 0; i < header.length; i++) row.put(header[i], f[i]);
                rows.add(row);
            }
            return rows;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A count cube as OecdData builds it: the given M/F cells plus their margins and grand total. */
    static IndicatorCounts cube(AcuteIndicator which, int year, List<StratumCounts> cells) {
        List<StratumCounts> all = new ArrayList<>(cells);
        Map<String, double[]> bySex = new LinkedHashMap<>();
        Map<String, double[]> byAge = new LinkedHashMap<>();
        double[] total = new double[2];
        for (StratumCounts c : cells) {
            add(bySex.computeIfAbsent(c.sex(), k -> new double[2]), c);
            add(byAge.computeIfAbsent(c.ageGroup(), k -> new double[2]), c);
            total[0] += c.cases();
            total[1] += c.deaths();
        }
        bySex.forEach((s, v) -> all.add(new StratumCounts(s, Strata.ALL_AGES, v[0], v[1])));
        byAge.forEach((a, v) -> all.add(new StratumCounts(Strata.BOTH, a, v[0], v[1])));
        all.add(new StratumCounts(Strata.BOTH, Strata.ALL_AGES, total[0], total[1]));
        return new IndicatorCounts(which, "name of " + which.id(), "1.0.0", year, all,
                new IndicatorCounts.EngineCount(total[1], total[0]));
    }

    private static void add(double[] v, StratumCounts c) {
        v[0] += c.cases();
        v[1] += c.deaths();
    }

    /** Weights per age group in Strata.AGE_GROUPS order, the same for both sexes. */
    static StandardWeights unisex(String id, double... weights) {
        Map<String, Double> w = new LinkedHashMap<>();
        for (int i = 0; i < weights.length; i++) w.put(Strata.AGE_GROUPS.get(i), weights[i]);
        return new StandardWeights(id, "test standard", Map.of(Strata.MALE, w, Strata.FEMALE, w));
    }
}
