package no.kvik.contract;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.List;

/**
 * One column of a registry extract.
 *
 * @param name          column name in the file header and in the store
 * @param type          stored type
 * @param required      a missing column rejects the file; an empty value flags the row
 * @param codeSystem    code system the value (or each list element) must belong to, or null
 * @param allowed       closed set of allowed values, or null
 * @param min           inclusive lower bound for numeric columns, or null
 * @param max           inclusive upper bound for numeric columns, or null
 * @param listSeparator when set, the value is a list of codes separated by this string
 * @param description   what the column holds
 * @param key           a link key (e.g. patient_id): normalised like the primary key, and an invalid value makes
 *                      the whole row unusable (primary-key columns are keys without saying so)
 * @param onInvalid     what an invalid value removes: {@link #INVALID_ROW} (default: the row leaves the contract's
 *                      view) or {@link #INVALID_VALUE} (only the value, stored as NULL; the row stays, e.g. a
 *                      residence municipality that only places a case in a unit of one level)
 */
@JsonIgnoreProperties(ignoreUnknown = false)
public record ContractColumn(
        String name,
        ColumnType type,
        boolean required,
        CodeSystem codeSystem,
        List<String> allowed,
        Double min,
        Double max,
        String listSeparator,
        String description,
        Boolean key,
        String onInvalid) {
    /** An invalid value makes the row unusable: it leaves the contract's view. */
    public static final String INVALID_ROW = "row";
    /** An invalid value is stored as NULL and the row stays in the contract's view. */
    public static final String INVALID_VALUE = "value";

    public ContractColumn {
        allowed = allowed == null ? null : List.copyOf(allowed);
        onInvalid = onInvalid == null ? INVALID_ROW : onInvalid;
    }

    /** A key or code field (link key, closed set or code system): blanks and control characters are checked. */
    public boolean keyOrCode() {
        return type == ColumnType.VARCHAR && (Boolean.TRUE.equals(key) || codeSystem != null || allowed != null);
    }
}
