package no.kvik.reference;

import java.util.List;

/** A standard population: strata (e.g. age group × sex) and their weights (any scale; normalised on use). */
public record StandardPopulation(String name, List<String> strata, double[] weights) {
    public StandardPopulation {
        strata = List.copyOf(strata);
        weights = weights.clone();
        if (strata.size() != weights.length || strata.isEmpty()) {
            throw new IllegalArgumentException("standard population " + name + ": strata and weights differ");
        }
        for (double w : weights) {
            if (!(w >= 0)) {
                throw new IllegalArgumentException("standard population " + name + ": negative weight " + w);
            }
        }
    }

    @Override
    public double[] weights() {
        return weights.clone();
    }
}
