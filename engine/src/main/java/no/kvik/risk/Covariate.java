package no.kvik.risk;

import java.util.List;
import java.util.Objects;

/**
 * A model covariate. Categorical covariates are dummy coded against {@code levels.get(0)}, the reference level;
 * numeric covariates enter linearly.
 */
public record Covariate(String name, boolean categorical, List<String> levels) {
    public Covariate {
        Objects.requireNonNull(name, "name");
        levels = categorical ? List.copyOf(levels) : List.of();
        if (categorical && levels.isEmpty()) {
            throw new IllegalArgumentException("categorical covariate " + name + " has no levels");
        }
    }

    public static Covariate numeric(String name) {
        return new Covariate(name, false, List.of());
    }

    /** A categorical covariate with its reference level first. */
    public static Covariate categorical(String name, String reference, List<String> otherLevels) {
        List<String> all = new java.util.ArrayList<>();
        all.add(reference);
        otherLevels.stream().filter(l -> !l.equals(reference)).forEach(all::add);
        return new Covariate(name, true, all);
    }

    public String reference() {
        return categorical ? levels.get(0) : null;
    }
}
