package no.kvik.synth;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import no.kvik.config.KvikHome;
import no.kvik.testutil.TestStores;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The private specialists' reports (their planted gap, every other specialist reporting in every tertial of a valid
 * agreement) and the files on a wrong message version, written only when asked and changing no other file.
 */
class PrivateSpecialistsAndWrongVersionTest {
    static final int FIRST = 2022;
    static final int LAST = 2023;

    @TempDir
    static Path tmp;
    static Path plain;
    static Path asked;

    @BeforeAll
    static void generate() throws Exception {
        plain = TestStores.synthesise(tmp.resolve("plain"), 0.002, FIRST, LAST, 7);
        asked = TestStores.synthesise(tmp.resolve("asked"), 0.002, FIRST, LAST, 7, 3);
    }

    @Test
    void wrongVersionFilesOnlyWhenAskedAndNoOtherFileChanges() throws Exception {
        List<String> plainFiles = names(plain);
        assertTrue(plainFiles.stream().noneMatch(n -> n.contains("_v")), plainFiles.toString());
        assertFalse(new ObjectMapper().readTree(plain.resolve("truth.json").toFile()).has("wrong_version_files"));

        JsonNode planted = new ObjectMapper().readTree(asked.resolve("truth.json").toFile()).get("wrong_version_files");
        List<String> named = new ArrayList<>();
        planted.forEach(f -> named.add(f.get("file").asText()));
        assertEquals(3, named.size());
        List<String> extra = new ArrayList<>(names(asked));
        extra.removeAll(plainFiles);
        assertEquals(named, extra);
        for (JsonNode f : planted) {
            String name = f.get("file").asText();
            assertTrue(name.matches("npr_somatic_" + f.get("provider_org").asText() + "_20(22|23)T[1-3]_v4\\.0\\.csv"), name);
            // header only: the ingest rejects it by its name, unread
            List<String> lines = Files.readAllLines(asked.resolve(name), StandardCharsets.ISO_8859_1);
            assertEquals(1, lines.size());
            assertTrue(lines.get(0).startsWith("episode_id;patient_id;provider_org;"));
        }
        for (String n : plainFiles) {
            if (n.equals("truth.json")) continue;
            assertArrayEquals(Files.readAllBytes(plain.resolve(n)), Files.readAllBytes(asked.resolve(n)), n);
        }
    }

    @Test
    void everySpecialistReportsInEveryTertialButThePlantedGap() throws Exception {
        JsonNode gap = new ObjectMapper().readTree(plain.resolve("truth.json").toFile()).get("private_specialist_gap");
        assertEquals(LAST + "-05-01", gap.get("tertial_start").asText());
        Set<String> silent = new HashSet<>();
        gap.get("silent_providers").forEach(p -> silent.add(p.asText()));
        assertEquals(3, silent.size());
        assertEquals(0.7, gap.get("reporting_share_in_rhf").asDouble(), 1e-12, "3 of the RHF's 10 silent");

        // the reference list: org -> [valid_from, valid_to]
        Map<String, String[]> validity = new HashMap<>();
        List<String> list = Files.readAllLines(KvikHome.locate().reference().resolve("npr_private_specialists.csv"));
        for (String line : list.subList(1, list.size())) {
            String[] f = line.split(",", -1);
            validity.put(f[0], new String[]{f[f.length - 2], f[f.length - 1]});
        }
        assertEquals(40, validity.size());
        // which specialist reported in which tertial (first day)
        Set<String> reported = new HashSet<>();
        for (int year = FIRST; year <= LAST; year++) {
            List<String> rows = Files.readAllLines(plain.resolve("npr_private_specialist_" + year + ".csv"),
                    StandardCharsets.ISO_8859_1);
            assertEquals("contact_id;provider_org;contact_date;specialty;age;sex", rows.get(0));
            for (String row : rows.subList(1, rows.size())) {
                String[] f = row.split(";");
                int month = Integer.parseInt(f[2].substring(5, 7));
                reported.add(f[1] + "|" + f[2].substring(0, 4) + "-" + String.format("%02d", 1 + 4 * ((month - 1) / 4)) + "-01");
            }
        }
        int expectedPairs = 0;
        for (int year = FIRST; year <= LAST; year++) {
            for (String start : List.of(year + "-01-01", year + "-05-01", year + "-09-01")) {
                for (Map.Entry<String, String[]> s : validity.entrySet()) {
                    boolean valid = s.getValue()[0].compareTo(start) <= 0
                            && (s.getValue()[1].isEmpty() || s.getValue()[1].compareTo(start) > 0);
                    boolean inGap = start.equals(gap.get("tertial_start").asText()) && silent.contains(s.getKey());
                    boolean expected = valid && !inGap;
                    if (expected) expectedPairs++;
                    assertEquals(expected, reported.contains(s.getKey() + "|" + start), s.getKey() + " " + start);
                }
            }
        }
        // 40 x 6 tertials, less the agreement from 2023-05-01 before it (4), the one ending 2023-09-01 after (1), the gap (3)
        assertEquals(40 * 6 - 4 - 1 - 3, expectedPairs);
    }

    private static List<String> names(Path dir) throws Exception {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }
}
