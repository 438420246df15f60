package no.kvik.synth;

import java.util.EnumMap;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * What the registry generators of one chunk-year share: the run's read-only state, the chunk's two random
 * streams, its output buffers, fault counts and counters, and the row sequence. Every generator draws from the
 * same streams, so the order in which {@link YearChunk} calls them fixes every byte of the output (except
 * {@link CardiacArrestRegistry}, which has a stream and row numbers of its own).
 */
final class ChunkContext {
    static final long DAY = Civil.SECONDS_PER_DAY;
    static final long HOUR = 3600;
    private static final Extract[] PERSON_LEVEL = {Extract.NPR_SOMATIC, Extract.DEATH, Extract.NPR_MENTAL,
            Extract.KPR_NURSING_HOME, Extract.KPR_HOME_SERVICE, Extract.KPR_GP_CONTACT, Extract.PRESCRIPTION,
            Extract.NOIS_SSI, Extract.AMK_CALL, Extract.NPR_COERCION, Extract.NPR_MH_PATHWAY, Extract.PRESCRIPTION_GP_ELDERLY,
            Extract.CARDIAC_ARREST, Extract.NPR_MH_CONTACT, Extract.PRESCRIPTION_CARDIAC};

    final Synthesizer.Run run;
    final Plan plan;
    final People people;
    final Codes codes;
    final SynthReference ref;
    final int year;
    final int yearIndex;
    final int chunk;
    /** Draws of the simulated facts. */
    final SplittableRandom r;
    /** Draws of the planted data faults, apart so a fault never shifts the facts. */
    final SplittableRandom fr;
    /** Draws of the coercion decisions and pathways of mental-health episodes, apart so they never shift the facts. */
    final SplittableRandom mr;
    final int jan1;
    final int nextJan1;
    /** Last day of the last generated year. */
    final int horizonEnd;

    final Map<Extract, ExtractWriter> out = new EnumMap<>(Extract.class);
    /** npr_somatic rows discharged next year, written at the head of the same chunk next year. */
    final ExtractWriter spill;
    final long[][] faults = new long[Extract.values().length][Fault.values().length];
    final long[] spillFaults = new long[Fault.values().length];
    final ChunkStats stats;
    /** Frailty multipliers of the current person (filled once per person and year). */
    final double[] fm = new double[3];
    /** End of the last somatic episode written for the current person. */
    long busyUntil;
    private long seq;

    ChunkContext(Synthesizer.Run run, int year, int chunk) {
        this.run = run;
        this.plan = run.plan();
        this.people = run.people();
        this.codes = run.codes();
        this.ref = run.ref();
        this.year = year;
        this.yearIndex = year - plan.firstYear;
        this.chunk = chunk;
        this.r = Rng.stream(plan.seed, Rng.YEAR_CHUNK, year, chunk);
        this.fr = Rng.stream(plan.seed, Rng.FAULTS, year, chunk);
        this.mr = Rng.stream(plan.seed, Rng.MENTAL_DETAIL, year, chunk);
        this.jan1 = Civil.yearStart(year);
        this.nextJan1 = Civil.yearStart(year + 1);
        this.horizonEnd = Civil.yearStart(plan.lastYear + 1) - 1;
        for (Extract e : PERSON_LEVEL) out.put(e, new ExtractWriter(run.contract(e), e.columns, run.blocks()));
        spill = new ExtractWriter(run.contract(Extract.NPR_SOMATIC), Extract.NPR_SOMATIC.columns, run.blocks());
        stats = new ChunkStats(ref.municipalities.size(), ref.sites.size(), plan.lastYear - plan.firstYear + 1);
    }

    ExtractWriter writer(Extract e) {
        return out.get(e);
    }

    /** Starts a row: its unique id in {@code idColumn}. */
    void rowId(ExtractWriter w, int idColumn, char prefix) {
        w.str(idColumn, null);
        id(w.cell(idColumn), prefix, year, chunk, ++seq);
    }

    void patient(ExtractWriter w, int col, int slot) {
        w.str(col, null);
        People.appendPatientId(w.cell(col), people.uid(slot));
    }

    String sex(int slot) {
        return people.male[slot] == 1 ? "1" : "2";
    }

    String residence(int slot) {
        return ref.municipalities.get(people.muni[slot]).number();
    }

    /** Moves the person's death earlier (never later) to {@code day}, with its cause. */
    void scheduleDeath(int slot, int day, String cause) {
        if (day < people.deathDay[slot]) {
            people.deathDay[slot] = day;
            people.deathCause[slot] = cause;
        }
    }

    /** One draw from the fault stream: the row's fault kind, or null (each kind at {@link Plan#FAULT_RATE}). */
    Fault drawFault(Extract e) {
        Fault[] kinds = e.faultKinds;
        double u = fr.nextDouble();
        int k = (int) (u / Plan.FAULT_RATE);
        return k < kinds.length ? kinds[k] : null;
    }

    void countFault(Extract e, Fault f) {
        faults[e.ordinal()][f.ordinal()]++;
    }

    /** Ends the row, twice when its fault is a duplicate. */
    static void end(ExtractWriter w, Fault f) {
        if (f == Fault.DUPLICATE_ROW) w.endTwice(); else w.end();
    }

    /** Unique id: prefix, generating year, chunk (5 digits) and a sequence number (8 digits). */
    static void id(StringBuilder sb, char prefix, int year, int chunk, long seq) {
        sb.append(prefix).append(year);
        pad(sb, chunk, 5);
        pad(sb, seq, 8);
    }

    private static void pad(StringBuilder sb, long v, int width) {
        int digits = 1;
        for (long t = v; t >= 10; t /= 10) digits++;
        for (int i = digits; i < width; i++) sb.append('0');
        sb.append(v);
    }
}
