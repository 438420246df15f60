package no.kvik.variation;

import java.util.Objects;

/**
 * One unit's counts. {@code denominator} is n for proportions and rates, and the expected count E for
 * ratios (O/E).
 */
public record UnitCount(String unit, double numerator, double denominator) {
    public UnitCount {
        Objects.requireNonNull(unit, "unit");
        if (!(numerator >= 0) || !(denominator >= 0)) {
            throw new IllegalArgumentException("unit " + unit + ": counts must be finite and >= 0, got numerator "
                    + numerator + ", denominator " + denominator);
        }
        if (Double.isInfinite(numerator) || Double.isInfinite(denominator)) {
            throw new IllegalArgumentException("unit " + unit + ": counts must be finite");
        }
    }
}
