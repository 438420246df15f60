package no.kvik.contract;

import java.util.List;
import java.util.Optional;

/**
 * The contract of one registry extract type: file shape, typed columns, key and row rules.
 * Contracts are data (sql/contracts/*.json); this record is their validated in-memory form.
 *
 * @param id                  extract type, also the store view name (e.g. npr_somatic)
 * @param fileNamePattern     glob the extract file name must match (e.g. npr_somatic_*.csv)
 * @param yearColumn          column whose year partitions the store
 * @param reportingUnitColumn column naming the reporting unit for completeness, or null
 */
public record Contract(
        String id,
        String version,
        String registry,
        String title,
        String description,
        String fileNamePattern,
        FileFormat format,
        String yearColumn,
        List<String> primaryKey,
        String reportingUnitColumn,
        List<ContractColumn> columns,
        List<RowRule> rowRules) {

    public Contract {
        primaryKey = List.copyOf(primaryKey);
        columns = List.copyOf(columns);
        rowRules = rowRules == null ? List.of() : List.copyOf(rowRules);
    }

    public Optional<ContractColumn> column(String name) {
        return columns.stream().filter(c -> c.name().equals(name)).findFirst();
    }

    public List<String> columnNames() {
        return columns.stream().map(ContractColumn::name).toList();
    }

    public List<ContractColumn> requiredColumns() {
        return columns.stream().filter(ContractColumn::required).toList();
    }
}
