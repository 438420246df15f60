package no.kvik.reference;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import no.kvik.risk.StandardPopulation;

/** Loads standard-population tables (stratum, weight) for direct standardisation from CSV. */
public final class StandardPopulations {
    /** The European Standard Population 2013 file shipped in data/reference. */
    public static final String ESP2013_FILE = "esp2013_standard_population_weights.csv";

    private StandardPopulations() {
    }

    /** ESP 2013: 21 age groups (0, 1-4, …, 95+), weights per 100 000. */
    public static StandardPopulation esp2013(Path referenceDir) {
        return read(referenceDir.resolve(ESP2013_FILE), "age_group", "esp2013_weight_per_100000", "ESP2013");
    }

    /** Any user table: one row per stratum; the file path is bound, column names are quoted identifiers. */
    public static StandardPopulation read(Path csv, String stratumColumn, String weightColumn, String name) {
        if (!Files.isRegularFile(csv)) {
            throw new IllegalArgumentException("standard population file not found: " + csv);
        }
        String sql = "SELECT CAST(" + quote(stratumColumn) + " AS VARCHAR), TRY_CAST(" + quote(weightColumn)
                + " AS DOUBLE), CAST(" + quote(weightColumn) + " AS VARCHAR) FROM read_csv(?, all_varchar = true)";
        List<String> strata = new ArrayList<>();
        List<Double> weights = new ArrayList<>();
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:");
             PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, csv.toString());
            try (ResultSet rs = ps.executeQuery()) {
                int row = 0;
                while (rs.next()) {
                    row++;
                    double w = rs.getDouble(2);
                    if (rs.wasNull() || rs.getString(1) == null) {
                        throw new IllegalArgumentException("file " + csv + ", row " + row + ", field "
                                + (rs.getString(1) == null ? stratumColumn : weightColumn) + ": missing or not a number"
                                + " ('" + rs.getString(3) + "')");
                    }
                    strata.add(rs.getString(1));
                    weights.add(w);
                }
            }
        } catch (SQLException e) {
            throw new IllegalArgumentException("file " + csv + ": " + e.getMessage(), e);
        }
        return new StandardPopulation(name, strata, weights.stream().mapToDouble(Double::doubleValue).toArray());
    }

    private static String quote(String identifier) {
        return "\"" + identifier.replace("\"", "\"\"") + "\"";
    }
}
