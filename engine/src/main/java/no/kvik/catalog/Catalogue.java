package no.kvik.catalog;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import no.kvik.contract.Contract;
import no.kvik.contract.Contracts;
import no.kvik.contract.IngestViews;
import no.kvik.sql.SqlTemplate;

/**
 * The indicator catalogue: every {@code sql/indicators/<area>/<id>.json} with its {@code <id>.sql} or the file of
 * {@code sql/indicators/shared/} its {@code "sql"} names, loaded and validated at start-up. All problems are collected and reported together, each naming its file.
 */
public final class Catalogue {
    public static final List<String> AREAS = List.of("somatic", "mental", "municipal", "dental", "emergency", "medicines",
            "data_quality");
    public static final List<String> TYPES = List.of("structure", "process", "outcome");
    public static final List<String> DIMENSIONS = List.of("effective", "safe", "user_centred", "coordinated",
            "resource_efficient", "accessible_equitable");
    public static final List<String> BASES = List.of("found", "inferred");
    /** The folder of {@code sql/indicators} holding SQL files that several indicators share (named by their "sql"). */
    public static final String SHARED_FOLDER = "shared";

    static final ObjectMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .build();

    private final Map<String, Indicator> byId;

    private Catalogue(Map<String, Indicator> byId) {
        this.byId = byId;
    }

    /**
     * Loads every indicator under {@code indicatorsDir} (one folder per area). Given tables in tests are
     * checked against {@code contracts}. Throws {@link CatalogueException} listing every problem.
     */
    public static Catalogue load(Path indicatorsDir, Contracts contracts) {
        if (!Files.isDirectory(indicatorsDir)) {
            throw new CatalogueException(List.of("indicator folder not found: " + indicatorsDir.toAbsolutePath()));
        }
        List<String> problems = new ArrayList<>();
        Map<String, Indicator> byId = new LinkedHashMap<>();
        Set<Path> sharedFiles = new java.util.TreeSet<>(sharedSqlFiles(indicatorsDir, problems));
        for (Path json : metadataFiles(indicatorsDir, problems)) {
            List<String> fileProblems = new ArrayList<>();
            Indicator indicator = read(json, indicatorsDir, contracts, fileProblems);
            fileProblems.forEach(p -> problems.add(json + ": " + p));
            if (indicator == null || !fileProblems.isEmpty()) continue;
            Indicator previous = byId.put(indicator.id(), indicator);
            if (previous != null) {
                problems.add(json + ": duplicate indicator id '" + indicator.id() + "' (also " + previous.metaFile() + ")");
            }
        }
        for (Path shared : sharedFiles) {
            List<String> users = byId.values().stream().filter(i -> i.sqlFile().equals(shared)).map(Indicator::id).toList();
            // an indicator whose metadata failed to load may be the user: only then is "unused" not yet known
            if (users.isEmpty() && problems.isEmpty()) {
                problems.add(shared + ": shared SQL file that no indicator names in its \"sql\"");
            }
        }
        if (!problems.isEmpty()) throw new CatalogueException(problems);
        return new Catalogue(byId);
    }

    /**
     * Loads only the indicators {@code ids} (each {@code <area>/<id>.json} with its SQL, validated as {@link #load}
     * does), for a command that runs a few of them: reading and checking all 211 files took 0.3-0.6 CPU s of every
     * {@code kvik run --indicator}. The rest of the catalogue is not read, so a broken file elsewhere does not stop
     * this run ({@code kvik test} and {@code kvik catalogue} still load and check every file). An id that names no
     * file, or names files in two areas, fails as in {@link #load} (the whole catalogue is then loaded to say so).
     */
    public static Catalogue loadOnly(Path indicatorsDir, Contracts contracts, Collection<String> ids) {
        Map<String, Indicator> byId = new LinkedHashMap<>();
        List<String> problems = new ArrayList<>();
        for (String id : new LinkedHashSet<>(ids)) {
            List<Path> files = !id.matches("[a-z][a-z0-9_]*") ? List.of() : AREAS.stream()
                    .map(area -> indicatorsDir.resolve(area).resolve(id + ".json")).filter(Files::isRegularFile).toList();
            if (files.size() != 1) return load(indicatorsDir, contracts).selected(ids);
            List<String> fileProblems = new ArrayList<>();
            Indicator indicator = read(files.get(0), indicatorsDir, contracts, fileProblems);
            fileProblems.forEach(p -> problems.add(files.get(0) + ": " + p));
            if (indicator != null && fileProblems.isEmpty()) byId.put(id, indicator);
        }
        if (!problems.isEmpty()) throw new CatalogueException(problems);
        return new Catalogue(byId);
    }

    /** The catalogue of {@code ids} only (each as {@link #get}). */
    private Catalogue selected(Collection<String> ids) {
        Map<String, Indicator> chosen = new LinkedHashMap<>();
        for (String id : ids) chosen.put(id, get(id));
        return new Catalogue(chosen);
    }

    /** Indicators sorted by area (in {@link #AREAS} order), then id. */
    public List<Indicator> all() {
        return byId.values().stream()
                .sorted(java.util.Comparator.comparing((Indicator i) -> AREAS.indexOf(i.meta().area()))
                        .thenComparing(Indicator::id))
                .toList();
    }

    public Optional<Indicator> find(String id) {
        return Optional.ofNullable(byId.get(id));
    }

    /**
     * The indicator with this id; if there is none, IllegalArgumentException naming the closest known ids
     * ({@link ClosestIds}) and how to list them all: the one place that resolves an id given by a user.
     */
    public Indicator get(String id) {
        return find(id).orElseThrow(() -> {
            List<String> closest = ClosestIds.closest(id, byId.keySet(), ClosestIds.SHOWN);
            return new IllegalArgumentException("unknown indicator '" + id + "'; "
                    + (closest.isEmpty() ? "none is close" : "closest: " + String.join(", ", closest))
                    + " (`kvik catalogue` lists all " + byId.size() + ")");
        });
    }

    public Collection<String> ids() {
        return byId.keySet();
    }

    /** The SQL files of the shared folder (absolute, normalised); a missing folder has none. */
    private static List<Path> sharedSqlFiles(Path indicatorsDir, List<String> problems) {
        Path shared = indicatorsDir.resolve(SHARED_FOLDER);
        if (!Files.isDirectory(shared)) return List.of();
        try (Stream<Path> s = Files.list(shared)) {
            List<Path> files = new ArrayList<>();
            for (Path p : s.sorted().toList()) {
                if (p.getFileName().toString().endsWith(".sql")) files.add(p.toAbsolutePath().normalize());
                else if (!p.getFileName().toString().endsWith(".md")) {
                    problems.add(p + ": unexpected file in " + SHARED_FOLDER + "/ (expected shared <name>.sql files)");
                }
            }
            return files;
        } catch (IOException e) {
            problems.add("cannot list " + shared + ": " + e.getMessage());
            return List.of();
        }
    }

    private static List<Path> metadataFiles(Path dir, List<String> problems) {
        List<Path> files = new ArrayList<>();
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.filter(Files::isRegularFile).sorted().toList()) {
                String name = p.getFileName().toString();
                Path rel = dir.relativize(p);
                boolean topLevel = rel.getNameCount() == 1;
                if (topLevel) continue; // README.md, CATALOGUE.md, catalogue.csv
                if (rel.getName(0).toString().equals(SHARED_FOLDER)) continue; // read by sharedSqlFiles
                if (name.endsWith(".json")) {
                    files.add(p);
                } else if (name.endsWith(".sql")) {
                    Path meta = p.resolveSibling(name.replaceFirst("\\.sql$", ".json"));
                    if (!Files.exists(meta)) problems.add(p + ": SQL file without metadata " + meta.getFileName());
                } else if (!name.endsWith(".md")) {
                    problems.add(p + ": unexpected file (expected <id>.sql and <id>.json)");
                }
            }
        } catch (IOException e) {
            problems.add("cannot list " + dir + ": " + e.getMessage());
        }
        return files;
    }

    static Indicator read(Path json, Path indicatorsDir, Contracts contracts, List<String> problems) {
        IndicatorMeta meta;
        try {
            meta = JSON.readValue(json.toFile(), IndicatorMeta.class);
        } catch (IOException e) {
            problems.add("not a valid indicator metadata file: " + e.getMessage().replaceAll("\\s+", " "));
            return null;
        }
        String base = json.getFileName().toString().replaceFirst("\\.json$", "");
        String folder = json.getParent().getFileName().toString();
        validateMeta(meta, base, folder, problems);

        Path ownSqlFile = json.resolveSibling(base + ".sql");
        Path sqlFile = meta.sql() == null ? ownSqlFile : sharedSqlFile(meta.sql(), indicatorsDir, problems);
        if (meta.sql() != null && Files.exists(ownSqlFile)) {
            problems.add("\"sql\" names the shared " + meta.sql() + " but " + ownSqlFile.getFileName()
                    + " exists too: keep one");
        }
        SqlTemplate sql = null;
        if (sqlFile == null) {
            // the problem is recorded
        } else if (!Files.exists(sqlFile)) {
            problems.add("missing SQL file " + (meta.sql() == null ? sqlFile.getFileName() : sqlFile));
        } else {
            try {
                sql = SqlTemplate.parse(Files.readString(sqlFile, StandardCharsets.UTF_8));
            } catch (IOException e) {
                problems.add("cannot read " + sqlFile + ": " + e.getMessage());
            } catch (IllegalArgumentException e) {
                problems.add(sqlFile.getFileName() + ": " + e.getMessage());
            }
        }
        if (sql != null) validateParameters(meta, sql, sqlFile, problems);
        if (!problems.isEmpty()) return null;
        Indicator indicator = new Indicator(meta, sql, sqlFile, json);
        validateTests(indicator, contracts, problems);
        return indicator;
    }

    /**
     * The file a "sql" reference names: {@code shared/<name>.sql} relative to {@code indicatorsDir}, absolute and
     * normalised (so indicators naming one file compare equal); null with a problem recorded when it is not that.
     */
    private static Path sharedSqlFile(String reference, Path indicatorsDir, List<String> problems) {
        if (!reference.matches(SHARED_FOLDER + "/[a-z][a-z0-9_]*\\.sql")) {
            problems.add("\"sql\" must name a shared file as " + SHARED_FOLDER + "/<lower_snake_case>.sql, got '"
                    + reference + "'");
            return null;
        }
        return indicatorsDir.resolve(reference).toAbsolutePath().normalize();
    }

    /** followUp: exactly one of days (>= 1) and parameter (a declared INTEGER parameter with a default >= 1). */
    static void validateFollowUp(IndicatorMeta m, List<String> problems) {
        FollowUp f = m.followUp();
        if (f == null) return;
        if ((f.days() == null) == (f.parameter() == null)) {
            problems.add("followUp needs exactly one of 'days' (a number of days) and 'parameter' (the INTEGER parameter "
                    + "holding it)");
            return;
        }
        if (f.days() != null && f.days() < 1) problems.add("followUp.days must be >= 1, got " + f.days());
        if (f.parameter() != null) {
            ParameterDecl p = m.parameters().stream().filter(d -> d.name().equals(f.parameter())).findFirst().orElse(null);
            if (p == null) {
                problems.add("followUp.parameter '" + f.parameter() + "' is not a declared parameter (declared: "
                        + m.parameters().stream().map(ParameterDecl::name).toList() + ")");
            } else if (p.type() != no.kvik.sql.ParameterType.INTEGER) {
                problems.add("followUp.parameter '" + f.parameter() + "' must be an INTEGER parameter (days), not " + p.type());
            } else if (!(p.type().convert(p.defaultValue()) instanceof Number n) || n.intValue() < 1) {
                problems.add("followUp.parameter '" + f.parameter() + "' needs a default of at least 1 day");
            }
        }
    }

    /** cohort: a lower_snake_case macro name and at least one argument, each a declared parameter or the period's. */
    static void validateCohort(IndicatorMeta m, List<String> problems) {
        SharedCohort c = m.cohort();
        if (c == null) return;
        if (c.macro() == null || !c.macro().matches("[a-z][a-z0-9_]*")) {
            problems.add("cohort.macro must be the lower_snake_case name of a table macro, got '" + c.macro() + "'");
        }
        if (c.parameters().isEmpty()) problems.add("cohort.parameters must name the macro's arguments");
        List<String> declared = new ArrayList<>(m.parameters().stream().map(ParameterDecl::name).toList());
        declared.add(Indicator.PERIOD_START);
        declared.add(Indicator.PERIOD_END);
        for (String p : c.parameters()) {
            if (!declared.contains(p)) {
                problems.add("cohort.parameters names '" + p + "', which is not a declared parameter (declared: " + declared + ")");
            }
        }
    }

    static void validateMeta(IndicatorMeta m, String base, String folder, List<String> problems) {
        validateIdentity(m, base, folder, problems);
        if (m.sources().isEmpty()) problems.add("sources must name at least one registry");
        validateMeasure(m.measure(), problems);
        if (m.direction() == null) problems.add("direction is required");
        if (m.levels().isEmpty()) problems.add("levels must list at least one reporting level");
        if (new HashSet<>(m.levels()).size() != m.levels().size()) problems.add("levels has duplicates: " + m.levels());
        if (m.frequency() == null) problems.add("frequency is required (tertial, half_year or year)");
        validateSuppression(m.suppression(), problems);
        validateTarget(m.target(), m.direction(), problems);
        validateFollowUp(m, problems);
        validateCohort(m, problems);
        if (m.periodRules() != null) validatePeriodRules(m.periodRules(), m.frequency(), problems);
        validateRiskModel(m, problems);
        if (!BASES.contains(m.basis())) problems.add("basis must be found or inferred, got '" + m.basis() + "'");
        validateParameterDecls(m.parameters(), problems);
    }

    /** id (the file name), version, area (the folder), bilingual name and description, type and dimension. */
    private static void validateIdentity(IndicatorMeta m, String base, String folder, List<String> problems) {
        if (m.id() == null || !m.id().matches("[a-z][a-z0-9_]*")) {
            problems.add("id must be lower_snake_case, got '" + m.id() + "'");
        } else if (!m.id().equals(base)) {
            problems.add("id '" + m.id() + "' must equal the file name '" + base + "'");
        }
        if (m.version() == null || !m.version().matches("\\d+\\.\\d+\\.\\d+")) {
            problems.add("version must look like 1.0.0, got '" + m.version() + "'");
        }
        if (!AREAS.contains(m.area())) {
            problems.add("area must be one of " + AREAS + ", got '" + m.area() + "'");
        } else if (!m.area().equals(folder)) {
            problems.add("area '" + m.area() + "' but the file is in folder '" + folder + "'");
        }
        if (m.name() == null || blank(m.name().no()) || blank(m.name().en())) {
            problems.add("name needs both 'no' and 'en'");
        }
        if (m.description() == null || blank(m.description().no()) || blank(m.description().en())) {
            problems.add("description needs both 'no' and 'en'");
        }
        if (!TYPES.contains(m.type())) problems.add("type must be one of " + TYPES + ", got '" + m.type() + "'");
        if (!DIMENSIONS.contains(m.dimension())) {
            problems.add("dimension must be one of " + DIMENSIONS + ", got '" + m.dimension() + "'");
        }
    }

    /** Pooling and finest-frequency rules, against the frequency the indicator is reported by. */
    private static void validatePeriodRules(PeriodRules r, Frequency frequency, List<String> problems) {
        if (r.poolYears() != null && r.poolYears() < 1) problems.add("periodRules.poolYears must be >= 1");
        if ((r.smallUnitPoolYears() == null) != (r.smallUnitBelowDenominator() == null)) {
            problems.add("periodRules.smallUnitPoolYears and smallUnitBelowDenominator go together: give both or neither");
        }
        if (r.smallUnitPoolYears() != null && r.smallUnitPoolYears() < 2) {
            problems.add("periodRules.smallUnitPoolYears must be >= 2 (the years a small unit's figures pool)");
        }
        if (r.smallUnitBelowDenominator() != null && r.smallUnitBelowDenominator() < 1) {
            problems.add("periodRules.smallUnitBelowDenominator must be >= 1");
        }
        if (r.finestFrequency() != null && frequency != null
                && r.finestFrequency().months() > frequency.months()) {
            problems.add("periodRules.finestFrequency '" + r.finestFrequency().code() + "' is longer than the frequency '"
                    + frequency.code() + "' the indicator is reported by");
        }
        if (r.smallUnitPoolYears() != null && frequency != null && frequency != Frequency.YEAR) {
            problems.add("periodRules.smallUnitPoolYears needs frequency 'year' (a unit is small by its yearly denominator)");
        }
    }

    /** A risk model that parses: a logistic one only on a proportion, a linear one only on a mean. */
    private static void validateRiskModel(IndicatorMeta m, List<String> problems) {
        try {
            RiskModel model = RiskModel.parse(m.riskModel());
            boolean linear = model != null && model.family() == RiskModel.Family.LINEAR;
            if (linear && m.measure() != null && m.measure().kind() != MeasureKind.MEAN) {
                problems.add("a linear riskModel adjusts a mean score, but measure.kind is " + m.measure().kind().code());
            }
            if (model != null && !linear && m.measure() != null && m.measure().kind() != MeasureKind.PROPORTION) {
                problems.add("riskModel applies to proportions (0/1 case outcomes), but measure.kind is " + m.measure().kind().code());
            }
        } catch (IllegalArgumentException e) {
            problems.add(e.getMessage());
        }
    }

    /** Declared parameters: lower_snake_case, not the implicit period bounds, once each, typed, a default of that type. */
    private static void validateParameterDecls(List<ParameterDecl> parameters, List<String> problems) {
        Set<String> names = new HashSet<>();
        for (ParameterDecl p : parameters) {
            if (p.name() == null || !p.name().matches("[a-z][a-z0-9_]*")) {
                problems.add("parameter name must be lower_snake_case, got '" + p.name() + "'");
                continue;
            }
            if (p.name().equals(Indicator.PERIOD_START) || p.name().equals(Indicator.PERIOD_END)) {
                problems.add("parameter '" + p.name() + "' is implicit: do not declare it");
            }
            if (!names.add(p.name())) problems.add("parameter '" + p.name() + "' declared twice");
            if (p.type() == null) {
                problems.add("parameter '" + p.name() + "' needs a type");
            } else if (p.defaultValue() == null) {
                problems.add("parameter '" + p.name() + "' needs a default");
            } else {
                try {
                    p.type().convert(p.defaultValue());
                } catch (IllegalArgumentException | ArithmeticException e) {
                    problems.add("parameter '" + p.name() + "' default: " + e.getMessage());
                }
            }
        }
    }

    private static void validateMeasure(Measure measure, List<String> problems) {
        if (measure == null || measure.kind() == null) {
            problems.add("measure.kind is required");
            return;
        }
        switch (measure.kind()) {
            case RATE -> {
                if (measure.per() == null || measure.per() <= 0) problems.add("a rate needs measure.per > 0 (e.g. 1000)");
            }
            case PERCENTILE -> {
                if (measure.p() == null || measure.p() <= 0 || measure.p() >= 1) {
                    problems.add("a percentile needs 0 < measure.p < 1");
                }
            }
            default -> {
            }
        }
        if (measure.per() != null && measure.kind() != MeasureKind.RATE && measure.kind() != MeasureKind.RATIO) {
            problems.add("measure.per applies only to rate and ratio");
        }
        if (measure.per() != null && measure.per() <= 0) problems.add("measure.per must be > 0");
        if (measure.p() != null && measure.kind() != MeasureKind.PERCENTILE) {
            problems.add("measure.p applies only to percentile");
        }
    }

    private static void validateSuppression(Suppression s, List<String> problems) {
        if (s == null) {
            problems.add("suppression is required (e.g. {\"minDenominator\": 5, \"hideNumeratorBetween\": [1, 4]})");
            return;
        }
        if (s.minDenominator() == null || s.minDenominator() < 1) problems.add("suppression.minDenominator must be >= 1");
        List<Integer> h = s.hideNumeratorBetween();
        if (h != null && (h.size() != 2 || h.get(0) > h.get(1) || h.get(0) < 0)) {
            problems.add("suppression.hideNumeratorBetween must be [low, high] with 0 <= low <= high, got " + h);
        }
    }

    private static void validateTarget(Target t, Direction direction, List<String> problems) {
        if (t == null) return;
        if (t.value() == null && t.high() == null && t.medium() == null) {
            problems.add("target needs value and/or high and medium");
        }
        if ((t.high() == null) != (t.medium() == null)) problems.add("target.high and target.medium go together");
        if (t.high() != null && t.medium() != null && direction != null) {
            boolean ordered = direction == Direction.HIGHER_IS_BETTER ? t.high() >= t.medium() : t.high() <= t.medium();
            if (!ordered) {
                problems.add("target bands are out of order for " + direction.code() + ": high=" + t.high()
                        + ", medium=" + t.medium());
            }
        }
    }

    private static void validateParameters(IndicatorMeta m, SqlTemplate sql, Path sqlFile, List<String> problems) {
        Set<String> used = sql.parameterNames();
        Set<String> declared = new LinkedHashSet<>();
        m.parameters().forEach(p -> declared.add(p.name()));
        for (String implicit : List.of(Indicator.PERIOD_START, Indicator.PERIOD_END)) {
            if (!used.contains(implicit)) {
                problems.add(sqlFile.getFileName() + " must use $" + implicit + " to restrict cases to the period");
            }
        }
        for (String name : used) {
            if (!declared.contains(name) && !name.equals(Indicator.PERIOD_START) && !name.equals(Indicator.PERIOD_END)) {
                problems.add(sqlFile.getFileName() + " uses $" + name + " but the metadata does not declare it");
            }
        }
        for (String name : declared) {
            if (!used.contains(name)) {
                problems.add("parameter '" + name + "' is declared but " + sqlFile.getFileName() + " does not use it");
            }
        }
    }

    private static void validateTests(Indicator indicator, Contracts contracts, List<String> problems) {
        Set<String> testNames = new HashSet<>();
        for (int t = 0; t < indicator.meta().tests().size(); t++) {
            IndicatorTest test = indicator.meta().tests().get(t);
            String where = "tests[" + t + "]" + (test.name() == null ? "" : " '" + test.name() + "'");
            if (blank(test.name())) problems.add(where + ": needs a name saying what it covers");
            else if (!testNames.add(test.name())) problems.add(where + ": duplicate test name");
            for (String implicit : List.of(Indicator.PERIOD_START, Indicator.PERIOD_END)) {
                if (!test.parameters().containsKey(implicit)) problems.add(where + ": parameters must give " + implicit);
            }
            try {
                indicator.parameterValues(test.parameters());
            } catch (IllegalArgumentException | ArithmeticException e) {
                problems.add(where + ": " + e.getMessage());
            }
            for (Map.Entry<String, List<Map<String, Object>>> g : test.given().entrySet()) {
                Optional<Contract> contract = contracts.byId(g.getKey());
                if (g.getKey().equals(IngestViews.FILES)) {
                    List<String> fileColumns = IngestViews.FILE_COLUMNS.stream().map(IngestViews.Column::name).toList();
                    for (int r = 0; r < g.getValue().size(); r++) {
                        for (String col : g.getValue().get(r).keySet()) {
                            if (!fileColumns.contains(col)) {
                                problems.add(where + ": given " + g.getKey() + " row " + (r + 1) + ": '" + col
                                        + "' is not a column of " + IngestViews.FILES + " " + fileColumns);
                            }
                        }
                    }
                    continue;
                }
                if (contract.isEmpty()) {
                    problems.add(where + ": given table '" + g.getKey() + "' is not a contract (known: "
                            + contracts.all().stream().map(Contract::id).toList() + ")");
                    continue;
                }
                List<String> columns = contract.get().columnNames();
                for (int r = 0; r < g.getValue().size(); r++) {
                    for (String col : g.getValue().get(r).keySet()) {
                        if (!columns.contains(col) && !col.equals("_year") && !col.equals(IndicatorTestRunner.ERRORS)
                                && !col.equals(IndicatorTestRunner.SOURCE_FILE)) {
                            problems.add(where + ": given " + g.getKey() + " row " + (r + 1) + ": '" + col
                                    + "' is not a column of contract " + g.getKey());
                        }
                    }
                }
            }
            if (test.expect() == null) {
                problems.add(where + ": expect is required (an empty list when no rows are expected)");
            } else {
                for (int r = 0; r < test.expect().size(); r++) {
                    for (String col : test.expect().get(r).keySet()) {
                        if (!OutputContract.isOutputColumn(col)) {
                            problems.add(where + ": expect row " + (r + 1) + ": '" + col + "' is not an output column");
                        }
                    }
                }
            }
        }
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
