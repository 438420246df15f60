package no.kvik.release;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import no.kvik.catalog.Level;

/**
 * What the export solution downloads from a released edition: indicators × levels × units × periods, each a sorted,
 * de-duplicated set of values (empty: all of that dimension), and the language of the workbook's labels.
 *
 * <p>Query form: {@code indicators=a,b&levels=hf&units=1,2&periods=2023&lang=en}. A parameter may be repeated
 * (its lists are joined) and an empty one means all, like a left-out one. Its canonical form (fixed parameter order,
 * values sorted and de-duplicated, all-dimensions left out) is the permanent link's query: every way of writing the
 * same selection has one link.
 *
 * @param units unit codes ({@code unit_id}), matched at every selected level
 * @param lang  {@code no} or {@code en}: labels and indicator names on the workbook's selection sheet
 */
public record ExportSelection(Set<String> indicators, Set<String> levels, Set<String> units, Set<String> periods,
                              String lang) {
    /** Query parameters, in the canonical order. */
    static final List<String> PARAMETERS = List.of("indicators", "levels", "units", "periods", "lang");
    static final List<String> LANGUAGES = List.of("no", "en");
    static final String DEFAULT_LANG = "no";

    public ExportSelection {
        indicators = sorted(indicators);
        levels = sorted(levels);
        units = sorted(units);
        periods = sorted(periods);
        if (!LANGUAGES.contains(lang)) throw new Invalid("lang", "unknown language '" + lang + "' (expected no or en)");
    }

    private static Set<String> sorted(Set<String> values) {
        return java.util.Collections.unmodifiableSortedSet(new TreeSet<>(values));
    }

    /** A selection that cannot be served: names the parameter and the value at fault. */
    public static final class Invalid extends IllegalArgumentException {
        private final String parameter;

        Invalid(String parameter, String message) {
            super(message);
            this.parameter = parameter;
        }

        public String parameter() {
            return parameter;
        }
    }

    /** The values each dimension can take in one released edition. */
    public record Universe(Set<String> indicators, Set<String> units, Set<String> periods) {
    }

    /** Parses a raw (URL-encoded) query string; null or empty selects everything. */
    public static ExportSelection parse(String rawQuery) {
        Map<String, Set<String>> values = new LinkedHashMap<>();
        for (String p : PARAMETERS) values.put(p, new TreeSet<>());
        String lang = null;
        if (rawQuery != null && !rawQuery.isEmpty()) {
            for (String pair : rawQuery.split("&")) {
                if (pair.isEmpty()) continue;
                int eq = pair.indexOf('=');
                String name = decode(eq < 0 ? pair : pair.substring(0, eq), null);
                String value = eq < 0 ? "" : decode(pair.substring(eq + 1), name);
                if (!values.containsKey(name)) {
                    throw new Invalid(name, "unknown query parameter '" + name + "' (expected "
                            + String.join(", ", PARAMETERS) + ")");
                }
                if (name.equals("lang")) {
                    if (lang != null && !lang.equals(value)) throw new Invalid("lang", "lang given twice ('" + lang + "' and '" + value + "')");
                    lang = value;
                    continue;
                }
                for (String v : value.split(",")) {
                    if (!v.isBlank()) values.get(name).add(v.strip());
                }
            }
        }
        return new ExportSelection(values.get("indicators"), values.get("levels"), values.get("units"),
                values.get("periods"), lang == null || lang.isEmpty() ? DEFAULT_LANG : lang);
    }

    /** A URL-decoded name (parameter null) or value of {@code parameter}. */
    private static String decode(String s, String parameter) {
        try {
            return URLDecoder.decode(s, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            if (parameter == null) throw new Invalid(s, "malformed query parameter name '" + s + "' (bad %-escape)");
            throw new Invalid(parameter, parameter + ": malformed value '" + s + "' (bad %-escape)");
        }
    }

    /**
     * Checks every value against the edition: an indicator, unit code or period the release does not have, or a
     * level kvik does not know, is an error naming the parameter and the value. A known level without rows in the
     * release selects nothing (an empty download), as does a valid combination without rows.
     */
    public ExportSelection validate(Universe universe) {
        unknown("indicators", "indicator", indicators, universe.indicators());
        for (String level : levels) {
            if (Level.find(level).isEmpty()) {
                List<String> known = new ArrayList<>();
                for (Level l : Level.values()) known.add(l.code());
                throw new Invalid("levels", "levels: unknown level '" + level + "' (expected one of "
                        + String.join(", ", known) + ")");
            }
        }
        unknown("units", "unit code", units, universe.units());
        unknown("periods", "period", periods, universe.periods());
        return this;
    }

    private static void unknown(String parameter, String what, Set<String> asked, Set<String> known) {
        for (String v : asked) {
            if (!known.contains(v)) throw new Invalid(parameter, parameter + ": unknown " + what + " '" + v + "' (not in this release)");
        }
    }

    /** Whether a released row is in the selection. */
    public boolean includes(String indicatorId, String level, String unitId, String periodLabel) {
        return (indicators.isEmpty() || indicators.contains(indicatorId)) && (levels.isEmpty() || levels.contains(level))
                && (units.isEmpty() || units.contains(unitId)) && (periods.isEmpty() || periods.contains(periodLabel));
    }

    /**
     * The canonical query string: parameters in {@link #PARAMETERS} order, values sorted and comma-joined (commas
     * kept literal, everything else URL-encoded), dimensions that select everything left out; {@code lang} only when
     * {@code withLang} (the CSV has no labels, so its link leaves it out) and not the default.
     */
    public String canonicalQuery(boolean withLang) {
        List<String> parts = new ArrayList<>();
        add(parts, "indicators", indicators);
        add(parts, "levels", levels);
        add(parts, "units", units);
        add(parts, "periods", periods);
        if (withLang && !lang.equals(DEFAULT_LANG)) parts.add("lang=" + lang);
        return String.join("&", parts);
    }

    private static void add(List<String> parts, String name, Set<String> values) {
        if (values.isEmpty()) return;
        List<String> encoded = new ArrayList<>();
        for (String v : values) encoded.add(URLEncoder.encode(v, StandardCharsets.UTF_8));
        parts.add(name + "=" + String.join(",", encoded));
    }

    /** How a dimension reads on the selection sheet: its values, or "all" in the selection's language. */
    String shown(Set<String> values) {
        return values.isEmpty() ? (lang.equals("en") ? "all" : "alle") : String.join(", ", values);
    }
}
