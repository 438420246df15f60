package no.kvik.catalog;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;

/** What an indicator's value is, which decides its interval method. */
public enum MeasureKind {
    PROPORTION("proportion"), RATE("rate"), MEAN("mean"), MEDIAN("median"), PERCENTILE("percentile"), RATIO("ratio");

    private final String code;

    MeasureKind(String code) {
        this.code = code;
    }

    @JsonValue
    public String code() {
        return code;
    }

    @JsonCreator
    public static MeasureKind of(String code) {
        return Arrays.stream(values()).filter(k -> k.code.equals(code)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown measure kind '" + code
                        + "' (expected proportion, rate, mean, median, percentile or ratio)"));
    }

    /** True when the value is computed from the per-case {@code value} column rather than numerator/denominator. */
    public boolean usesValueColumn() {
        return this == MEAN || this == MEDIAN || this == PERCENTILE;
    }
}
