package no.kvik.release;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import no.kvik.sql.DuckDb;

/**
 * What changed between a release and an earlier one: indicators new and retired, definitions whose SQL hash
 * ({@link DefinitionHash}: the indicator's SQL file and the reference SQL and code lists it reads) or metadata hash changed (against a
 * release of manifest format 1, whose SQL hash covered the indicator's file alone, every definition shows as changed
 * SQL once), and historical values revised (rows of both releases with the same indicator,
 * period, level and unit whose numerator, denominator or value differ ({@link #sameFigure}: whole numbers exactly,
 * fractions beyond last-digit noise), or that exist in only one of them for an indicator both carry; periods of the
 * current release outside the previous one's range are new, not revised, and are left out).
 *
 * @param revisedMeans what counts as a revised value, {@link #REVISED_MEANS}, so that the JSON says it
 */
public record Revisions(String previous, String current, List<String> newIndicators, List<String> retiredIndicators,
                        List<ChangedDefinition> changedDefinitions, long revisedValueCount, List<RevisedValue> revisedValues,
                        String revisedMeans) {
    /** At most this many revised rows are listed (all are counted). */
    public static final int MAX_LISTED = 1000;

    /**
     * Largest relative difference of two fractional figures that is still the same figure: a sum of fractions
     * summed in another order moves in the last digits only (1.6e-14 relative at most when the order-free sums came
     * in, session 9), while 1e-12 is far below any change a published figure shows.
     */
    public static final double RELATIVE_TOLERANCE = 1e-12;

    /**
     * Absolute floor of the tolerance: below the smallest normal double (2.2e-308) doubles are subnormal and lose
     * relative precision, so only an absolute test is meaningful there. It is not larger on purpose: every published
     * numerator, denominator and value is a non-negative count, sum or ratio (none negative in the 105,525 result rows
     * of the scale-0.02 baseline), so floating noise scales with the figure and never cancels to near 0; a larger
     * floor would hide real revisions of small figures (a 1e-9 relative change of a 1e-8 share is 1e-17).
     */
    public static final double ABSOLUTE_FLOOR = Double.MIN_NORMAL;

    /** What counts as a revised value, as the revisions JSON states it. */
    public static final String REVISED_MEANS = "a row of an indicator both releases carry (same period, level and unit) "
            + "whose numerator, denominator or value differs, or that is in only one release; whole numbers (counts) "
            + "must be equal, fractional figures differ when |a - b| > " + RELATIVE_TOLERANCE
            + " * max(|a|, |b|) (and above " + ABSOLUTE_FLOOR + "), so last-digit floating noise is not a revision";

    /** @param changed {@code sql}, {@code metadata} or {@code sql+metadata} */
    public record ChangedDefinition(String id, String previousVersion, String version, String changed) {
    }

    /** @param change {@code revised}, {@code added} (no such row before) or {@code removed} */
    public record RevisedValue(String indicatorId, String period, String level, String unitId, Double previousValue,
                               Double value, Double previousDenominator, Double denominator, String change) {
    }

    public Revisions {
        newIndicators = List.copyOf(newIndicators);
        retiredIndicators = List.copyOf(retiredIndicators);
        changedDefinitions = List.copyOf(changedDefinitions);
        revisedValues = List.copyOf(revisedValues);
        Objects.requireNonNull(revisedMeans, "revisedMeans");
    }

    /** Compares two finished release folders. */
    public static Revisions compare(Path previousDir, Path currentDir) throws IOException, SQLException {
        Path current = currentDir.resolve(ReleaseManifest.FILE);
        if (!Files.exists(current)) throw new IllegalArgumentException(currentDir + " is not a release (no " + ReleaseManifest.FILE + ")");
        ReleaseManifest manifest = ReleaseFiles.JSON.readValue(current.toFile(), ReleaseManifest.class);
        return compare(previousDir, currentDir, manifest.edition(), manifest.indicators());
    }

    /**
     * Compares two release folders (the current one may not have its manifest yet: its edition and entries are
     * given; its folder may be a staging folder whose name is not the edition's).
     */
    public static Revisions compare(Path previousDir, Path currentDir, String currentEdition,
                                    List<ReleaseManifest.IndicatorEntry> current)
            throws IOException, SQLException {
        Path manifestFile = previousDir.resolve(ReleaseManifest.FILE);
        if (!Files.exists(manifestFile)) throw new IllegalArgumentException(previousDir + " is not a release (no " + ReleaseManifest.FILE + ")");
        ReleaseManifest previous = ReleaseFiles.JSON.readValue(manifestFile.toFile(), ReleaseManifest.class);
        Map<String, ReleaseManifest.IndicatorEntry> before = new TreeMap<>();
        previous.indicators().forEach(e -> before.put(e.id(), e));
        Map<String, ReleaseManifest.IndicatorEntry> now = new TreeMap<>();
        current.forEach(e -> now.put(e.id(), e));
        List<String> added = now.keySet().stream().filter(id -> !before.containsKey(id)).toList();
        List<String> retired = before.keySet().stream().filter(id -> !now.containsKey(id)).toList();
        List<ChangedDefinition> changed = new ArrayList<>();
        for (String id : now.keySet()) {
            ReleaseManifest.IndicatorEntry a = before.get(id);
            ReleaseManifest.IndicatorEntry b = now.get(id);
            if (a == null) continue;
            boolean sql = !a.sqlSha256().equals(b.sqlSha256());
            boolean meta = !a.metadataSha256().equals(b.metadataSha256());
            if (sql || meta) changed.add(new ChangedDefinition(id, a.version(), b.version(), sql && meta ? "sql+metadata" : sql ? "sql" : "metadata"));
        }
        List<RevisedValue> revised = new ArrayList<>();
        long count = 0;
        String file = Release.RESULTS + ".parquet";
        String diff = "WITH a AS (SELECT * FROM read_parquet(?) WHERE indicator_id IN (SELECT indicator_id FROM read_parquet(?))), "
                + "b AS (SELECT * FROM read_parquet(?) WHERE indicator_id IN (SELECT indicator_id FROM read_parquet(?)) "
                + "AND period_start >= CAST(? AS DATE) AND period_end <= CAST(? AS DATE)) "
                + "SELECT coalesce(a.indicator_id, b.indicator_id) AS id, coalesce(a.period_label, b.period_label) AS period, "
                + "coalesce(a.level, b.level) AS level, coalesce(a.unit_id, b.unit_id) AS unit, a.value AS v0, b.value AS v1, "
                + "a.denominator AS d0, b.denominator AS d1, "
                + "CASE WHEN a.indicator_id IS NULL THEN 'added' WHEN b.indicator_id IS NULL THEN 'removed' ELSE 'revised' END AS change, "
                + "a.numerator AS n0, b.numerator AS n1 "
                + "FROM a FULL JOIN b ON a.indicator_id = b.indicator_id AND a.period_start = b.period_start "
                + "AND a.period_end = b.period_end AND a.level = b.level AND a.unit_id = b.unit_id "
                + "WHERE a.indicator_id IS NULL OR b.indicator_id IS NULL OR a.value IS DISTINCT FROM b.value "
                + "OR a.numerator IS DISTINCT FROM b.numerator OR a.denominator IS DISTINCT FROM b.denominator "
                + "ORDER BY id, coalesce(a.period_start, b.period_start), coalesce(a.period_end, b.period_end), level, unit";
        // periods after the previous release's range are new, not revisions
        Object fromParameter = previous.parameters().get("period_from");
        String from = fromParameter == null ? "1900-01-01" : fromParameter.toString();
        String p0 = previousDir.resolve(file).toString();
        String p1 = currentDir.resolve(file).toString();
        try (Connection c = DuckDb.open(); PreparedStatement ps = c.prepareStatement(diff)) {
            ps.setString(1, p0);
            ps.setString(2, p1);
            ps.setString(3, p1);
            ps.setString(4, p0);
            ps.setString(5, from);
            ps.setString(6, previous.dataEnd());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String change = rs.getString(9);
                    // the query finds every row that differs at all; last-digit noise of a fraction is not a revision
                    if (change.equals("revised") && sameFigure(nullable(rs, 10), nullable(rs, 11))
                            && sameFigure(nullable(rs, 7), nullable(rs, 8)) && sameFigure(nullable(rs, 5), nullable(rs, 6))) {
                        continue;
                    }
                    count++;
                    if (revised.size() < MAX_LISTED) {
                        revised.add(new RevisedValue(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                                nullable(rs, 5), nullable(rs, 6), nullable(rs, 7), nullable(rs, 8), change));
                    }
                }
            }
        }
        return new Revisions(previous.edition(), currentEdition, added, retired, changed, count, revised, REVISED_MEANS);
    }

    /**
     * True when two published figures are the same: both absent, equal, or (unless both are whole numbers, which are
     * counts and must be equal) within {@link #RELATIVE_TOLERANCE} of each other relative to the larger, with
     * {@link #ABSOLUTE_FLOOR} as the least tolerance (Knuth's "approximately equal", TAOCP vol. 2, 4.2.2).
     */
    static boolean sameFigure(Double a, Double b) {
        if (a == null || b == null) return a == b;
        if (a.doubleValue() == b.doubleValue() || a.equals(b)) return true; // 0.0 and -0.0; NaN and NaN
        if (isWhole(a) && isWhole(b)) return false;
        double tolerance = Math.max(RELATIVE_TOLERANCE * Math.max(Math.abs(a), Math.abs(b)), ABSOLUTE_FLOOR);
        return Math.abs(a - b) <= tolerance;
    }

    private static boolean isWhole(double v) {
        return Double.isFinite(v) && v == Math.rint(v);
    }

    private static Double nullable(ResultSet rs, int column) throws SQLException {
        double v = rs.getDouble(column);
        return rs.wasNull() ? null : v;
    }
}
