package no.kvik.catalog;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;

/** How often an indicator is reported: a period is a tertial (4 months), a half-year or a calendar year. */
public enum Frequency {
    TERTIAL("tertial", 4),
    HALF_YEAR("half_year", 6),
    YEAR("year", 12);

    private final String code;
    private final int months;

    Frequency(String code, int months) {
        this.code = code;
        this.months = months;
    }

    @JsonValue
    public String code() {
        return code;
    }

    public int months() {
        return months;
    }

    @JsonCreator
    public static Frequency of(String code) {
        return Arrays.stream(values()).filter(f -> f.code.equals(code)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown frequency '" + code
                        + "' (expected tertial, half_year or year)"));
    }
}
