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
 * @param trimKeys            true: leading and trailing blanks (space, tab) are removed from key and code fields
 *                            before they are checked, compared and stored; false: such a key is flagged
 *                            {@code padded} (a code fails its code check). A control character left in a key is
 *                            always flagged.
 * @param messageVersions     the message versions a delivery may be on, the current one first; a file name carrying
 *                            another ({@code _v<version>} before the extension) is rejected whole at ingest. Empty:
 *                            the contract does not check versions. A name without a version part is a compiled
 *                            extract on the current version (see sql/contracts/README.md, "Message versions").
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
        List<RowRule> rowRules,
        boolean trimKeys,
        List<String> messageVersions) {

    public Contract {
        messageVersions = messageVersions == null ? List.of() : List.copyOf(messageVersions);
        primaryKey = List.copyOf(primaryKey);
        columns = List.copyOf(columns);
        rowRules = rowRules == null ? List.of() : List.copyOf(rowRules);
    }

    /** Key fields: the primary key and the declared link keys ({@code "key": true}). */
    public boolean isKey(ContractColumn column) {
        return primaryKey.contains(column.name()) || Boolean.TRUE.equals(column.key());
    }

    /** Key or code fields (VARCHAR): normalised by {@link #trimKeys}, checked for control characters. */
    public boolean isKeyOrCode(ContractColumn column) {
        return column.type() == ColumnType.VARCHAR && (isKey(column) || column.keyOrCode());
    }

    /** True when an invalid value of {@code column} makes the whole row unusable (it leaves the view). */
    public boolean invalidRemovesRow(ContractColumn column) {
        return isKey(column) || !ContractColumn.INVALID_VALUE.equals(column.onInvalid());
    }

    /** The contract as before {@code messageVersions} was declared (no version check). */
    public Contract(String id, String version, String registry, String title, String description,
                    String fileNamePattern, FileFormat format, String yearColumn, List<String> primaryKey,
                    String reportingUnitColumn, List<ContractColumn> columns, List<RowRule> rowRules,
                    boolean trimKeys) {
        this(id, version, registry, title, description, fileNamePattern, format, yearColumn, primaryKey,
                reportingUnitColumn, columns, rowRules, trimKeys, List.of());
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
