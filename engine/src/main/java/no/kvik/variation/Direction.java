package no.kvik.variation;

/** Which side of an indicator is good; decides which funnel side is an alarm. */
public enum Direction {
    HIGHER_IS_BETTER, LOWER_IS_BETTER, NONE;

    /** True when a unit lying above its limits is on the bad side. */
    public boolean highIsBad() {
        return this == LOWER_IS_BETTER;
    }

    /** True when a unit lying below its limits is on the bad side. */
    public boolean lowIsBad() {
        return this == HIGHER_IS_BETTER;
    }
}
