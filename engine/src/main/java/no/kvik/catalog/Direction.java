package no.kvik.catalog;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** Whether a higher value is better; reads goal-attainment bands. */
public enum Direction {
    HIGHER_IS_BETTER("higher_is_better"), LOWER_IS_BETTER("lower_is_better");

    private final String code;

    Direction(String code) {
        this.code = code;
    }

    @JsonValue
    public String code() {
        return code;
    }

    @JsonCreator
    public static Direction of(String code) {
        for (Direction d : values()) if (d.code.equals(code)) return d;
        throw new IllegalArgumentException("unknown direction '" + code + "' (expected higher_is_better or lower_is_better)");
    }
}
