package no.kvik.contract;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/** All registry contracts, loaded from a folder of JSON files and validated at load time. */
public final class Contracts {
    private static final ObjectMapper JSON = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, true);

    private final Map<String, Contract> byId;

    private Contracts(Map<String, Contract> byId) {
        this.byId = byId;
    }

    /** Loads every {@code *.json} in {@code dir}; throws {@link ContractException} naming the first bad file. */
    public static Contracts load(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new ContractException("contract folder not found: " + dir.toAbsolutePath());
        }
        Map<String, Contract> byId = new LinkedHashMap<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : files.filter(p -> p.toString().endsWith(".json")).sorted().toList()) {
                Contract contract = read(file);
                if (byId.put(contract.id(), contract) != null) {
                    throw new ContractException(file + ": duplicate contract id '" + contract.id() + "'");
                }
            }
        } catch (IOException e) {
            throw new ContractException("cannot list contracts in " + dir + ": " + e.getMessage(), e);
        }
        if (byId.isEmpty()) {
            throw new ContractException("no contracts (*.json) in " + dir.toAbsolutePath());
        }
        return new Contracts(byId);
    }

    static Contract read(Path file) {
        Contract contract;
        try {
            contract = JSON.readValue(file.toFile(), Contract.class);
        } catch (IOException e) {
            throw new ContractException(file + ": not a valid contract: " + e.getMessage(), e);
        }
        List<String> problems = validate(contract, file.getFileName().toString());
        if (!problems.isEmpty()) {
            throw new ContractException(file + ": " + String.join("; ", problems));
        }
        return contract;
    }

    static List<String> validate(Contract c, String fileName) {
        List<String> problems = new ArrayList<>();
        if (c.id() == null || !c.id().matches("[a-z][a-z0-9_]*")) {
            problems.add("id must be lower_snake_case, got '" + c.id() + "'");
        } else if (!fileName.equals(c.id() + ".json")) {
            problems.add("file name must be " + c.id() + ".json");
        }
        if (c.version() == null || c.fileNamePattern() == null || c.format() == null) {
            problems.add("version, fileNamePattern and format are required");
        }
        Set<String> names = new HashSet<>();
        for (ContractColumn col : c.columns()) {
            if (col.name() == null || col.type() == null) {
                problems.add("every column needs a name and a type");
                continue;
            }
            if (!names.add(col.name())) {
                problems.add("duplicate column '" + col.name() + "'");
            }
            if (col.name().startsWith("_")) {
                problems.add("column '" + col.name() + "': names starting with '_' are reserved for the store");
            }
            if (!ContractColumn.INVALID_ROW.equals(col.onInvalid()) && !ContractColumn.INVALID_VALUE.equals(col.onInvalid())) {
                problems.add("column '" + col.name() + "': onInvalid must be '" + ContractColumn.INVALID_ROW + "' or '"
                        + ContractColumn.INVALID_VALUE + "', got '" + col.onInvalid() + "'");
            }
            if (col.listSeparator() != null && col.type() != ColumnType.VARCHAR) {
                problems.add("column '" + col.name() + "': a list column must be VARCHAR");
            }
        }
        for (String key : c.primaryKey()) {
            if (!names.contains(key)) problems.add("primary key column '" + key + "' is not a column");
        }
        if (c.yearColumn() == null || !names.contains(c.yearColumn())) {
            problems.add("yearColumn '" + c.yearColumn() + "' is not a column");
        }
        if (c.reportingUnitColumn() != null && !names.contains(c.reportingUnitColumn())) {
            problems.add("reportingUnitColumn '" + c.reportingUnitColumn() + "' is not a column");
        }
        for (String v : c.messageVersions()) {
            if (v == null || !v.matches(DeliveryName.VERSION)) {
                problems.add("message version '" + v + "' must be digits with dots (e.g. 4 or 4.1)");
            }
        }
        for (RowRule rule : c.rowRules()) {
            if (rule.id() == null || rule.when() == null || rule.field() == null || !names.contains(rule.field())) {
                problems.add("row rule '" + rule.id() + "' needs id, when and a field that is a column");
            } else if (!rule.id().matches("[a-z][a-z0-9_]*")) {
                problems.add("row rule '" + rule.id() + "': id must be lower_snake_case");
            }
        }
        for (String key : c.primaryKey()) {
            c.column(key).filter(col -> ContractColumn.INVALID_VALUE.equals(col.onInvalid())).ifPresent(col ->
                    problems.add("primary key column '" + key + "' cannot be onInvalid 'value': a row without its key is unusable"));
        }
        return problems;
    }

    public Collection<Contract> all() {
        return byId.values();
    }

    public Optional<Contract> byId(String id) {
        return Optional.ofNullable(byId.get(id));
    }

    /** The contract whose file-name pattern matches {@code fileName}, if exactly one does. */
    public Optional<Contract> forFileName(String fileName) {
        List<Contract> matches = byId.values().stream()
                .filter(c -> FileSystems.getDefault().getPathMatcher("glob:" + c.fileNamePattern())
                        .matches(Path.of(fileName)))
                .toList();
        return matches.size() == 1 ? Optional.of(matches.get(0)) : Optional.empty();
    }
}
