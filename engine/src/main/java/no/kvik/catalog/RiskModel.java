package no.kvik.catalog;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * An indicator's case-mix model, read from the {@code riskModel} object of its metadata:
 * <pre>
 * "riskModel": {
 *   "outcome": "not_numerator",          // the event modelled: "numerator" (default) or "not_numerator"
 *                                        // (survival indicators model death = denominator − numerator)
 *   "event": "death",                    // the modelled event's name, shown in the results' event column
 *                                        // (default: "numerator", or "not_numerator" for that outcome)
 *   "family": "logistic",                // logistic (default: a 0/1 event per case, IRLS) or linear (a mean
 *                                        // score per respondent, least squares on categorical covariates, as
 *                                        // FHI adjusts the patient-experience surveys; fitted on the run's rows)
 *   "population": "run",                 // fitted on the run's national case rows (default), or a period
 *                                        // label such as "2019-2021" (a fixed reference period)
 *   "covariates": [
 *     {"name": "cov_age_band", "type": "categorical", "reference": "70-79"},
 *     {"name": "cov_charlson", "type": "numeric"},
 *     "cov_sex"                          // shorthand: type from the column, reference = most frequent level
 *   ]
 * }
 * </pre>
 * Covariate names are output columns of the indicator's SQL.
 */
public record RiskModel(Outcome outcome, String population, List<Covariate> covariates, String event, Family family) {
    /** The model: a logistic model of a 0/1 event, or a linear model of a mean score. */
    public enum Family {
        LOGISTIC, LINEAR;

        static Family of(String code) {
            return switch (code) {
                case "logistic" -> LOGISTIC;
                case "linear" -> LINEAR;
                default -> throw new IllegalArgumentException("riskModel.family must be logistic or linear, got '" + code + "'");
            };
        }
    }

    /** A logistic model (the default family). */
    public RiskModel(Outcome outcome, String population, List<Covariate> covariates, String event) {
        this(outcome, population, covariates, event, Family.LOGISTIC);
    }

    /** Population value meaning "the national case rows of the run's own range". */
    public static final String RUN = "run";

    /** Which 0/1 quantity per case is the modelled event. */
    public enum Outcome {
        NUMERATOR, NOT_NUMERATOR;

        static Outcome of(String code) {
            return switch (code) {
                case "numerator" -> NUMERATOR;
                case "not_numerator" -> NOT_NUMERATOR;
                default -> throw new IllegalArgumentException("riskModel.outcome must be numerator or not_numerator, got '"
                        + code + "'");
            };
        }
    }

    /**
     * @param type      "categorical", "numeric", or null to decide by the column type (text/boolean: categorical)
     * @param reference reference level of a categorical covariate, or null for the most frequent level
     */
    public record Covariate(String name, String type, String reference) {
        public Covariate {
            Objects.requireNonNull(name, "name");
        }

        public boolean categorical() {
            return "categorical".equals(type);
        }
    }

    public RiskModel {
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(population, "population");
        Objects.requireNonNull(event, "event");
        Objects.requireNonNull(family, "family");
        covariates = List.copyOf(covariates);
    }

    /** True when the model is fitted on the run's own case rows rather than a fixed reference period. */
    public boolean fittedOnRun() {
        return RUN.equals(population);
    }

    /** The model of an indicator, or null when it has none (riskModel absent or null). */
    public static RiskModel of(IndicatorMeta meta) {
        return parse(meta.riskModel());
    }

    /**
     * Parses a riskModel node; null for a missing or null node. Throws IllegalArgumentException naming the
     * offending field.
     */
    public static RiskModel parse(JsonNode node) {
        if (node == null || node.isNull()) return null;
        if (!node.isObject()) throw new IllegalArgumentException("riskModel must be an object or null");
        Set<String> known = Set.of("outcome", "event", "population", "covariates", "family");
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String f = it.next();
            if (!known.contains(f)) throw new IllegalArgumentException("riskModel has unknown field '" + f + "' (allowed: "
                    + "outcome, event, population, covariates, family)");
        }
        Outcome outcome = node.has("outcome") ? Outcome.of(text(node.get("outcome"), "riskModel.outcome")) : Outcome.NUMERATOR;
        String event = node.has("event") ? text(node.get("event"), "riskModel.event")
                : outcome == Outcome.NUMERATOR ? "numerator" : "not_numerator";
        if (!event.matches("[a-z][a-z0-9_]*")) {
            throw new IllegalArgumentException("riskModel.event must be a lower_snake_case name such as death, got '" + event + "'");
        }
        Family family = node.has("family") ? Family.of(text(node.get("family"), "riskModel.family")) : Family.LOGISTIC;
        String population = node.has("population") ? text(node.get("population"), "riskModel.population") : RUN;
        if (family == Family.LINEAR && !population.equals(RUN)) {
            throw new IllegalArgumentException("riskModel.population must be \"run\" for a linear model (fitted on the run's own rows), got '"
                    + population + "'");
        }
        if (!population.equals(RUN) && !population.matches("\\d{4}(-\\d{4})?")) {
            throw new IllegalArgumentException("riskModel.population must be \"run\" or a year or range of years such as "
                    + "2019-2021, got '" + population + "'");
        }
        JsonNode covs = node.get("covariates");
        if (covs == null || !covs.isArray() || covs.isEmpty()) {
            throw new IllegalArgumentException("riskModel.covariates must be a non-empty list");
        }
        List<Covariate> out = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (int i = 0; i < covs.size(); i++) {
            JsonNode c = covs.get(i);
            String where = "riskModel.covariates[" + i + "]";
            Covariate cov;
            if (c.isTextual()) {
                cov = new Covariate(c.asText(), null, null);
            } else if (c.isObject()) {
                for (Iterator<String> it = c.fieldNames(); it.hasNext(); ) {
                    String f = it.next();
                    if (!Set.of("name", "type", "reference").contains(f)) {
                        throw new IllegalArgumentException(where + " has unknown field '" + f + "' (allowed: name, type, reference)");
                    }
                }
                if (!c.has("name")) throw new IllegalArgumentException(where + " needs a name");
                String type = c.has("type") ? text(c.get("type"), where + ".type") : null;
                if (type != null && !type.equals("categorical") && !type.equals("numeric")) {
                    throw new IllegalArgumentException(where + ".type must be categorical or numeric, got '" + type + "'");
                }
                String reference = c.has("reference") ? text(c.get("reference"), where + ".reference") : null;
                if (reference != null && "numeric".equals(type)) {
                    throw new IllegalArgumentException(where + ": a numeric covariate has no reference level");
                }
                cov = new Covariate(text(c.get("name"), where + ".name"), reference != null && type == null ? "categorical" : type,
                        reference);
            } else {
                throw new IllegalArgumentException(where + " must be a column name or an object {name, type, reference}");
            }
            if (!cov.name().matches("[a-z][a-z0-9_]*")) {
                throw new IllegalArgumentException(where + ".name must be an output column name (lower_snake_case), got '"
                        + cov.name() + "'");
            }
            if (!names.add(cov.name())) throw new IllegalArgumentException(where + ": covariate '" + cov.name() + "' listed twice");
            out.add(cov);
        }
        return new RiskModel(outcome, population, out, event, family);
    }

    private static String text(JsonNode n, String where) {
        if (n == null || !n.isTextual()) throw new IllegalArgumentException(where + " must be a string");
        return n.asText();
    }
}
