package no.kvik.release;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.List;
import java.util.Set;
import no.kvik.config.KvikHome;
import no.kvik.quality.QualityReport;
import no.kvik.quality.QualityRow;
import no.kvik.store.Ingester;
import no.kvik.store.Store;
import no.kvik.testutil.SomaticExtract;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A release's data-quality lines are those of the store's whole report for the sources read, computed once per store
 * state and reused by the next releases while the store's deliveries are unchanged, recomputed when they change.
 */
class ReleaseQualityTest {
    static final KvikHome HOME = ReleaseFixture.HOME;
    static final String HEADER = SomaticExtract.HEADER;
    static final String A = SomaticExtract.A;
    static final String B = SomaticExtract.B;

    @TempDir
    Path tmp;

    static String row(String id, String org, String date, String diagnosis) {
        return SomaticExtract.row(id, org, date, date, diagnosis, "");
    }

    /** Writes one somatic extract and ingests it into {@code store}. */
    void ingest(Path store, String file, String... rows) throws Exception {
        Path in = Files.createDirectories(tmp.resolve("in"));
        Files.writeString(in.resolve(file), HEADER + "\n" + String.join("\n", rows) + "\n", StandardCharsets.ISO_8859_1);
        try (Ingester ingester = Ingester.open(store, HOME, null)) {
            ingester.ingestAll(List.of(in.resolve(file)));
        }
    }

    /** The whole store's report, kept to one contract's lines (what a release read before). */
    static List<QualityRow> wholeReport(Path store, String contract) throws Exception {
        return QualityReport.build(store, HOME).rows().stream().filter(q -> contract.equals(q.contractId())
                && !q.section().equals("rejected_file")).toList();
    }

    static List<QualityRow> lines(Path store, Set<String> contracts) throws Exception {
        return lines(store, contracts, 1);
    }

    static List<QualityRow> lines(Path store, Set<String> contracts, int threads) throws Exception {
        try (Connection c = Store.open(store, HOME)) {
            return ReleaseQuality.lines(c, store, HOME, contracts, threads);
        }
    }

    @Test
    void keptLinesAreReusedUntilTheStoreChangesAndAlwaysEqualTheWholeReport() throws Exception {
        Path store = tmp.resolve("store");
        // A: 2021-03 valid, 2021-06 invalid diagnosis (flagged); B: 2021-03 valid
        ingest(store, "npr_somatic_2021.csv", row("E1", A, "2021-03-10", "I219"), row("E2", A, "2021-06-10", "X999"),
                row("E3", B, "2021-03-10", "I219"));
        List<QualityRow> first = lines(store, Set.of("npr_somatic", "death"), 2);
        assertEquals(wholeReport(store, "npr_somatic"), first);
        // hand count: A's 2021 rows, 1 of 2 valid (E2's diagnosis X999 is no ICD-10 code)
        QualityRow aValid = first.stream().filter(q -> q.section().equals("validity") && q.unit().equals(A)
                && q.period().equals("2021") && q.measure().equals("valid_rows")).findFirst().orElseThrow();
        assertEquals(1, aValid.numerator());
        assertEquals(2L, aValid.denominator());

        int computed = ReleaseQuality.computedContracts();
        assertEquals(first, lines(store, Set.of("npr_somatic")));
        assertEquals(computed, ReleaseQuality.computedContracts(), "unchanged store: the lines are reused");

        // a new delivery: npr_somatic's lines are computed again, and are those of the store's new state
        ingest(store, "npr_somatic_2022.csv", row("E4", B, "2022-02-10", "I219"));
        List<QualityRow> second = lines(store, Set.of("npr_somatic"));
        assertEquals(computed + 1, ReleaseQuality.computedContracts(), "changed deliveries: computed again");
        assertNotEquals(first, second);
        assertEquals(wholeReport(store, "npr_somatic"), second);
        assertEquals(1, second.stream().filter(q -> q.section().equals("validity") && q.unit().equals(B)
                && q.period().equals("2022") && q.measure().equals("valid_rows") && q.numerator() == 1).count());

        // the same deliveries under another store folder are that store's own lines, not the first one's kept ones
        Path copy = tmp.resolve("copy");
        ingest(copy, "npr_somatic_2021.csv", row("E1", A, "2021-03-10", "I219"));
        int beforeCopy = ReleaseQuality.computedContracts();
        assertEquals(wholeReport(copy, "npr_somatic"), lines(copy, Set.of("npr_somatic")));
        assertEquals(beforeCopy + 1, ReleaseQuality.computedContracts());
    }

    @Test
    void contractsComputedAtOnceOnTheirOwnConnectionsGiveTheWholeReportsLines() throws Exception {
        Path store = tmp.resolve("two");
        ingest(store, "npr_somatic_2021.csv", row("E1", A, "2021-03-10", "I219"), row("E2", A, "2021-06-10", "X999"));
        // a second source (rows as kvik synth writes them, seed 7) so that two contracts are computed at once
        Path in = tmp.resolve("in");
        Files.writeString(in.resolve("cardiac_arrest_2021.csv"), String.join("\n",
                "arrest_id,patient_id,ambulance_org,central_id,municipality,arrest_time,ems_witnessed,bystander_cpr,rosc,age,sex",
                "H20210000000000001,P0000001329,993467049,AMK16,0301,2021-09-23 00:52:37,false,true,true,72,1",
                "H20210000000000002,P0000001673,974207532,AMK17,0301,2021-05-23 01:32:14,true,false,true,56,1",
                "H20210000000000003,P0000011315,993467049,AMK16,0301,2021-01-11 20:56:21,false,false,true,63,1") + "\n");
        try (Ingester ingester = Ingester.open(store, HOME, null)) {
            ingester.ingestAll(List.of(in.resolve("cardiac_arrest_2021.csv")));
        }
        List<QualityRow> whole = QualityReport.build(store, HOME).rows().stream()
                .filter(q -> Set.of("npr_somatic", "cardiac_arrest").contains(q.contractId())
                        && !q.section().equals("rejected_file")).toList();
        List<QualityRow> parallel = lines(store, Set.of("npr_somatic", "cardiac_arrest"), 2);
        assertEquals(whole, parallel);
        // both sources are there: in 2021 both ambulance services of the three arrests delivered, 993467049 two rows
        assertEquals(1, parallel.stream().filter(q -> q.contractId().equals("cardiac_arrest")
                && q.section().equals("completeness") && q.period().equals("2021")
                && q.measure().equals("units_delivered") && q.numerator() == 2 && q.denominator() == 2).count());
        assertEquals(1, parallel.stream().filter(q -> q.contractId().equals("cardiac_arrest")
                && q.section().equals("completeness") && q.period().equals("2021") && q.measure().equals("rows")
                && q.unit().equals("993467049") && q.numerator() == 2).count());
    }

    @Test
    void linesComeInOneOrderFromAMultiThreadedConnection() throws Exception {
        // eight private specialists' practices whose reported organisation (not checked against a code list) is 41
        // characters long and alike in its first 40: the lines name them all alike ("XXX…… (41 characters)"), so only
        // the query's order tells their lines apart. Practice k reports k + 1 contacts in March, so each one's lines
        // differ; written in reverse order, so the file's order is not the answer
        String prefix = "X".repeat(no.kvik.store.Redaction.MAX_VALUE_CHARS);
        List<String> rows = new java.util.ArrayList<>();
        for (int k = 7; k >= 0; k--) {
            for (int contact = 0; contact <= k; contact++) {
                rows.add("PS" + k + "-" + contact + ";" + prefix + (char) ('a' + k) + ";2023-03-" + (10 + contact) + ";psykiatri;50;1");
            }
        }
        Path in = Files.createDirectories(tmp.resolve("specialists"));
        Files.writeString(in.resolve("npr_private_specialist_2023.csv"), "contact_id;provider_org;contact_date;specialty;age;sex\n"
                + String.join("\n", rows) + "\n", StandardCharsets.ISO_8859_1);
        Path store = tmp.resolve("specialists-store");
        try (Ingester ingester = Ingester.open(store, HOME, null)) {
            assertEquals(36, ingester.ingestAll(List.of(in.resolve("npr_private_specialist_2023.csv"))).get(0).rowsStored());
        }
        Set<String> contract = Set.of("npr_private_specialist");
        List<QualityRow> multi;
        try (Connection c = Store.open(store, HOME)) {
            try (java.sql.Statement st = c.createStatement()) {
                st.execute("SET threads = 4");
            }
            multi = ReleaseQuality.lines(c, store, HOME, contract, 1);
        }
        List<QualityRow> single;
        try (Connection c = Store.open(store, HOME)) {
            try (java.sql.Statement st = c.createStatement()) {
                st.execute("SET threads = 1");
            }
            single = QualityReport.contractLines(c, HOME, contract, QualityReport.Expected.STORE, 1).get("npr_private_specialist");
        }
        assertEquals(single, multi);
        // the deciding order is the delivered organisation's, a to h: each is shown cut, the second and later alike
        // ones numbered (#2 … #8), so their valid_rows lines count 1, 2, … 8 rows, each with its year and tertial line
        List<String> rowsPerPractice = multi.stream().filter(q -> q.section().equals("validity")
                && q.measure().equals("valid_rows") && q.unit().startsWith(prefix)).map(q -> q.period() + ":" + q.denominator()).toList();
        assertEquals(List.of("2023:1", "2023-T1:1", "2023:2", "2023-T1:2", "2023:3", "2023-T1:3", "2023:4", "2023-T1:4",
                "2023:5", "2023-T1:5", "2023:6", "2023-T1:6", "2023:7", "2023-T1:7", "2023:8", "2023-T1:8"),
                rowsPerPractice, multi.toString());
    }

    @Test
    void unitsAlikeOnceCutKeepTheirOwnCounts() throws Exception {
        // two organisations of 45 characters, alike in their first 40 (and so in the name shown, length included):
        // before, the second one's counts overwrote the first's (completeness 3 rows instead of 2 + 3, one rows line)
        String prefix = "Y".repeat(no.kvik.store.Redaction.MAX_VALUE_CHARS);
        List<String> rows = new java.util.ArrayList<>();
        for (int contact = 0; contact < 2; contact++) {
            rows.add("PA-" + contact + ";" + prefix + "aaaaa;2023-05-0" + (1 + contact) + ";psykiatri;50;1");
        }
        for (int contact = 0; contact < 3; contact++) {
            rows.add("PB-" + contact + ";" + prefix + "bbbbb;2023-05-1" + (1 + contact) + ";psykiatri;50;1");
        }
        Path in = Files.createDirectories(tmp.resolve("alike"));
        Files.writeString(in.resolve("npr_private_specialist_2023.csv"), "contact_id;provider_org;contact_date;specialty;age;sex\n"
                + String.join("\n", rows) + "\n", StandardCharsets.ISO_8859_1);
        Path store = tmp.resolve("alike-store");
        try (Ingester ingester = Ingester.open(store, HOME, null)) {
            assertEquals(5, ingester.ingestAll(List.of(in.resolve("npr_private_specialist_2023.csv"))).get(0).rowsStored());
        }
        List<QualityRow> lines;
        try (Connection c = Store.open(store, HOME)) {
            lines = ReleaseQuality.lines(c, store, HOME, Set.of("npr_private_specialist"), 1);
        }
        String cut = no.kvik.store.Redaction.truncate(prefix + "aaaaa");
        List<String> completeness = lines.stream().filter(q -> q.section().equals("completeness")
                && q.period().equals("2023") && q.unit().startsWith(prefix)).map(q -> q.unit() + "=" + q.numerator()).toList();
        assertEquals(List.of(cut + "=2", cut + " #2=3"), completeness, lines.toString());
        List<String> fill = lines.stream().filter(q -> q.section().equals("fill") && q.measure().equals("filled_contact_id")
                && q.unit().startsWith(prefix)).map(q -> q.unit() + "=" + q.denominator()).toList();
        assertEquals(List.of(cut + "=2", cut + " #2=3"), fill);
    }
}
