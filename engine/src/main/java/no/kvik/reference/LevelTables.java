package no.kvik.reference;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * The reporting-level tables that the engine LEFT JOINs to every case row (sql/reference/levels*.sql), with the key
 * it joins on, and the reference tables they are built from whose key must be unique ({@link #KEYED_SOURCES}). A key
 * value on two rows of a level table would count each of its cases twice at that level, silently, so a store whose
 * reference data makes such a table is refused when the tables are built ({@link #checkUniqueKeys}).
 */
public final class LevelTables {
    /**
     * One table whose key must be unique: its name, the key columns, where it comes from, and what a repeated key
     * would do (said in the error).
     */
    public record LevelTable(String name, List<String> key, String origin, String consequence) {
        public LevelTable {
            key = List.copyOf(key);
        }

        /** A level table: the engine LEFT JOINs every case to it by its key. */
        LevelTable(String name, List<String> key, String origin) {
            this(name, key, origin, "The engine joins every case to this table by " + String.join(", ", key)
                    + ", so such a case would be counted once per row");
        }
    }

    /** Every level table, in the order the engine's mapping joins them. */
    public static final List<LevelTable> ALL = List.of(
            new LevelTable("ref_level_provider", List.of("provider_org"),
                    "built by sql/reference/levels.sql and levels_published.sql from data/reference/behandlingssteder_skde_behandler.csv,"
                            + " npr_private_specialists.csv and private_provider_regions.csv"),
            new LevelTable("ref_level_municipality", List.of("registered_nr"),
                    "built by sql/reference/levels.sql from data/reference/kommuner_2025.csv and kommunenummer_endringer_skde.csv"),
            new LevelTable("ref_level_county", List.of("county_id"),
                    "built by sql/reference/levels.sql from data/reference/fylker_2025.csv"),
            new LevelTable("ref_level_central", List.of("central_id"),
                    "built by sql/reference/levels.sql from data/reference/emergency_centrals.csv"),
            new LevelTable("ref_level_central_typed", List.of("central_id", "central_type"),
                    "built by sql/reference/levels_published.sql from data/reference/emergency_centrals.csv"),
            new LevelTable("ref_level_catchment", List.of("registered_nr"),
                    "built by sql/reference/levels_published.sql from data/reference/opptaksomrader_skde_boomr.csv"),
            new LevelTable("ref_level_municipality_group", List.of("registered_nr"),
                    "built by sql/reference/levels_published.sql from data/reference/kommuner_2025.csv"),
            new LevelTable("ref_level_municipality_centrality", List.of("registered_nr"),
                    "built by sql/reference/levels_published.sql from data/reference/sentralitet_ssb_klass128.csv"));

    /**
     * Reference tables the level tables are built from whose key must be unique although a repeat would not add rows:
     * {@code levels_published.sql} moves a private provider to the RHF of its agreement by an UPDATE … FROM this
     * table, which with two rows for one organisation number would take either RHF, by scan order.
     */
    public static final List<LevelTable> KEYED_SOURCES = List.of(
            new LevelTable("ref_private_provider_regions", List.of("orgnr"),
                    "from data/reference/private_provider_regions.csv, read by sql/reference/levels_published.sql",
                    "levels_published.sql moves each of these providers to the RHF of its agreement, so such a provider "
                            + "would get one of its rows' RHFs, whichever DuckDB met last"));

    /** How many repeated keys an error lists (the rest are counted). */
    static final int SHOWN_KEYS = 5;

    private LevelTables() {
    }

    /** The level tables' names, in {@link #ALL}'s order. */
    public static List<String> names() {
        return ALL.stream().map(LevelTable::name).toList();
    }

    /**
     * Refuses level tables of the connection whose join key repeats, naming the table, the repeated keys (unit codes,
     * not person data), their row counts and the reference files the table is built from. Tables the connection
     * does not have (a store opened for a few indicators) are skipped.
     */
    public static void checkUniqueKeys(Connection connection) throws SQLException {
        try (Statement st = connection.createStatement()) {
            for (LevelTable table : java.util.stream.Stream.concat(ALL.stream(), KEYED_SOURCES.stream()).toList()) {
                try (ResultSet rs = st.executeQuery("SELECT count(*) FROM information_schema.tables WHERE table_name = '"
                        + table.name() + "' AND table_schema = 'main'")) {
                    rs.next();
                    if (rs.getLong(1) == 0) continue;
                }
                String key = String.join(", ", table.key());
                String shown = table.key().size() == 1 ? key : "concat_ws('/', " + key + ")";
                String sql = "SELECT " + shown + " AS k, count(*) AS n, count(*) OVER () AS repeated FROM main." + table.name()
                        + " GROUP BY " + key + " HAVING count(*) > 1 ORDER BY k LIMIT " + SHOWN_KEYS;
                StringBuilder keys = new StringBuilder();
                long repeated = 0;
                try (ResultSet rs = st.executeQuery(sql)) {
                    while (rs.next()) {
                        if (keys.length() > 0) keys.append(", ");
                        keys.append(rs.getString(1)).append(" (").append(rs.getLong(2)).append(" rows)");
                        repeated = rs.getLong(3);
                    }
                }
                if (repeated > 0) {
                    throw new SQLException("reference table " + table.name() + " (" + table.origin() + ") has "
                            + repeated + " " + key + " value(s) on more than one row: " + keys
                            + (repeated > SHOWN_KEYS ? ", …" : "") + ". " + table.consequence() + ": keep one row per "
                            + key + " in the reference files");
                }
            }
        }
    }
}
