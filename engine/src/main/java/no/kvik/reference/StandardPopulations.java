package no.kvik.reference;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import no.kvik.sql.DuckDb;

/**
 * Loads standard-population tables for direct standardisation from CSV: the two shipped ones (ESP 2013 and
 * Norway's population on 1 January 2024) and any user table (stratum, weight).
 */
public final class StandardPopulations {
    /** The European Standard Population 2013 file shipped in data/reference. */
    public static final String ESP2013_FILE = "esp2013_standard_population_weights.csv";
    /** Norway's resident population on 1 January 2024 by sex and ESP 2013 age group, shipped in data/reference. */
    public static final String NORWAY_FILE = "norway_population_2024_age_sex.csv";
    /** Name of the Norway standard on results and in reports. */
    public static final String NORWAY_NAME = "NOR2024";
    /** The 21 age groups of ESP 2013 (0, 1-4, 5-9, …, 90-94, 95+), also the age groups of the Norway table. */
    public static final List<String> AGE_GROUPS = List.of("0", "1-4", "5-9", "10-14", "15-19", "20-24", "25-29",
            "30-34", "35-39", "40-44", "45-49", "50-54", "55-59", "60-64", "65-69", "70-74", "75-79", "80-84",
            "85-89", "90-94", "95+");
    /** The sex codes of the Norway table, in stratum order. */
    public static final List<String> SEXES = List.of("M", "F");

    private StandardPopulations() {
    }

    /** ESP 2013: 21 age groups (0, 1-4, …, 95+), weights per 100 000. */
    public static StandardPopulation esp2013(Path referenceDir) {
        return read(referenceDir.resolve(ESP2013_FILE), "age_group", "esp2013_weight_per_100000", "ESP2013");
    }

    /**
     * Norway on 1 January 2024 by sex and age group: 42 strata named "sex age_group" ("M 0" … "F 95+", males
     * first), weights = persons. For standardising rates that are stratified by sex and age.
     */
    public static StandardPopulation norway2024(Path referenceDir) {
        Map<String, Map<String, Double>> bySex = norway2024Table(referenceDir);
        List<String> strata = new ArrayList<>();
        double[] w = new double[SEXES.size() * AGE_GROUPS.size()];
        for (String sex : SEXES) {
            for (String age : AGE_GROUPS) {
                w[strata.size()] = bySex.get(sex).get(age);
                strata.add(sex + " " + age);
            }
        }
        return new StandardPopulation(NORWAY_NAME, strata, w);
    }

    /**
     * Norway on 1 January 2024 by age group only (both sexes added): the same 21 strata as {@link #esp2013},
     * so either can standardise the same age-stratified counts.
     */
    public static StandardPopulation norway2024BothSexes(Path referenceDir) {
        Map<String, Map<String, Double>> bySex = norway2024Table(referenceDir);
        double[] w = new double[AGE_GROUPS.size()];
        for (int i = 0; i < w.length; i++) {
            for (String sex : SEXES) w[i] += bySex.get(sex).get(AGE_GROUPS.get(i));
        }
        return new StandardPopulation(NORWAY_NAME, AGE_GROUPS, w);
    }

    /**
     * The shipped Norway table as sex → age group → persons, checked: columns sex, age_group, population; sex M
     * or F, an ESP 2013 age group, a whole number ≥ 0, every sex × age group exactly once.
     */
    public static Map<String, Map<String, Double>> norway2024Table(Path referenceDir) {
        Path csv = referenceDir.resolve(NORWAY_FILE);
        if (!Files.isRegularFile(csv)) {
            throw new IllegalArgumentException("standard population file not found: " + csv);
        }
        Map<String, Map<String, Double>> bySex = new LinkedHashMap<>();
        SEXES.forEach(s -> bySex.put(s, new LinkedHashMap<>()));
        String sql = "SELECT sex, age_group, population FROM read_csv(?, all_varchar = true, header = true)";
        try (Connection c = DuckDb.open();
             PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, csv.toString());
            try (ResultSet rs = ps.executeQuery()) {
                int row = 0;
                while (rs.next()) {
                    row++;
                    String where = "file " + csv + ", row " + row + ", field ";
                    String sex = rs.getString(1);
                    String age = rs.getString(2);
                    String raw = rs.getString(3);
                    if (!SEXES.contains(sex)) throw new IllegalArgumentException(where + "sex: '" + sex + "' is not M or F");
                    if (!AGE_GROUPS.contains(age)) {
                        throw new IllegalArgumentException(where + "age_group: '" + age + "' is not one of " + AGE_GROUPS);
                    }
                    if (raw == null || !raw.matches("[0-9]+")) {
                        throw new IllegalArgumentException(where + "population: '" + raw + "' is not a whole number >= 0");
                    }
                    if (bySex.get(sex).put(age, Double.parseDouble(raw)) != null) {
                        throw new IllegalArgumentException(where + "age_group: " + sex + " " + age + " given twice");
                    }
                }
            }
        } catch (SQLException e) {
            throw new IllegalArgumentException("file " + csv + ": " + e.getMessage(), e);
        }
        for (String sex : SEXES) {
            for (String age : AGE_GROUPS) {
                if (!bySex.get(sex).containsKey(age)) {
                    throw new IllegalArgumentException("file " + csv + ": no row for sex " + sex + ", age group " + age);
                }
            }
            bySex.put(sex, Map.copyOf(bySex.get(sex)));
        }
        return Map.copyOf(bySex);
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
        try (Connection c = DuckDb.open();
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
