package no.kvik.variation;

/**
 * Five-level position of a unit against its funnel (PHE Fingertips style, statistics.md §4.5): outer = the widest
 * level (99.8 % by default), inner = the narrowest (95 %). Limits are inclusive: a value on a limit is inside.
 */
public enum FunnelFlag {
    HIGH_OUTER("high_outer"), HIGH_INNER("high_inner"), AS_EXPECTED("as_expected"),
    LOW_INNER("low_inner"), LOW_OUTER("low_outer");

    private final String code;

    FunnelFlag(String code) {
        this.code = code;
    }

    /** Stable lower-case code written to the result schema's funnel_flag column. */
    public String code() {
        return code;
    }

    /** True when the unit is beyond a limit on the bad side of the indicator. */
    public boolean alarm(Direction direction) {
        return switch (this) {
            case HIGH_OUTER, HIGH_INNER -> direction.highIsBad();
            case LOW_OUTER, LOW_INNER -> direction.lowIsBad();
            case AS_EXPECTED -> false;
        };
    }

    /**
     * The flag of a unit from its tail probabilities: outside the level-L limit exactly when the smaller
     * one-sided tail is below (1 − L)/2, i.e. when the two-sided p is below 1 − L, so flag ⇔ p.
     */
    public static FunnelFlag fromTails(Tails tails, double innerLevel, double outerLevel) {
        double p = tails.twoSided();
        boolean high = tails.highSide();
        if (p < 1 - outerLevel) {
            return high ? HIGH_OUTER : LOW_OUTER;
        }
        if (p < 1 - innerLevel) {
            return high ? HIGH_INNER : LOW_INNER;
        }
        return AS_EXPECTED;
    }

    /** Classifies a value against inner and outer limits (inclusive bounds); used for drawn limits only. */
    public static FunnelFlag classify(double value, Limits inner, Limits outer) {
        if (value > outer.upper()) {
            return HIGH_OUTER;
        }
        if (value < outer.lower()) {
            return LOW_OUTER;
        }
        if (value > inner.upper()) {
            return HIGH_INNER;
        }
        if (value < inner.lower()) {
            return LOW_INNER;
        }
        return AS_EXPECTED;
    }
}
