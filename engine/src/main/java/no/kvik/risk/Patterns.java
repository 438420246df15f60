package no.kvik.risk;

import java.util.List;

/**
 * Sufficient statistics for a logistic model: one row per covariate pattern with its design row, trials n and
 * events y. Grouping cases this way gives the same maximum-likelihood fit as one row per case.
 */
public record Patterns(List<String> names, double[][] x, double[] trials, double[] events) {
    public Patterns {
        names = List.copyOf(names);
        if (x.length != trials.length || x.length != events.length) {
            throw new IllegalArgumentException("patterns: x, trials and events differ in length");
        }
    }

    public int size() {
        return x.length;
    }
}
