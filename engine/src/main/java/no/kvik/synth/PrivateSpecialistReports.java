package no.kvik.synth;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The reports of private specialists with agreements (avtalespesialister) to NPR ({@code npr_private_specialist}):
 * for every specialist of {@code data/reference/npr_private_specialists.csv} whose agreement is valid on a tertial's
 * first day, 1 + Binomial(round(1200 x scale), 0.5) contacts on days drawn uniformly in the tertial (about 13 a
 * tertial at scale 0.02, so every one reports), on a random stream of its own (kind UNITS, key {@value #STREAM}):
 * every other extract keeps its bytes. Planted: in tertial 2 of the last year, {@value #GAP_SPECIALISTS} specialists
 * of one RHF (drawn from the seed) report nothing, named in truth.json under {@code private_specialist_gap}.
 */
final class PrivateSpecialistReports {
    static final String FILE = "npr_private_specialists.csv";
    static final int GAP_SPECIALISTS = 3;
    static final int GAP_TERTIAL = 2;
    private static final long STREAM = 9_101;
    private static final String[] SPECIALTY_SEX = {"1", "2"};

    /** One specialist of the reference list; valid from and to as epoch days ({@code to} exclusive, MAX_VALUE open). */
    record Specialist(String orgnr, String specialty, String rhfId, String rhfName, int validFrom, int validTo) {
    }

    private final List<Specialist> specialists;
    private final long seed;
    private final double scale;
    private final int lastYear;

    PrivateSpecialistReports(List<Specialist> specialists, long seed, double scale, int lastYear) {
        this.specialists = specialists;
        this.seed = seed;
        this.scale = scale;
        this.lastYear = lastYear;
    }

    static List<Specialist> load(Path referenceDir) {
        Path file = referenceDir.resolve(FILE);
        List<Specialist> out = new ArrayList<>();
        try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            for (String[] row : SynthReference.parse(r, file.toString())) {
                out.add(new Specialist(row[0], row[2], row[3], row[4], day(row[5], Integer.MIN_VALUE),
                        day(row.length > 6 ? row[6] : "", Integer.MAX_VALUE)));
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + file + ": " + e.getMessage(), e);
        }
        return out;
    }

    private static int day(String iso, int none) {
        if (iso == null || iso.isBlank()) return none;
        String[] p = iso.split("-");
        return Civil.epochDay(Integer.parseInt(p[0]), Integer.parseInt(p[1]), Integer.parseInt(p[2]));
    }

    /** The RHF whose specialists leave the planted gap: the agreement RHF of a specialist drawn from the seed. */
    String gapRhf() {
        SplittableRandom r = Rng.stream(seed, Rng.UNITS, 0, STREAM - 1);
        return specialists.get(r.nextInt(specialists.size())).rhfId();
    }

    /** The first {@value #GAP_SPECIALISTS} specialists of the gap RHF valid in the gap tertial. */
    List<Specialist> gapSpecialists() {
        int start = Civil.epochDay(lastYear, 1 + 4 * (GAP_TERTIAL - 1), 1);
        String rhf = gapRhf();
        return specialists.stream().filter(s -> s.rhfId().equals(rhf) && valid(s, start)).limit(GAP_SPECIALISTS).toList();
    }

    private static boolean valid(Specialist s, int day) {
        return s.validFrom() <= day && day < s.validTo();
    }

    void write(ExtractWriter w, int year) {
        SplittableRandom r = Rng.stream(seed, Rng.UNITS, year, STREAM);
        List<Specialist> gap = gapSpecialists();
        int trials = (int) Math.round(1200 * scale);
        for (int t = 1; t <= 3; t++) {
            int start = Civil.epochDay(year, 1 + 4 * (t - 1), 1);
            int end = t == 3 ? Civil.epochDay(year + 1, 1, 1) : Civil.epochDay(year, 1 + 4 * t, 1);
            for (int k = 0; k < specialists.size(); k++) {
                Specialist s = specialists.get(k);
                if (!valid(s, start)) continue;
                int contacts = 1 + Rng.binomial(r, trials, 0.5);
                boolean silent = year == lastYear && t == GAP_TERTIAL && gap.contains(s);
                List<Integer> days = new ArrayList<>();
                for (int c = 0; c < contacts; c++) days.add(start + r.nextInt(end - start));
                days.sort(Integer::compare);
                for (int c = 0; c < contacts; c++) {
                    int age = 18 + r.nextInt(70);
                    String sex = SPECIALTY_SEX[r.nextInt(2)];
                    if (silent) continue; // the draws are made all the same: the gap changes no other row
                    w.str(0, "PS" + year + "T" + t + "-" + s.orgnr() + "-" + (c + 1)).str(1, s.orgnr())
                            .date(2, days.get(c)).str(3, s.specialty()).num(4, age).str(5, sex).end();
                }
            }
        }
    }

    Map<String, Object> truth() {
        List<Specialist> gap = gapSpecialists();
        String rhf = gapRhf();
        int start = Civil.epochDay(lastYear, 1 + 4 * (GAP_TERTIAL - 1), 1);
        long expected = specialists.stream().filter(s -> s.rhfId().equals(rhf) && valid(s, start)).count();
        Map<String, Object> t = new LinkedHashMap<>();
        t.put("rhf_id", rhf);
        t.put("rhf_name", gap.isEmpty() ? null : gap.get(0).rhfName());
        t.put("tertial_start", lastYear + "-0" + (1 + 4 * (GAP_TERTIAL - 1)) + "-01");
        t.put("silent_providers", gap.stream().map(Specialist::orgnr).toList());
        t.put("expected_reporters_in_rhf", expected);
        t.put("reporting_share_in_rhf", expected == 0 ? null : (expected - gap.size()) / (double) expected);
        t.put("note", "these private specialists with agreements report nothing in the tertial; every other valid "
                + "specialist reports at least one contact in every tertial (share 1.0)");
        return t;
    }
}
