package no.kvik.quality;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import no.kvik.cli.Kvik;
import no.kvik.config.KvikHome;
import no.kvik.store.IngestResult;
import no.kvik.store.Ingester;
import no.kvik.testutil.SomaticExtract;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class QualityReportTest {
    static final KvikHome HOME = KvikHome.locate();
    static final String HEADER = SomaticExtract.HEADER;
    static final String A = SomaticExtract.A;
    static final String B = SomaticExtract.B;

    @TempDir
    Path tmp;

    static String row(String id, String org, String month, String diagnosis, String procedure) {
        return SomaticExtract.row(id, org, "2021-" + month + "-10", "2021-" + month + "-11", diagnosis, procedure);
    }

    /**
     * Four somatic rows (A: March valid, A: June invalid diagnosis, B: March valid with an unknown-but-well-formed
     * procedure, unknown organisation: October) and one rejected file. Expected units are A and B.
     */
    Path store() throws IOException {
        Path in = Files.createDirectories(tmp.resolve("in"));
        Files.writeString(in.resolve("npr_somatic_2021.csv"), String.join("\n", HEADER,
                row("E1", A, "03", "I219", "JKA21"), row("E2", A, "06", "X999", ""),
                row("E3", B, "03", "I219", "FNG05"), row("E4", "123456789", "10", "I219", "")) + "\n",
                StandardCharsets.ISO_8859_1);
        Files.writeString(in.resolve("kpr_gp_contact_2021.csv"), "contact_id;patient_id\nC1;P1\n");
        Path store = tmp.resolve("store");
        try (Ingester ingester = Ingester.open(store, HOME, null)) {
            List<IngestResult> r = ingester.ingestAll(List.of(in.resolve("kpr_gp_contact_2021.csv"),
                    in.resolve("npr_somatic_2021.csv")));
            assertEquals(IngestResult.Outcome.REJECTED, r.get(0).outcome());
            assertEquals(2, r.get(1).rowsFlagged());
        }
        return store;
    }

    static QualityRow find(QualityReport r, String section, String unit, String period, String measure) {
        List<QualityRow> rows = r.rows().stream().filter(q -> q.section().equals(section) && q.unit().equals(unit)
                && q.period().equals(period) && q.measure().equals(measure)).toList();
        assertEquals(1, rows.size(), section + " " + unit + " " + period + " " + measure);
        return rows.get(0);
    }

    static void assertCount(QualityRow row, long numerator, Long denominator) {
        assertEquals(numerator, row.numerator(), row.toString());
        assertEquals(denominator, row.denominator(), row.toString());
    }

    @Test
    void completenessValidityFlagsAndRejectionsAreCountedPerUnitAndPeriod() throws Exception {
        QualityReport r = QualityReport.build(store(), HOME);
        assertEquals(4, r.rowsStored());
        assertEquals(2, r.flaggedRows());
        assertEquals(1, r.rejectedFiles());
        assertTrue(r.hasDataErrors());

        // completeness: expected units are A and B (the unknown organisation is not a unit to expect)
        assertCount(find(r, "completeness", "", "2021", "units_delivered"), 2, 2L);
        assertCount(find(r, "completeness", "", "2021-T1", "units_delivered"), 2, 2L);
        assertCount(find(r, "completeness", "", "2021-T2", "units_delivered"), 1, 2L);
        assertCount(find(r, "completeness", "", "2021-T3", "units_delivered"), 0, 2L);
        assertCount(find(r, "completeness", B, "2021-T2", "rows"), 0, null);
        assertCount(find(r, "completeness", A, "2021", "rows"), 2, null);
        // the unknown organisation number is stored NULL (field-level validity): its row has no unit
        assertEquals("not an expected unit", find(r, "completeness", "", "2021-T3", "rows").detail());

        // validity: shares of valid rows and of valid codes per unit and period
        assertCount(find(r, "validity", A, "2021", "valid_rows"), 1, 2L);
        assertEquals(0.5, find(r, "validity", A, "2021", "valid_main_diagnosis").share());
        assertCount(find(r, "validity", A, "2021-T1", "valid_main_diagnosis"), 1, 1L);
        assertCount(find(r, "validity", B, "2021", "valid_procedures"), 1, 1L); // unknown NCSP code: a warning only
        assertCount(find(r, "validity", "", "2021", "valid_provider_org"), 0, 1L);
        assertFalse(r.rows().stream().anyMatch(q -> q.unit().equals(A) && q.measure().equals("valid_procedures")
                && q.period().equals("2021-T2")), "no line for a period without values");

        // flagged rows by reason, as a share of the unit's rows in the year
        assertCount(find(r, "flagged", A, "2021", "invalid_code:main_diagnosis"), 1, 2L);
        assertCount(find(r, "flagged", "", "2021", "unknown_reference:provider_org"), 1, 1L);

        // what each fault removed, per year: the invalid diagnosis (E2) only empties its value (onInvalid: value), the
        // row stays: 1 row kept with the value NULL, affecting only the indicators whose SQL uses main_diagnosis
        // (readmission_67_30d through its macro table_readmission_67_cases); the unknown organisation (E4) empties its value too (issue #13: the case goes to the
        // unit 'unknown' of the provider levels, the nation and residence levels count it)
        QualityRow diagnosis = find(r, "removed", "", "2021", "invalid_code:main_diagnosis");
        assertCount(diagnosis, 1, 1L);
        assertTrue(diagnosis.detail().startsWith("value stored NULL, row kept: "), diagnosis.detail());
        assertTrue(diagnosis.detail().contains(" reading npr_somatic use main_diagnosis and leave the row out where a "
                + "case condition needs it: "), diagnosis.detail());
        assertTrue(diagnosis.detail().contains(" readmission_67_30d "), diagnosis.detail());
        // an upper bound read from the SQL text: the somatic waiting-time family's shared cohort tells the specialty from
        // main_diagnosis, so fristbrudd_somatic is named too although it keeps every specialty; the cancer pathways read
        // npr_somatic without main_diagnosis; a macro defined second in its file (waiting_time_somatic_cases after its
        // cohort, the OECD follow-ups' after theirs) counts as well (issue #17: they were missed)
        assertTrue(diagnosis.detail().matches("(?s).*\\bfristbrudd_somatic\\b.*"), diagnosis.detail());
        assertTrue(diagnosis.detail().contains(" waiting_time_somatic_mean ") && diagnosis.detail().contains(" oecd_ami_1y_mortality "),
                diagnosis.detail());
        assertFalse(diagnosis.detail().contains("cancer_pathway_all_within_standard"), diagnosis.detail());
        QualityRow org = find(r, "removed", "", "2021", "unknown_reference:provider_org");
        assertCount(org, 1, 1L);
        assertTrue(org.detail().startsWith("value stored NULL, row kept: "), org.detail());
        assertTrue(org.detail().contains(" use provider_org and place the case in unit 'unknown' at that level: "),
                org.detail());
        assertTrue(org.detail().contains(" readmission_67_30d "), org.detail());
        assertTrue(org.detail().contains(" fristbrudd_somatic "), org.detail());
        assertFalse(r.rows().stream().anyMatch(q -> q.section().equals("removed") && q.period().isEmpty()),
                "every removed line has its year");

        QualityRow rejected = find(r, "rejected_file", "", "", "kpr_gp_contact_2021.csv");
        assertEquals("kpr_gp_contact", rejected.contractId());
        assertEquals("KPR", rejected.registry());
        assertEquals(1, rejected.numerator());
        assertEquals("wrong delimiter: the header is one column; the contract expects ','-separated columns "
                + "but the file uses ';'", rejected.detail());
    }

    /**
     * How full each column is, per unit and year. Counted by hand from {@link #store()}: unit A has E1 (procedure
     * JKA21) and E2 (no procedure); B has E3 (FNG05); the unknown organisation E4 (no procedure). The file has no
     * secondary_diagnoses column: 0 of every unit's rows.
     */
    @Test
    void fillRatesPerColumnUnitAndYear() throws Exception {
        QualityReport r = QualityReport.build(store(), HOME);
        assertCount(find(r, "fill", A, "2021", "filled_procedures"), 1, 2L);
        assertEquals(0.5, find(r, "fill", A, "2021", "filled_procedures").share());
        assertCount(find(r, "fill", B, "2021", "filled_procedures"), 1, 1L);
        // an unknown organisation number is a flagged value, stored NULL (field-level validity): its row has unit ''
        assertCount(find(r, "fill", "", "2021", "filled_procedures"), 0, 1L);
        assertCount(find(r, "fill", A, "2021", "filled_secondary_diagnoses"), 0, 2L);
        assertCount(find(r, "fill", A, "2021", "filled_episode_id"), 2, 2L);
        assertCount(find(r, "fill", A, "2021", "filled_main_diagnosis"), 2, 2L);
        // one line per contract column, unit and year: 3 units x 1 year x the contract's columns
        long columns = no.kvik.contract.Contracts.load(HOME.contracts()).byId("npr_somatic").orElseThrow().columns().size();
        assertEquals(3 * columns, r.rows().stream().filter(q -> q.section().equals("fill")).count());
        // kvik quality prints each column's fill over all units per year: procedures 2 of 4 rows
        java.io.PrintStream old = System.out;
        java.io.ByteArrayOutputStream buf = new java.io.ByteArrayOutputStream();
        System.setOut(new java.io.PrintStream(buf, true));
        try {
            Kvik.commandLine().execute("quality", "--store", tmp.resolve("store").toString(), "--out",
                    tmp.resolve("q").toString());
        } finally {
            System.setOut(old);
        }
        String printed = buf.toString();
        assertTrue(printed.contains(String.format("  filled %-33s 2021 50.0%%%n", "procedures")), printed);
        assertTrue(printed.contains(String.format("  filled %-33s 2021 0.0%%%n", "secondary_diagnoses")), printed);
    }

    /**
     * A required value left empty (flagged {@code missing}) is not filled, while a value delivered but invalid (flagged
     * {@code invalid_code}, stored NULL) is; only the delivered values are judged for validity. By hand: unit A has
     * E1 (I219, valid), E2 (X999, invalid) and E3 (no main diagnosis): filled 2 of 3, valid 1 of the 2 judged.
     * Held the fill query's rule when the fill counts moved into the validity query's scan (issue #17).
     */
    @Test
    void anEmptyRequiredValueIsNotFilledButAnInvalidOneIs() throws Exception {
        Path in = Files.createDirectories(tmp.resolve("in-missing"));
        Files.writeString(in.resolve("npr_somatic_2021.csv"), String.join("\n", HEADER,
                row("E1", A, "03", "I219", ""), row("E2", A, "06", "X999", ""), row("E3", A, "10", "", "")) + "\n",
                StandardCharsets.ISO_8859_1);
        Path store = tmp.resolve("store-missing");
        try (Ingester ingester = Ingester.open(store, HOME, null)) {
            assertEquals(2, ingester.ingestAll(List.of(in.resolve("npr_somatic_2021.csv"))).get(0).rowsFlagged());
        }
        QualityReport r = QualityReport.build(store, HOME);
        assertCount(find(r, "fill", A, "2021", "filled_main_diagnosis"), 2, 3L);
        assertCount(find(r, "validity", A, "2021", "valid_main_diagnosis"), 1, 2L);
        assertCount(find(r, "validity", A, "2021", "valid_rows"), 1, 3L);
    }

    @Test
    void expectedUnitsFromTheReferenceList() throws Exception {
        QualityReport r = QualityReport.build(store(), HOME, QualityReport.Expected.REFERENCE);
        // behandlingssteder_skde_behandler.csv has 1,061 distinct organisation numbers (independently:
        // tail -n +2 behandlingssteder_skde_behandler.csv | cut -d, -f1 | sort -u | wc -l)
        QualityRow year = find(r, "completeness", "", "2021", "units_delivered");
        assertCount(year, 2, 1061L);
        assertEquals("expected: " + QualityReport.Expected.REFERENCE.description(), year.detail());
        assertCount(find(r, "completeness", "", "2021-T3", "units_delivered"), 0, 1061L);
    }

    @Test
    void writesCsvAndJsonWithTheSameLines() throws Exception {
        QualityReport r = QualityReport.build(store(), HOME);
        Path out = tmp.resolve("out");
        r.write(out);
        List<String> csv = Files.readAllLines(out.resolve("quality.csv"));
        assertEquals("section,contract_id,registry,unit,period,measure,numerator,denominator,share,detail", csv.get(0));
        assertEquals(r.rows().size() + 1, csv.size());
        assertTrue(csv.contains("flagged,npr_somatic,NPR," + A + ",2021,invalid_code:main_diagnosis,1,2,0.500000,"));
        JsonNode json = new ObjectMapper().readTree(out.resolve("quality.json").toFile());
        assertEquals(r.rows().size(), json.get("rows").size());
        assertEquals(2, json.get("flaggedRows").asLong());
    }

    @Test
    void commandLineExitCodes() throws Exception {
        Path store = store();
        assertEquals(1, Kvik.commandLine().execute("quality", "--store", store.toString(), "--out",
                tmp.resolve("q").toString()));
        assertTrue(Files.exists(tmp.resolve("q/quality.json")));
        assertEquals(2, Kvik.commandLine().execute("quality", "--store", tmp.resolve("nothing").toString()));

        Path clean = Files.createDirectories(tmp.resolve("clean"));
        Files.writeString(clean.resolve("npr_somatic_2022.csv"), HEADER + "\n"
                + row("E1", A, "03", "I219", "JKA21").replace("2021-", "2022-") + "\n", StandardCharsets.ISO_8859_1);
        Path cleanStore = tmp.resolve("clean-store");
        assertEquals(0, Kvik.commandLine().execute("ingest", clean.toString(), "--store", cleanStore.toString()));
        assertEquals(0, Kvik.commandLine().execute("quality", "--store", cleanStore.toString()));
        assertEquals(1, Kvik.commandLine().execute("ingest", tmp.resolve("in").toString(), "--store",
                cleanStore.toString()));
        assertEquals(2, Kvik.commandLine().execute("ingest", "--store", cleanStore.toString()));
        assertEquals(2, Kvik.commandLine().execute("ingest", tmp.resolve("missing.csv").toString(), "--store",
                cleanStore.toString()));
    }
}
