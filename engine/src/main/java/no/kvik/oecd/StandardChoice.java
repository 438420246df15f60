package no.kvik.oecd;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;

/**
 * The {@code --standard} choice: {@code esp2013}, {@code norway} (the store's population of
 * {@code populationYear}) or a CSV file in the documented table format.
 */
public record StandardChoice(String kind, Path file, Integer populationYear) {

    /** Parses an option value; {@code populationYear} is used by {@code norway} only. */
    public static StandardChoice parse(String value, int populationYear) {
        if (value == null || value.isBlank() || value.equalsIgnoreCase(StandardPopulationSources.ESP2013)) {
            return new StandardChoice(StandardPopulationSources.ESP2013, null, null);
        }
        if (value.equalsIgnoreCase(StandardPopulationSources.NORWAY)) {
            return new StandardChoice(StandardPopulationSources.NORWAY, null, populationYear);
        }
        if (!value.toLowerCase().endsWith(".csv")) {
            throw new IllegalArgumentException("--standard: expected esp2013, norway or a .csv file, got '" + value + "'");
        }
        return new StandardChoice("file", Path.of(value), null);
    }

    /** The weights; the population year must be covered (see {@link OecdData#coverage}). */
    public StandardWeights load(Connection store, Path referenceDir) throws SQLException {
        return switch (kind) {
            case StandardPopulationSources.ESP2013 -> StandardPopulationSources.esp2013(referenceDir);
            case StandardPopulationSources.NORWAY -> StandardPopulationSources.norway(store, populationYear);
            default -> StandardPopulationSources.file(file);
        };
    }
}
