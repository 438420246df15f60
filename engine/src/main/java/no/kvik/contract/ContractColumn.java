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
        String description) {

    public ContractColumn {
        allowed = allowed == null ? null : List.copyOf(allowed);
    }
}
