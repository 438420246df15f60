package no.kvik.catalog;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.Optional;

/**
 * Reporting levels. Provider-based levels (hospital → HF → RHF) come from {@code provider_org},
 * residence-based levels (municipality → county) from {@code residence_municipality} or
 * {@code residence_county}, {@code central} from {@code central_id}.
 *
 * <p>Levels added for NKI's published views (issue #16), after the first seven so the order of existing
 * results does not change: {@code amk} and {@code legevakt} are the emergency centrals of one type each (113
 * AMK centrals, 116117 legevakt centrals) from {@code central_id}; {@code rhf_residence} → {@code hf_residence}
 * are the catchment (opptaksområde) health trusts of the municipality of residence, beside the treating ones;
 * {@code municipality_group} is the size group of the municipality of residence (SSB/KOSTRA population groups),
 * {@code municipality_centrality} its class (1-6) of SSB's centrality index (KLASS 128).
 */
public enum Level {
    NATION("nation", null),
    RHF("rhf", NATION),
    HF("hf", RHF),
    HOSPITAL("hospital", HF),
    COUNTY("county", NATION),
    MUNICIPALITY("municipality", COUNTY),
    CENTRAL("central", NATION),
    AMK("amk", NATION),
    LEGEVAKT("legevakt", NATION),
    RHF_RESIDENCE("rhf_residence", NATION),
    HF_RESIDENCE("hf_residence", RHF_RESIDENCE),
    MUNICIPALITY_GROUP("municipality_group", NATION),
    MUNICIPALITY_CENTRALITY("municipality_centrality", NATION);

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
