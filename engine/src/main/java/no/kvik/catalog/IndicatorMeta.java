package no.kvik.catalog;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * The metadata file {@code <id>.json} of an indicator, as written (see sql/indicators/README.md).
 * {@code followUp} is null for indicators whose outcome is known on the event date. {@code sql} is null when the SQL
 * is {@code <id>.sql} beside the metadata, else the shared file it names ({@code "shared/<name>.sql"}, relative to
 * {@code sql/indicators}), which several indicators run with their own parameters.
 */
public record IndicatorMeta(
        String id,
        String version,
        String area,
        LocalizedText name,
        LocalizedText description,
        String type,
        String dimension,
        List<String> sources,
        Measure measure,
        Direction direction,
        List<Level> levels,
        Frequency frequency,
        PeriodRules periodRules,
        Suppression suppression,
        Target target,
        JsonNode riskModel,
        List<ParameterDecl> parameters,
        String basis,
        List<String> references,
        String notes,
        List<IndicatorTest> tests,
        FollowUp followUp,
        String sql,
        SharedCohort cohort) {

    public IndicatorMeta {
        sources = sources == null ? List.of() : List.copyOf(sources);
        levels = levels == null ? List.of() : List.copyOf(levels);
        parameters = parameters == null ? List.of() : List.copyOf(parameters);
        references = references == null ? List.of() : List.copyOf(references);
        tests = tests == null ? List.of() : List.copyOf(tests);
    }

    /** Metadata whose SQL is {@code <id>.sql} beside it (no shared file). */
    public IndicatorMeta(String id, String version, String area, LocalizedText name, LocalizedText description,
                         String type, String dimension, List<String> sources, Measure measure, Direction direction,
                         List<Level> levels, Frequency frequency, PeriodRules periodRules, Suppression suppression,
                         Target target, JsonNode riskModel, List<ParameterDecl> parameters, String basis,
                         List<String> references, String notes, List<IndicatorTest> tests, FollowUp followUp) {
        this(id, version, area, name, description, type, dimension, sources, measure, direction, levels, frequency,
                periodRules, suppression, target, riskModel, parameters, basis, references, notes, tests, followUp, null);
    }

    /** Metadata that declares no shared cohort. */
    public IndicatorMeta(String id, String version, String area, LocalizedText name, LocalizedText description,
                         String type, String dimension, List<String> sources, Measure measure, Direction direction,
                         List<Level> levels, Frequency frequency, PeriodRules periodRules, Suppression suppression,
                         Target target, JsonNode riskModel, List<ParameterDecl> parameters, String basis,
                         List<String> references, String notes, List<IndicatorTest> tests, FollowUp followUp, String sql) {
        this(id, version, area, name, description, type, dimension, sources, measure, direction, levels, frequency,
                periodRules, suppression, target, riskModel, parameters, basis, references, notes, tests, followUp, sql, null);
    }

    /** False for a period length shorter than {@code periodRules.finestFrequency}: yearly rows would fall into one part. */
    public boolean reportableBy(Frequency frequency) {
        Frequency finest = periodRules == null ? null : periodRules.finestFrequency();
        return finest == null || frequency.months() >= finest.months();
    }
}
