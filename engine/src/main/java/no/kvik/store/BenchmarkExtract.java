package no.kvik.store;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import no.kvik.sql.DuckDb;

/**
 * Writes a large npr_somatic extract for the ingest benchmark: all 22 contract columns, codes drawn from
 * the reference tables, and about 1% of rows with a content error so that the flagging paths do real work.
 * Not the project's synthetic data generator: no realistic distributions, only realistic shape and size.
 */
public final class BenchmarkExtract {
    private static final DateTimeFormatter TS = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

    private BenchmarkExtract() {
    }

    /** Writes {@code rows} data rows for {@code year} to {@code file} (ISO-8859-1, ';'); deterministic per seed. */
    public static void write(Path file, Path referenceDir, int year, long rows, long seed) throws IOException {
        List<String> icd = column(referenceDir.resolve("icd10_codes.csv"), 0);
        List<String> ncsp = column(referenceDir.resolve("ncsp_codes_2017.csv"), 0);
        List<String> org = column(referenceDir.resolve("behandlingssteder_skde_behandler.csv"), 0);
        List<String> kommune = column(referenceDir.resolve("kommuner_2025.csv"), 0);
        SplittableRandom rnd = new SplittableRandom(seed);
        LocalDateTime start = LocalDateTime.of(year, 1, 1, 0, 0);
        try (Writer w = new BufferedWriter(new OutputStreamWriter(Files.newOutputStream(file),
                StandardCharsets.ISO_8859_1), 1 << 20)) {
            w.write("episode_id;patient_id;provider_org;admission_time;discharge_time;care_level;urgency;"
                    + "main_diagnosis;secondary_diagnoses;procedures;first_procedure_time;residence_municipality;age;"
                    + "sex;discharge_status;referral_date;deadline_date;care_start;epicrisis_sent_time;cancer_pathway;"
                    + "pathway_start_date;pathway_treatment_date\n");
            StringBuilder sb = new StringBuilder(256);
            for (long i = 1; i <= rows; i++) {
                sb.setLength(0);
                LocalDateTime adm = start.plusMinutes(rnd.nextInt(364 * 24 * 60));
                LocalDateTime dis = adm.plusMinutes(rnd.nextInt(6 * 24 * 60));
                boolean inpatient = rnd.nextInt(3) == 0;
                boolean bad = rnd.nextInt(100) == 0;
                sb.append('E').append(year).append('-').append(i).append(';')
                        .append('P').append(rnd.nextInt(2_000_000)).append(';')
                        .append(org.get(rnd.nextInt(org.size()))).append(';')
                        .append(TS.format(adm)).append(';').append(TS.format(bad ? adm.minusHours(1) : dis)).append(';')
                        .append(inpatient ? '1' : '3').append(';').append(rnd.nextBoolean() ? '1' : '4').append(';')
                        .append(icd.get(rnd.nextInt(icd.size()))).append(';');
                int secondaries = rnd.nextInt(4);
                for (int s = 0; s < secondaries; s++) {
                    if (s > 0) sb.append(' ');
                    sb.append(icd.get(rnd.nextInt(icd.size())));
                }
                sb.append(';');
                boolean surgery = rnd.nextInt(4) == 0;
                if (surgery) sb.append(ncsp.get(rnd.nextInt(ncsp.size())));
                sb.append(';');
                if (surgery) sb.append(TS.format(adm.plusHours(2)));
                sb.append(';').append(kommune.get(rnd.nextInt(kommune.size()))).append(';')
                        .append(rnd.nextInt(100)).append(';').append(rnd.nextBoolean() ? '1' : '2').append(';')
                        .append(inpatient && rnd.nextInt(50) == 0 ? '9' : '1').append(';');
                boolean planned = rnd.nextInt(5) == 0;
                if (planned) {
                    sb.append(adm.toLocalDate().minusDays(40)).append(';').append(adm.toLocalDate().plusDays(20))
                            .append(";true");
                } else {
                    sb.append(";;");
                }
                sb.append(';').append(TS.format(dis.plusHours(30))).append(";;;\n");
                w.append(sb);
            }
        }
    }

    private static List<String> column(Path csv, int index) throws IOException {
        try (Stream<String> lines = Files.lines(csv, StandardCharsets.UTF_8)) {
            return lines.skip(1).map(l -> l.split(",", -1)[index]).filter(s -> !s.isEmpty()).toList();
        }
    }

    /**
     * The floor for the ingest benchmark: seconds DuckDB takes for a plain copy of {@code csv} to one Parquet
     * file, every column as text, with no validation, typing, row numbers or manifest (read as {@code contract}
     * declares: delimiter, and the encoding the ingester reads it with). No ingest can be faster on the machine.
     */
    public static double plainCopySeconds(Path csv, no.kvik.contract.Contract contract, Path parquet)
            throws java.sql.SQLException, IOException {
        String encoding = FileChecks.digest(csv).readEncoding(contract.format().encoding());
        long t0 = System.nanoTime();
        try (java.sql.Connection c = DuckDb.open(DuckDb.Settings.DEFAULTS.withPreserveInsertionOrder(false));
             java.sql.Statement st = c.createStatement()) {
            st.execute("COPY (SELECT * FROM read_csv(" + BoundSql.literal(csv.toAbsolutePath().toString())
                    + ", delim = " + BoundSql.literal(contract.format().delimiter()) + ", encoding = "
                    + BoundSql.literal(encoding)
                    + ", header = true, all_varchar = true)) TO " + BoundSql.literal(parquet.toString()) + " (FORMAT parquet)");
        }
        return (System.nanoTime() - t0) / 1e9;
    }
}
