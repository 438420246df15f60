package no.kvik.catalog;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import no.kvik.sql.ParameterType;
import no.kvik.sql.SqlTemplate;

/**
 * A loaded, validated indicator: its metadata and its parsed SQL.
 *
 * @param meta     the metadata file
 * @param sql      the parsed SQL file
 * @param sqlFile  where the SQL came from (for messages): {@code <id>.sql} beside the metadata, or the shared file its
 *                 {@code "sql"} names
 * @param metaFile where the metadata came from ({@code <id>.json})
 */
public record Indicator(IndicatorMeta meta, SqlTemplate sql, Path sqlFile, Path metaFile) {

    /**
     * An indicator whose metadata is taken to lie beside its SQL as {@code <id>.json} (indicators built in code from
     * another one or in tests; the catalogue gives the real metadata file).
     */
    public Indicator(IndicatorMeta meta, SqlTemplate sql, Path sqlFile) {
        this(meta, sql, sqlFile, sqlFile.resolveSibling(meta.id() + ".json"));
    }

    /** The two parameters every indicator receives: [period_start, period_end). */
    public static final String PERIOD_START = "period_start";
    public static final String PERIOD_END = "period_end";

    public String id() {
        return meta.id();
    }

    /** Types of every parameter the SQL may use: the implicit period bounds and the declared ones. */
    public Map<String, ParameterType> parameterTypes() {
        Map<String, ParameterType> types = new LinkedHashMap<>();
        types.put(PERIOD_START, ParameterType.DATE);
        types.put(PERIOD_END, ParameterType.DATE);
        for (ParameterDecl p : meta.parameters()) types.put(p.name(), p.type());
        return types;
    }

    /**
     * Converted parameter values: declared defaults, overridden by {@code overrides} (raw JSON/CLI values).
     * Throws IllegalArgumentException naming the parameter when a value does not convert or is unknown.
     */
    public Map<String, Object> parameterValues(Map<String, ?> overrides) {
        Map<String, ParameterType> types = parameterTypes();
        Map<String, Object> values = new LinkedHashMap<>();
        for (ParameterDecl p : meta.parameters()) values.put(p.name(), p.type().convert(p.defaultValue()));
        for (Map.Entry<String, ?> e : overrides.entrySet()) {
            ParameterType type = types.get(e.getKey());
            if (type == null) {
                throw new IllegalArgumentException(id() + ": unknown parameter '" + e.getKey() + "' (declared: "
                        + List.copyOf(types.keySet()) + ")");
            }
            try {
                values.put(e.getKey(), type.convert(e.getValue()));
            } catch (IllegalArgumentException ex) {
                throw new IllegalArgumentException(id() + ": parameter '" + e.getKey() + "': " + ex.getMessage(), ex);
            }
        }
        return values;
    }
}
