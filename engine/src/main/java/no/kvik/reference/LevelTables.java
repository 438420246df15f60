package no.kvik.reference;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * The reporting-level tables that the engine LEFT JOINs to every case row (sql/reference/levels*.sql), with the key
 * it joins on. A key value on two rows would count each of its cases twice at that level, silently, so a store
 * whose reference data makes such a table is refused when the tables are built ({@link #checkUniqueKeys}).
 */
public final class LevelTables {
    /** One level table: its name, the columns the engine joins it on, and the reference files it is built from. */
    public record LevelTable(String name, List<String> key, String builtFrom) {
        public LevelTable {
            key = List.copyOf(key);
        }
    }

    /** Every level table, in the order the engine's mapping joins them. */
    public static final List<LevelTable> ALL = List.of(
            new LevelTable("ref_level_provider", List.of("provider_org"),
                    "sql/reference/levels.sql and levels_published.sql from data/reference/behandlingssteder_skde_behandler.csv,"
                            + " npr_private_specialists.csv and private_provider_regions.csv"),
            new LevelTable("ref_level_municipality", List.of("registered_nr"),
                    "sql/reference/levels.sql from data/reference/kommuner_2025.csv and kommunenummer_endringer_skde.csv"),
            new LevelTable("ref_level_county", List.of("county_id"),
                    "sql/reference/levels.sql from data/reference/fylker_2025.csv"),
            new LevelTable("ref_level_central", List.of("central_id"),
                    "sql/reference/levels.sql from data/reference/emergency_centrals.csv"),
            new LevelTable("ref_level_central_typed", List.of("central_id", "central_type"),
                    "sql/reference/levels_published.sql from data/reference/emergency_centrals.csv"),
            new LevelTable("ref_level_catchment", List.of("registered_nr"),
                    "sql/reference/levels_published.sql from data/reference/opptaksomrader_skde_boomr.csv"),
            new LevelTable("ref_level_municipality_group", List.of("registered_nr"),
                    "sql/reference/levels_published.sql from data/reference/kommuner_2025.csv"),
            new LevelTable("ref_level_municipality_centrality", List.of("registered_nr"),
                    "sql/reference/levels_published.sql from data/reference/sentralitet_ssb_klass128.csv"));

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
            for (LevelTable table : ALL) {
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
                    throw new SQLException("reference table " + table.name() + " (built by " + table.builtFrom() + ") has "
                            + repeated + " " + key + " value(s) on more than one row: " + keys
                            + (repeated > SHOWN_KEYS ? ", …" : "") + ". The engine joins every case to this table by "
                            + key + ", so such a case would be counted once per row: keep one row per " + key
                            + " in the reference files");
                }
            }
        }
    }
}
