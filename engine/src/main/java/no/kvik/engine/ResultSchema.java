package no.kvik.engine;

import java.util.List;

/** The one result schema: column names and types, shared by every writer and the Tablesaw conversion. */
public final class ResultSchema {

    /** A result column: its name and DuckDB type. */
    public record Column(String name, String duckDbType) {
    }

    public static final List<Column> COLUMNS = List.of(
            new Column("indicator_id", "VARCHAR"),
            new Column("indicator_version", "VARCHAR"),
            new Column("period_start", "DATE"),
            new Column("period_end", "DATE"),
            new Column("period_label", "VARCHAR"),
            new Column("level", "VARCHAR"),
            new Column("unit_id", "VARCHAR"),
            new Column("unit_name", "VARCHAR"),
            new Column("numerator", "DOUBLE"),
            new Column("denominator", "DOUBLE"),
            new Column("value", "DOUBLE"),
            new Column("ci_low", "DOUBLE"),
            new Column("ci_high", "DOUBLE"),
            new Column("event", "VARCHAR"),
            new Column("observed", "DOUBLE"),
            new Column("expected", "DOUBLE"),
            new Column("o_e", "DOUBLE"),
            new Column("o_e_low", "DOUBLE"),
            new Column("o_e_high", "DOUBLE"),
            new Column("adjusted_value", "DOUBLE"),
            new Column("z", "DOUBLE"),
            new Column("funnel_flag", "VARCHAR"),
            new Column("fdr_flag", "BOOLEAN"),
            new Column("trend_flag", "VARCHAR"),
            new Column("goal_level", "VARCHAR"),
            new Column("suppressed", "VARCHAR"));

    /** Suppression reasons. */
    public static final String SUPPRESSED_DENOMINATOR = "primary_denominator";
    public static final String SUPPRESSED_NUMERATOR = "primary_numerator";
    public static final String SUPPRESSED_SECONDARY = "secondary";
    /** A small unit's yearly row: its figures are published for the window of years ending that year. */
    public static final String SUPPRESSED_POOLED = "pooled";

    /** Unit id (and name) of case rows whose unit is not known at a level; such rows are never dropped. */
    public static final String UNKNOWN_UNIT = "unknown";
    public static final String NATION_ID = "nation";
    public static final String NATION_NAME = "Norge";

    private ResultSchema() {
    }

    public static List<String> names() {
        return COLUMNS.stream().map(Column::name).toList();
    }

    /** {@code CREATE TABLE name (...)} for the schema. The name is an identifier chosen by the caller. */
    public static String createTableSql(String table) {
        StringBuilder sb = new StringBuilder("CREATE OR REPLACE TEMP TABLE ").append(table).append(" (");
        for (int i = 0; i < COLUMNS.size(); i++) {
            if (i > 0) sb.append(", ");
            sb.append(COLUMNS.get(i).name()).append(' ').append(COLUMNS.get(i).duckDbType());
        }
        return sb.append(')').toString();
    }
}
