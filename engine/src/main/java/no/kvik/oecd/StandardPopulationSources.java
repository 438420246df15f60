package no.kvik.oecd;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import no.kvik.reference.StandardPopulation;
import no.kvik.reference.StandardPopulations;
import no.kvik.sql.DuckDb;

/**
 * The standard populations {@code kvik oecd --standard} offers: ESP 2013, Norway's population on 1 January
 * 2024 (both shipped in data/reference), or a user table. The OECD 2010 standard population is not shipped: its weights were not found in public
 * reach; a copy loads through {@link #file} (columns age_group, sex, weight).
 */
public final class StandardPopulationSources {
    public static final String ESP2013 = "esp2013";
    public static final String NORWAY = "norway";
    /** ESP 2013 groups that make up the OECD top group 85+. */
    static final List<String> ESP_85_PLUS = List.of("85-89", "90-94", "95+");

    private StandardPopulationSources() {
    }

    /**
     * ESP 2013 (data/reference): the unisex weights of 45-49 … 80-84, and 85-89 + 90-94 + 95+ for 85+, the same
     * for men and women (ESP 2013 has no sex split).
     */
    public static StandardWeights esp2013(Path referenceDir) {
        StandardPopulation esp = StandardPopulations.esp2013(referenceDir);
        double[] w = esp.weights();
        Map<String, Double> byGroup = new HashMap<>();
        for (int i = 0; i < w.length; i++) byGroup.put(esp.strata().get(i), w[i]);
        Map<String, Double> oecd = oecdGroups(byGroup, referenceDir.resolve(StandardPopulations.ESP2013_FILE));
        return new StandardWeights("ESP2013", "European Standard Population 2013 (Eurostat), weights per 100 000 of "
                + "45-49 … 80-84 and 85+ = 85-89 + 90-94 + 95+, the same for both sexes; NOT the OECD 2010 standard "
                + "population", Map.of(Strata.MALE, oecd, Strata.FEMALE, oecd));
    }

    /**
     * Norway's resident population on 1 January 2024 (data/reference, Statistics Norway figures): persons of each
     * sex in 45-49 … 80-84, and 85-89 + 90-94 + 95+ for 85+.
     */
    public static StandardWeights norway(Path referenceDir) {
        Map<String, Map<String, Double>> table = StandardPopulations.norway2024Table(referenceDir);
        Path file = referenceDir.resolve(StandardPopulations.NORWAY_FILE);
        Map<String, Map<String, Double>> w = new LinkedHashMap<>();
        for (String sex : Strata.SEXES) w.put(sex, oecdGroups(table.get(sex), file));
        return new StandardWeights(StandardPopulations.NORWAY_NAME, "Norway's resident population on 1 January 2024 "
                + "(Statistics Norway, via the Human Mortality Database; " + StandardPopulations.NORWAY_FILE
                + "), persons of each sex in 45-49 … 80-84 and 85+ = 85-89 + 90-94 + 95+; NOT the OECD 2010 "
                + "standard population", w);
    }

    /** The OECD groups from ESP 2013 age groups: 45-49 … 80-84 as they are, 85+ = 85-89 + 90-94 + 95+. */
    private static Map<String, Double> oecdGroups(Map<String, Double> byGroup, Path file) {
        Map<String, Double> oecd = new LinkedHashMap<>();
        for (String age : Strata.AGE_GROUPS) {
            if (age.equals("85+")) {
                oecd.put(age, ESP_85_PLUS.stream().mapToDouble(g -> required(byGroup, g, file)).sum());
            } else {
                oecd.put(age, required(byGroup, age, file));
            }
        }
        return oecd;
    }

    private static double required(Map<String, Double> byGroup, String group, Path file) {
        Double w = byGroup.get(group);
        if (w == null) throw new IllegalArgumentException("file " + file + ": no row for age group " + group);
        return w;
    }

    /**
     * A user table: CSV with a header and columns {@code age_group} (45-49 … 80-84, 85+) and {@code weight},
     * and optionally {@code sex} (M or F; without it each weight applies to both sexes). Every stratum exactly
     * once. The standard's id is the file name without extension.
     */
    public static StandardWeights file(Path csv) {
        if (!Files.isRegularFile(csv)) throw new IllegalArgumentException("standard population file not found: " + csv);
        String name = csv.getFileName().toString().replaceFirst("\\.[^.]*$", "");
        Map<String, Map<String, Double>> w = new LinkedHashMap<>();
        Strata.SEXES.forEach(s -> w.put(s, new LinkedHashMap<>()));
        try (Connection c = DuckDb.open();
             PreparedStatement ps = c.prepareStatement("SELECT * FROM read_csv(?, all_varchar = true, header = true)")) {
            ps.setString(1, csv.toString());
            try (ResultSet rs = ps.executeQuery()) {
                ResultSetMetaData md = rs.getMetaData();
                List<String> columns = new ArrayList<>();
                for (int i = 1; i <= md.getColumnCount(); i++) columns.add(md.getColumnName(i));
                for (String need : List.of("age_group", "weight")) {
                    if (!columns.contains(need)) {
                        throw new IllegalArgumentException("file " + csv + ": no column '" + need + "' (columns: "
                                + columns + "; expected age_group, weight and optionally sex)");
                    }
                }
                boolean hasSex = columns.contains("sex");
                int line = 1;
                while (rs.next()) {
                    line++;
                    String where = "file " + csv + ", line " + line + ", field ";
                    String age = trim(rs.getString("age_group"));
                    if (!Strata.AGE_GROUPS.contains(age)) {
                        throw new IllegalArgumentException(where + "age_group: '" + age + "' is not one of "
                                + Strata.AGE_GROUPS);
                    }
                    List<String> sexes = Strata.SEXES;
                    if (hasSex) {
                        String sex = trim(rs.getString("sex"));
                        if (!Strata.SEXES.contains(sex)) {
                            throw new IllegalArgumentException(where + "sex: '" + sex + "' is not M or F");
                        }
                        sexes = List.of(sex);
                    }
                    double weight;
                    String raw = trim(rs.getString("weight"));
                    try {
                        weight = Double.parseDouble(raw);
                    } catch (NumberFormatException | NullPointerException e) {
                        throw new IllegalArgumentException(where + "weight: '" + raw + "' is not a number");
                    }
                    if (!(weight >= 0) || Double.isInfinite(weight)) {
                        throw new IllegalArgumentException(where + "weight: " + raw + " is not a finite number >= 0");
                    }
                    for (String sex : sexes) {
                        if (w.get(sex).put(age, weight) != null) {
                            throw new IllegalArgumentException(where + "age_group: " + age + " (sex " + sex
                                    + ") given twice");
                        }
                    }
                }
            }
        } catch (SQLException e) {
            throw new IllegalArgumentException("file " + csv + ": " + e.getMessage(), e);
        }
        for (String sex : Strata.SEXES) {
            for (String age : Strata.AGE_GROUPS) {
                if (!w.get(sex).containsKey(age)) {
                    throw new IllegalArgumentException("file " + csv + ": no weight for sex " + sex + ", age group " + age);
                }
            }
        }
        return new StandardWeights(name, "user table " + csv.toAbsolutePath().normalize(), w);
    }

    private static String trim(String s) {
        return s == null ? null : s.strip();
    }
}
