package no.kvik.engine;

import no.kvik.catalog.Direction;
import no.kvik.catalog.Target;

/** Goal-attainment level (høy / moderat / lav) of a value, read with the indicator's direction. */
public final class GoalAttainment {
    public static final String HIGH = "high";
    public static final String MEDIUM = "medium";
    public static final String LOW = "low";

    private GoalAttainment() {
    }

    /**
     * With bands (high, medium): high when the value reaches {@code high}, medium when it reaches
     * {@code medium}, else low. With only a target value: high when it reaches the target, else low.
     * "Reaches" means at least for higher_is_better and at most for lower_is_better. Null without a
     * target or a value.
     */
    public static String level(Double value, Target target, Direction direction) {
        if (value == null || target == null || direction == null) return null;
        if (target.high() != null && target.medium() != null) {
            if (reaches(value, target.high(), direction)) return HIGH;
            return reaches(value, target.medium(), direction) ? MEDIUM : LOW;
        }
        if (target.value() != null) return reaches(value, target.value(), direction) ? HIGH : LOW;
        return null;
    }

    private static boolean reaches(double value, double threshold, Direction direction) {
        return direction == Direction.HIGHER_IS_BETTER ? value >= threshold : value <= threshold;
    }
}
