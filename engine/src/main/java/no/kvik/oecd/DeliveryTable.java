package no.kvik.oecd;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import no.kvik.risk.DirectResult;
import no.kvik.risk.DirectStandardisation;
import no.kvik.risk.StratumCount;

/** From count cubes to template rows: crude rates everywhere, standardised rates on the all-ages rows. Pure. */
public final class DeliveryTable {
    /** Confidence level of the standardised-rate interval. */
    public static final double LEVEL = 0.95;

    private DeliveryTable() {
    }

    /**
     * The 30 template rows of one indicator and year (sex M, F, T × age groups 45-49 … 85+ and total). A cell
     * absent from the cube has no cases (0/0); age groups below the indicator's youngest age (hip fracture: 65)
     * keep their rows, with a note, and are left out of the standardisation. Cells the template has no place for (unknown sex, no age group)
     * are left to the checks, which report them.
     */
    public static List<DeliveryRow> rows(IndicatorCounts counts, StandardWeights standard) {
        Map<String, StratumCounts> byKey = new HashMap<>();
        for (StratumCounts c : counts.cells()) byKey.put(Strata.key(c.sex(), c.ageGroup()), c);
        AcuteIndicator ind = counts.indicator();
        List<DeliveryRow> rows = new ArrayList<>();
        for (String sex : Strata.SEX_ROWS) {
            List<String> ages = new ArrayList<>(Strata.AGE_GROUPS);
            ages.add(Strata.ALL_AGES);
            for (String age : ages) {
                StratumCounts c = byKey.getOrDefault(Strata.key(sex, age), new StratumCounts(sex, age, 0, 0));
                Double crude = c.cases() > 0 ? c.deaths() / c.cases() : null;
                Double rate = null;
                Double low = null;
                Double high = null;
                String std = null;
                String note = null;
                if (age.equals(Strata.ALL_AGES)) {
                    std = standard.id();
                    String empty = emptyStratum(byKey, sex, standard, ind.ageGroups());
                    if (weightOf(sex, standard, ind.ageGroups()) == 0) {
                        note = "standardised rate not computed: the standard has no weight for sex " + sex;
                    } else if (empty != null) {
                        note = "standardised rate not computed: no cases in " + empty + " (a stratum with weight > 0)";
                    } else {
                        DirectResult d = standardise(byKey, sex, standard, ind.ageGroups());
                        rate = d.rate();
                        low = d.low();
                        high = d.high();
                    }
                } else if (!ind.ageGroups().contains(age)) {
                    note = "outside the indicator's ages (" + ind.minAge() + "+)";
                }
                rows.add(new DeliveryRow(ind.id(), counts.name(), ind.condition(), ind.dataType(), counts.year(), sex,
                        age, c.cases(), c.deaths(), crude, rate, low, high, std, note));
            }
        }
        return rows;
    }

    /**
     * Age-standardised (M, F) or age-sex standardised (T) rate per 1 with the Fay–Feuer interval, over the
     * indicator's age groups {@code ages} (the standard's weights of younger groups are left out).
     */
    static DirectResult standardise(Map<String, StratumCounts> byKey, String sex, StandardWeights standard,
                                    List<String> ages) {
        List<StratumCount> strata = new ArrayList<>();
        for (String s : sexesOf(sex)) {
            for (String age : ages) {
                StratumCounts c = byKey.get(Strata.key(s, age));
                if (c != null) strata.add(new StratumCount(Strata.key(s, age), c.deaths(), c.cases()));
            }
        }
        return DirectStandardisation.compute(strata, standard.population(sex, ages), LEVEL, 1.0);
    }

    /**
     * The first stratum with weight but no cases, or null. Its rate is undefined; leaving it out would silently
     * shrink the standard (DirectStandardisation counts it as rate 0), so the rate is not computed at all.
     */
    private static String emptyStratum(Map<String, StratumCounts> byKey, String sex, StandardWeights standard,
                                       List<String> ages) {
        for (String s : sexesOf(sex)) {
            for (String age : ages) {
                StratumCounts c = byKey.get(Strata.key(s, age));
                if (standard.weight(s, age) > 0 && (c == null || c.cases() == 0)) return Strata.key(s, age);
            }
        }
        return null;
    }

    private static double weightOf(String sex, StandardWeights standard, List<String> ages) {
        double total = 0;
        for (String s : sexesOf(sex)) {
            for (String age : ages) total += standard.weight(s, age);
        }
        return total;
    }

    private static List<String> sexesOf(String sex) {
        return Strata.BOTH.equals(sex) ? Strata.SEXES : List.of(sex);
    }
}
