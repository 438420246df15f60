package no.kvik.oecd;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import no.kvik.reference.StandardPopulation;

/**
 * A standard population for the OECD age-sex standardisation: a weight for each sex × age group
 * ({@link Strata#AGE_GROUPS}), any scale. Built by {@link StandardPopulationSources}.
 *
 * @param id          short name written on every standardised row (e.g. "ESP2013")
 * @param description what the weights are, for the metadata sheet
 * @param weights     sex (M, F) → age group → weight; every stratum present, weights ≥ 0, total > 0
 */
public record StandardWeights(String id, String description, Map<String, Map<String, Double>> weights) {

    public StandardWeights {
        Map<String, Map<String, Double>> copy = new LinkedHashMap<>();
        double total = 0;
        for (String sex : Strata.SEXES) {
            Map<String, Double> bySex = weights.get(sex);
            if (bySex == null) throw new IllegalArgumentException("standard " + id + ": no weights for sex " + sex);
            Map<String, Double> ordered = new LinkedHashMap<>();
            for (String age : Strata.AGE_GROUPS) {
                Double w = bySex.get(age);
                if (w == null || !(w >= 0) || Double.isInfinite(w)) {
                    throw new IllegalArgumentException("standard " + id + ": sex " + sex + ", age group " + age
                            + ": weight missing or not a finite number >= 0 (" + w + ")");
                }
                ordered.put(age, w);
                total += w;
            }
            copy.put(sex, Map.copyOf(ordered));
        }
        if (!(total > 0)) throw new IllegalArgumentException("standard " + id + ": the weights sum to 0");
        weights = Map.copyOf(copy);
    }

    public double weight(String sex, String ageGroup) {
        return weights.get(sex).get(ageGroup);
    }

    /** The strata of one sex (M or F: 9 age groups) or of both (T: 18 sex × age strata, keys {@link Strata#key}). */
    public StandardPopulation population(String sex) {
        return population(sex, Strata.AGE_GROUPS);
    }

    /** As {@link #population(String)}, over the given age groups only (an indicator's, e.g. 65+). */
    public StandardPopulation population(String sex, List<String> ageGroups) {
        List<String> sexes = Strata.BOTH.equals(sex) ? Strata.SEXES : List.of(sex);
        List<String> strata = new ArrayList<>();
        List<Double> w = new ArrayList<>();
        for (String s : sexes) {
            for (String age : ageGroups) {
                strata.add(Strata.key(s, age));
                w.add(weight(s, age));
            }
        }
        return new StandardPopulation(id, strata, w.stream().mapToDouble(Double::doubleValue).toArray());
    }
}
