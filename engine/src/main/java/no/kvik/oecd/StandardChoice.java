package no.kvik.oecd;

import java.nio.file.Path;

/**
 * The {@code --standard} choice: {@code esp2013}, {@code norway} (Norway on 1 January 2024; both shipped in
 * data/reference) or a CSV file in the documented table format ({@code file} set).
 */
public record StandardChoice(String kind, Path file) {

    /** Parses an option value. */
    public static StandardChoice parse(String value) {
        if (value == null || value.isBlank() || value.equalsIgnoreCase(StandardPopulationSources.ESP2013)) {
            return new StandardChoice(StandardPopulationSources.ESP2013, null);
        }
        if (value.equalsIgnoreCase(StandardPopulationSources.NORWAY)) {
            return new StandardChoice(StandardPopulationSources.NORWAY, null);
        }
        if (!value.toLowerCase().endsWith(".csv")) {
            throw new IllegalArgumentException("--standard: expected esp2013, norway or a .csv file, got '" + value + "'");
        }
        return new StandardChoice("file", Path.of(value));
    }

    /** The weights. */
    public StandardWeights load(Path referenceDir) {
        return switch (kind) {
            case StandardPopulationSources.ESP2013 -> StandardPopulationSources.esp2013(referenceDir);
            case StandardPopulationSources.NORWAY -> StandardPopulationSources.norway(referenceDir);
            default -> StandardPopulationSources.file(file);
        };
    }
}
