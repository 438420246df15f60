package no.kvik.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import no.kvik.catalog.Catalogue;
import no.kvik.catalog.Frequency;
import no.kvik.config.KvikHome;
import no.kvik.contract.Contract;
import no.kvik.contract.Contracts;
import no.kvik.contract.RowRule;
import no.kvik.engine.Engine;
import no.kvik.engine.IndicatorResult;
import no.kvik.engine.RunRequest;
import no.kvik.quality.QualityReport;
import no.kvik.quality.QualityRow;
import no.kvik.store.IngestResult;
import no.kvik.store.Ingester;
import no.kvik.store.Store;
import no.kvik.synth.Synthesizer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The chain end to end on synthetic data: what the generator plants (truth.json) is exactly what
 * ingestion flags, what data quality reports, and what the indicators show.
 */
class SyntheticPipelineIT {
    static final int FIRST = 2020;
    static final int LAST = 2022;

    @TempDir
    static Path tmp;
    static KvikHome home;
    static Contracts contracts;
    static JsonNode truth;
    static Map<String, IngestResult> ingested;
    static Path store;

    @BeforeAll
    static void generateAndIngest() throws IOException {
        home = KvikHome.locate();
        contracts = Contracts.load(home.contracts());
        Path extracts = tmp.resolve("extracts");
        new Synthesizer(new Synthesizer.Settings(0.02, FIRST, LAST, 42, extracts, 2), home.reference(), contracts).generate();
        truth = new ObjectMapper().readTree(extracts.resolve("truth.json").toFile());
        store = tmp.resolve("store");
        List<Path> files;
        try (Stream<Path> s = Files.list(extracts)) {
            files = s.filter(p -> p.toString().endsWith(".csv")).sorted().toList();
        }
        try (Ingester ingester = Ingester.open(store, home, null)) {
            ingested = ingester.ingestAll(files).stream()
                    .collect(Collectors.toMap(IngestResult::sourceFile, r -> r));
        }
    }

    @Test
    void everyFileIsStoredAndRowsBalance() {
        // 26 files a year: 22 contracts, four of them with a second file (see SynthesizerTest); + (branch som2)
        // amk_mission and registry_aggregate_patient_safety a year, and the cancer registry's one file; + npr_mh_contact
        // (mh2) and prescription_cardiac (oecd2) a year
        assertEquals((26 + 2 + 1 + 1) * (LAST - FIRST + 1) + 1, ingested.size());
        for (IngestResult r : ingested.values()) {
            assertEquals(IngestResult.Outcome.STORED, r.outcome(), r.sourceFile() + ": " + r.reason());
            assertEquals(r.rowsRead(), r.rowsStored() + r.rowsRejected(), r.sourceFile());
            assertEquals(truth.path("file_rows").path(r.sourceFile()).asLong(), r.rowsRead(), r.sourceFile());
        }
    }

    /** Each planted fault kind maps to the flag ingestion must give; one fault per faulty row. */
    @Test
    void ingestionFlagsExactlyThePlantedFaults() {
        JsonNode files = truth.path("faults").path("files");
        long plantedTotal = 0;
        for (IngestResult r : ingested.values()) {
            JsonNode planted = files.path(r.sourceFile());
            Contract contract = contracts.byId(r.contractId()).orElseThrow();
            Set<String> ruleIds = contract.rowRules().stream().map(RowRule::id).collect(Collectors.toSet());
            Map<String, Long> flagged = new HashMap<>(r.flaggedByReason());
            long plantedInFile = 0;
            for (Iterator<Map.Entry<String, JsonNode>> it = planted.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> kind = it.next();
                long count = kind.getValue().path("count").asLong();
                String field = kind.getValue().path("field").asText();
                plantedInFile += count;
                long seen = switch (kind.getKey()) {
                    case "INVALID_CODE" -> take(flagged, "invalid_code:" + field);
                    case "MISSING_REQUIRED" -> take(flagged, "missing:" + field);
                    case "DANGLING_UNIT" -> take(flagged, "unknown_reference:" + field);
                    case "IMPOSSIBLE_AGE" -> take(flagged, "out_of_range:" + field);
                    case "DUPLICATE_ROW" -> takeWhere(flagged, k -> k.startsWith("duplicate_key:"));
                    case "IMPOSSIBLE_DATE" -> takeWhere(flagged, k -> ruleIds.contains(k.substring(0, k.indexOf(':'))));
                    default -> throw new AssertionError("unknown planted fault kind " + kind.getKey());
                };
                assertEquals(count, seen, r.sourceFile() + " " + kind.getKey());
            }
            assertTrue(flagged.values().stream().allMatch(v -> v == 0),
                    r.sourceFile() + ": flags not planted by the generator: " + flagged);
            assertEquals(plantedInFile, r.rowsFlagged(), r.sourceFile() + ": one fault per faulty row");
            plantedTotal += plantedInFile;
        }
        assertTrue(plantedTotal > 1000, "the generator planted faults: " + plantedTotal);
    }

    @Test
    void qualityReportShowsTheTrustThatMissedATertial() throws Exception {
        JsonNode gap = truth.path("reporting_gap");
        String period = gap.path("year").asInt() + "-T" + gap.path("tertial").asInt();
        QualityReport report = QualityReport.build(store, home);
        for (JsonNode org : gap.path("provider_orgs")) {
            for (String p : List.of(period, gap.path("year").asInt() + "-T1")) {
                QualityRow rows = report.rows().stream()
                        .filter(q -> q.section().equals("completeness") && q.contractId().equals("npr_somatic")
                                && q.unit().equals(org.asText()) && q.period().equals(p) && q.measure().equals("rows"))
                        .findFirst().orElseThrow(() -> new AssertionError("no completeness row for " + org + " " + p));
                if (p.equals(period)) {
                    assertEquals(0, rows.numerator(), org + " delivered nothing in " + p);
                } else {
                    assertTrue(rows.numerator() > 0, org + " delivered in " + p);
                }
            }
        }
        QualityRow units = report.rows().stream()
                .filter(q -> q.section().equals("completeness") && q.contractId().equals("npr_somatic")
                        && q.unit().isEmpty() && q.period().equals(period) && q.measure().equals("units_delivered"))
                .findFirst().orElseThrow();
        assertEquals(units.denominator() - gap.path("provider_orgs").size(), units.numerator());
    }

    /** truth.json plants municipalities prescribing 1.5x and 0.65x the national antibiotic level. */
    @Test
    void plantedMunicipalityEffectsShowInAntibioticRates() throws Exception {
        Catalogue catalogue = Catalogue.load(home.indicators(), contracts);
        List<IndicatorResult> results;
        try (Connection c = Store.open(store, home)) {
            results = new Engine(c).run(catalogue.get("antibiotic_prescriptions_per_1000"),
                    RunRequest.between(LocalDate.of(FIRST, 1, 1), LocalDate.of(LAST + 1, 1, 1)).withFrequency(Frequency.YEAR));
        }
        double[] national = pooled(results, "nation", null);
        double nationalRate = national[0] / national[1];
        int checked = 0;
        for (JsonNode effect : truth.path("municipality_effects")) {
            if (!effect.path("outcome").asText().equals("antibiotic_prescriptions_per_1000")) continue;
            double[] unit = pooled(results, "municipality", effect.path("municipality").asText());
            double ratio = (unit[0] / unit[1]) / nationalRate;
            double multiplier = effect.path("multiplier").asDouble();
            if (multiplier > 1) {
                assertTrue(ratio > 1.2, effect + " shows ratio " + ratio);
            } else {
                assertTrue(ratio < 0.85, effect + " shows ratio " + ratio);
            }
            checked++;
        }
        assertTrue(checked >= 4, "planted antibiotic effects checked: " + checked);
    }

    private static double[] pooled(List<IndicatorResult> results, String level, String unit) {
        double num = 0;
        double den = 0;
        for (IndicatorResult r : results) {
            if (!r.level().equals(level) || (unit != null && !unit.equals(r.unitId()))) continue;
            assertTrue(r.numerator() != null, "unsuppressed: " + r);
            num += r.numerator();
            den += r.denominator();
        }
        assertTrue(den > 0, level + " " + unit + " has a denominator");
        return new double[] {num, den};
    }

    private static long take(Map<String, Long> flagged, String reason) {
        Long n = flagged.remove(reason);
        return n == null ? 0 : n;
    }

    private static long takeWhere(Map<String, Long> flagged, java.util.function.Predicate<String> match) {
        long n = 0;
        for (String k : List.copyOf(flagged.keySet())) {
            if (match.test(k)) n += flagged.remove(k);
        }
        return n;
    }
}
