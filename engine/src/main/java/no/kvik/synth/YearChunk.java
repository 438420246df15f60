package no.kvik.synth;

import static no.kvik.synth.ChunkContext.DAY;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Generates every person-level extract for one year and one fixed range of register slots. A chunk only
 * touches its own slots and its own random streams, so chunks run in parallel with identical output.
 * Per person it draws a background death and the year's dated events, hands each event (in date order) to the
 * registry family that owns it, then asks the per-year families in a fixed order; that order is the order of
 * the random draws, so changing it changes every file.
 */
final class YearChunk {
    /** The person events drawn each year, in draw order (the order of the Poisson draws per person). */
    private static final Cond[] PERSON_EVENTS = {
            Cond.AMI, Cond.STROKE, Cond.HIP_FRACTURE, Cond.CANCER_LUNG, Cond.CANCER_BREAST, Cond.CANCER_COLORECTAL,
            Cond.CANCER_PROSTATE, Cond.CANCER_MELANOMA, Cond.CANCER_BLADDER, Cond.CANCER_OTHER, Cond.PNEUMONIA,
            Cond.COPD, Cond.HEART_FAILURE, Cond.UTI, Cond.FRACTURE, Cond.GASTROENTERITIS, Cond.DEHYDRATION,
            Cond.CONSTIPATION, Cond.ARTHRITIS, Cond.ANEMIA, Cond.HIP_PROSTHESIS, Cond.CHOLECYSTECTOMY, Cond.CAESAREAN,
            Cond.COLON_SURGERY, Cond.CABG, Cond.OTHER_INPATIENT, Cond.DAY_TREATMENT, Cond.OUTPATIENT,
            Cond.MENTAL_ADULT, Cond.MENTAL_CHILD, Cond.TSB, Cond.HOME_SERVICE, Cond.NURSING_LONG, Cond.NURSING_SHORT,
            Cond.NURSING_RESPITE};
    private static final Cond[] CONDS = Cond.values();

    private final ChunkContext cx;
    private final People p;
    final int year;
    final int chunk;
    private final int from;
    private final int to;
    /** The family that writes each person event, by {@link Cond#ordinal()}. */
    private final RegistryFamily[] byEvent = new RegistryFamily[CONDS.length];
    /** The families asked once per person and year, after the person's events, in this order. */
    private final List<RegistryFamily> perYear;
    private final long[] eventBuf = new long[4096];

    final Map<Extract, ExtractWriter> out;
    /** npr_somatic rows discharged next year, written at the head of the same chunk next year. */
    final ExtractWriter spill;
    final long[][] faults;
    final long[] spillFaults;
    final ChunkStats stats;

    YearChunk(Synthesizer.Run run, int year, int chunk, int from, int to) {
        this.cx = new ChunkContext(run, year, chunk);
        this.p = cx.people;
        this.year = year;
        this.chunk = chunk;
        this.from = from;
        this.to = to;
        for (RegistryFamily f : List.of(new SomaticRegistry(cx), new MentalHealthRegistry(cx), new MunicipalCareRegistry(cx))) {
            for (Cond c : f.events()) byEvent[c.ordinal()] = f;
        }
        for (Cond c : PERSON_EVENTS) {
            if (byEvent[c.ordinal()] == null) throw new IllegalStateException("no registry family writes event " + c);
        }
        // the cardiac-arrest and cardiac-medication families draw from streams of their own: last, and nothing before
        // them depends on them
        perYear = List.of(new PrescriptionRegistry(cx), new GpContactRegistry(cx), new EmergencyCallRegistry(cx),
                new DeathRegistry(cx), new ElderlyPrescriptionRegistry(cx),
                new CardiacArrestRegistry(cx), new CardiacMedicationRegistry(cx));
        this.out = cx.out;
        this.spill = cx.spill;
        this.faults = cx.faults;
        this.spillFaults = cx.spillFaults;
        this.stats = cx.stats;
    }

    YearChunk run() {
        int ndays = cx.nextJan1 - cx.jan1;
        for (int slot = from; slot < to; slot++) {
            if (p.deathDay[slot] < cx.jan1) newborn(slot);
            boolean male = p.male[slot] == 1;
            int age0 = p.age(slot, cx.jan1);
            stats.population[p.muni[slot]][p.male[slot]][Math.min(People.MAX_AGE, age0)]++;
            Plan.frailtyMultipliers(p.frail[slot], cx.fm);
            backgroundDeath(slot, age0, male, ndays);
            int n = drawEvents(age0, male, ndays);
            writeEvents(slot, n);
            for (RegistryFamily f : perYear) f.personYear(slot, age0, male, ndays);
        }
        return this;
    }

    /** A person not yet dead may die this year of a background cause (everyone by age 107). */
    private void backgroundDeath(int slot, int age, boolean male, int ndays) {
        if (p.deathDay[slot] != People.DEAD_NEVER) return;
        double q = age >= 107 ? 1 : cx.plan.rate(Cond.BACKGROUND_DEATH, age, male, cx.fm);
        if (cx.r.nextDouble() < q) {
            p.deathDay[slot] = cx.jan1 + cx.r.nextInt(ndays);
            p.deathCause[slot] = Rng.pick(cx.r, cx.codes.deathCauses);
        }
    }

    /** Poisson counts of every person event with uniform days; fills {@link #eventBuf} sorted by day. */
    private int drawEvents(int age, boolean male, int ndays) {
        int n = 0;
        for (Cond c : PERSON_EVENTS) {
            double mean = cx.plan.rate(c, age, male, cx.fm);
            if (mean <= 0) continue;
            int k = Rng.poisson(cx.r, mean);
            for (int i = 0; i < k && n < eventBuf.length; i++) {
                eventBuf[n++] = ((long) (cx.jan1 + cx.r.nextInt(ndays)) << 16) | c.ordinal();
            }
        }
        Arrays.sort(eventBuf, 0, n);
        return n;
    }

    private void writeEvents(int slot, int n) {
        cx.busyUntil = 0;
        for (int i = 0; i < n; i++) {
            int day = (int) (eventBuf[i] >> 16);
            if (day >= p.deathDay[slot]) break;
            Cond c = CONDS[(int) (eventBuf[i] & 0xFFFF)];
            // somatic episodes already written for later dates (readmission, transfer, planned treatment)
            // are facts: a new hospital event inside that span is not drawn
            if (c.ordinal() <= Cond.OUTPATIENT.ordinal() && day * DAY < cx.busyUntil) continue;
            stats.cases[c.ordinal()]++;
            byEvent[c.ordinal()].event(slot, c, day);
        }
    }

    private void newborn(int slot) {
        p.generation[slot]++;
        p.male[slot] = (byte) (cx.r.nextDouble() < 0.513 ? 1 : 0);
        int y0 = Civil.yearStart(year - 1);
        p.birthDay[slot] = y0 + cx.r.nextInt(cx.jan1 - y0);
        p.frail[slot] = (float) (cx.r.nextGaussian() + cx.plan.frailtyShift(p.site[slot]));
        p.deathDay[slot] = People.DEAD_NEVER;
        p.deathCause[slot] = null;
        p.nursingUntil[slot] = 0;
    }
}
