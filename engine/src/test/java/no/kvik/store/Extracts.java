package no.kvik.store;

import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Tiny hand-made extract files for the store tests. */
final class Extracts {
    static final Charset LATIN1 = StandardCharsets.ISO_8859_1;

    /** The required npr_somatic columns plus the two list columns, in a deliberately non-contract order. */
    static final String SOMATIC_HEADER = "episode_id;patient_id;provider_org;admission_time;discharge_time;"
            + "care_level;urgency;main_diagnosis;secondary_diagnoses;procedures;residence_municipality;age;sex;"
            + "discharge_status";

    private Extracts() {
    }

    /** A valid somatic row: episode e, patient p, discharged on 2021-03-{day}. */
    static String somatic(String episode, String patient, int day) {
        return episode + ";" + patient + ";983974880;2021-03-0" + day + " 08:00;2021-03-0" + day + " 16:30;1;1;I219;"
                + "I10 J189;JKA21;0301;67;2;1";
    }

    /** A valid somatic row (discharged 2021-03-01) with some fields replaced; keys are header column names. */
    static String somatic(String episode, java.util.Map<String, String> changes) {
        List<String> names = List.of(SOMATIC_HEADER.split(";"));
        String[] values = somatic(episode, "P" + episode, 1).split(";", -1);
        changes.forEach((k, v) -> {
            int i = names.indexOf(k);
            if (i < 0) throw new IllegalArgumentException(k);
            values[i] = v;
        });
        return String.join(";", values);
    }

    static Path write(Path dir, String name, Charset charset, String header, List<String> rows) throws IOException {
        StringBuilder sb = new StringBuilder(header).append('\n');
        rows.forEach(r -> sb.append(r).append('\n'));
        Path file = dir.resolve(name);
        Files.write(file, sb.toString().getBytes(charset));
        return file;
    }

    static Path somaticFile(Path dir, String name, List<String> rows) throws IOException {
        return write(dir, name, LATIN1, SOMATIC_HEADER, rows);
    }
}
