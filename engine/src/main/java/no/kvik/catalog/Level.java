package no.kvik.catalog;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.Optional;

/**
 * Reporting levels. Provider-based levels (hospital → HF → RHF) come from {@code provider_org},
 * residence-based levels (municipality → county) from {@code residence_municipality} or
 * {@code residence_county}, {@code central} from {@code central_id}.
 */
public enum Level {
    NATION("nation", null),
    RHF("rhf", NATION),
    HF("hf", RHF),
    HOSPITAL("hospital", HF),
    COUNTY("county", NATION),
    MUNICIPALITY("municipality", COUNTY),
    CENTRAL("central", NATION);

    private final String code;
    private final Level parent;

    Level(String code, Level parent) {
        this.code = code;
        this.parent = parent;
    }

    /** The name used in metadata and in the result's {@code level} column. */
    @JsonValue
    public String code() {
        return code;
    }

    /** The level this one aggregates into in the full hierarchy (null for nation). */
    public Level parent() {
        return parent;
    }

    @JsonCreator
    public static Level of(String code) {
        return find(code).orElseThrow(() -> new IllegalArgumentException("unknown level '" + code
                + "' (expected one of " + Arrays.stream(values()).map(Level::code).toList() + ")"));
    }

    public static Optional<Level> find(String code) {
        return Arrays.stream(values()).filter(l -> l.code.equals(code)).findFirst();
    }
}
