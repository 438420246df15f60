package no.kvik.synth;

import static no.kvik.synth.ChunkContext.DAY;
import static no.kvik.synth.ChunkContext.HOUR;

/**
 * The npr_somatic rows of a chunk-year: the episode being filled, the draws every somatic episode shares (site,
 * admission hour, length of stay, waiting time, Charlson conditions) and the writing of one episode row, to
 * this year's file or, when discharged next year, to the chunk's spill.
 */
final class SomaticEpisodes {
    private static final Extract NPR = Extract.NPR_SOMATIC;
    private static final int EPISODE_ID = NPR.column("episode_id"), PATIENT_ID = NPR.column("patient_id"),
            PROVIDER_ORG = NPR.column("provider_org"), ADMISSION = NPR.column("admission_time"),
            DISCHARGE = NPR.column("discharge_time"), CARE_LEVEL = NPR.column("care_level"),
            URGENCY = NPR.column("urgency"), MAIN_DIAGNOSIS = NPR.column("main_diagnosis"),
            SECONDARY = NPR.column("secondary_diagnoses"), PROCEDURES = NPR.column("procedures"),
            FIRST_PROCEDURE = NPR.column("first_procedure_time"), RESIDENCE = NPR.column("residence_municipality"),
            AGE = NPR.column("age"), SEX = NPR.column("sex"), STATUS = NPR.column("discharge_status"),
            REFERRAL = NPR.column("referral_date"), DEADLINE = NPR.column("deadline_date"),
            CARE_START = NPR.column("care_start"), EPICRISIS = NPR.column("epicrisis_sent_time"),
            PATHWAY = NPR.column("cancer_pathway"), PATHWAY_START = NPR.column("pathway_start_date"),
            PATHWAY_TREATMENT = NPR.column("pathway_treatment_date");
    /** Waiting-time guarantees (fristbrudd deadlines) in days, drawn uniformly. */
    private static final int[] FRISTS = {42, 56, 70, 84, 112, 140, 182};

    /**
     * One somatic episode, filled by the event code and written by {@link #emit}. Mutable and reused: one
     * instance per chunk keeps the row loop free of allocation.
     */
    static final class Episode {
        int site;
        long adm;
        long dis;
        char level;
        boolean acute;
        String main;
        boolean withSecondary;
        String procedures;
        long firstProc;
        char status;
        int referral;
        int deadline;
        int careStart;
        long epicrisis;
        String pathway;
        int pathStart;
        int pathTreat;

        private Episode reset() {
            procedures = null;
            firstProc = -1;
            status = '1';
            referral = -1;
            deadline = -1;
            careStart = 0;
            epicrisis = -1;
            pathway = null;
            pathStart = -1;
            pathTreat = -1;
            withSecondary = true;
            return this;
        }
    }

    private final ChunkContext cx;
    private final People p;
    private final Episode episode = new Episode();
    private final StringBuilder secondary = new StringBuilder(128);
    private int cci;

    SomaticEpisodes(ChunkContext cx) {
        this.cx = cx;
        this.p = cx.people;
    }

    /** The chunk's episode, cleared; the previous one must have been emitted. */
    Episode next() {
        return episode.reset();
    }

    /** The person's local hospital, or (share {@code crossShare}) the region's university hospital. */
    int chooseSite(int slot, double crossShare) {
        int local = p.site[slot];
        if (cx.r.nextDouble() < crossShare) {
            int u = cx.run.universityOf(local);
            if (u >= 0) return u;
        }
        return local;
    }

    long acuteSecondOfDay() {
        double u = cx.r.nextDouble();
        double h = u < 0.75 ? 8 + cx.r.nextDouble() * 14 : cx.r.nextDouble() * 24;
        return (long) (h * HOUR) / 60 * 60;
    }

    long los(double meanDays) {
        double d = meanDays * (0.3 + 0.7 * cx.r.nextExponential());
        return Math.max(6 * HOUR, (long) (d * DAY) / 60 * 60);
    }

    /** Referral, deadline and start of care for a planned episode: about 8% start after the deadline. */
    void waiting(Episode e, int day, int site) {
        int frist = FRISTS[cx.r.nextInt(FRISTS.length)];
        double factor = cx.plan.waitFactorByBohf[cx.ref.sites.get(site).bohf()];
        int wait;
        if (cx.r.nextDouble() < 0.08 * factor * factor) {
            wait = frist + 1 + (int) (cx.r.nextExponential() * 20);
        } else {
            wait = (int) (frist * Math.min(1.0, (0.1 + 0.75 * cx.r.nextDouble()) * factor));
        }
        e.referral = day - wait;
        e.deadline = e.referral + frist;
        e.careStart = 1;
    }

    /** Secondary diagnoses of the latest {@link #comorbidity} call. */
    String secondary() {
        return secondary.toString();
    }

    /** Charlson index of the latest {@link #comorbidity} call. */
    int cci() {
        return cci;
    }

    /**
     * Chronic Charlson conditions of the person: fixed per person (drawn from a hash of the patient id),
     * more likely with age and frailty (and in the planted case-mix catchment); fills {@link #secondary()} and
     * {@link #cci()}.
     */
    void comorbidity(int slot, int age) {
        secondary.setLength(0);
        cci = 0;
        Codes codes = cx.codes;
        long h = Rng.mix(cx.plan.seed * 0x9E3779B97F4A7C15L + p.uid(slot));
        boolean dmComplicated = false;
        boolean metastatic = false;
        double shift = cx.plan.comorbidityShift[p.site[slot]];
        for (int k = 0; k < codes.charlson.length; k++) {
            double u = (Rng.mix(h + k) >>> 11) * 0x1.0p-53;
            double pk = Rng.logistic(codes.charlsonLogit[k] + 0.05 * (age - 70) + 0.7 * p.frail[slot] + shift);
            if (u < pk) {
                appendCode(codes.charlson[k]);
                if (k == 10) dmComplicated = true;
                if (k == 14) metastatic = true;
                cci += codes.charlsonWeight[k];
            }
        }
        // Charlson hierarchy: complicated diabetes over uncomplicated, metastatic over any malignancy
        if (dmComplicated && secondary.indexOf("E119") >= 0) cci -= 1;
        if (metastatic && secondary.indexOf("C910") >= 0) cci -= 2;
        int fill = cx.r.nextInt(3);
        for (int i = 0; i < fill; i++) {
            String f = codes.fillers[(int) ((Rng.mix(h + 100 + i) >>> 33) % codes.fillers.length)];
            if (secondary.indexOf(f) < 0) appendCode(f);
        }
    }

    private void appendCode(String code) {
        if (secondary.length() > 0) secondary.append(' ');
        secondary.append(code);
    }

    /**
     * Writes the episode unless a death scheduled by an earlier event came first, it is discharged after next
     * year, or it falls in the planted reporting gap; a death inside the stay ends it (status 9).
     */
    void emit(int slot, Episode e, String secondaryDiagnoses, int age) {
        int dd = p.deathDay[slot];
        if (dd != People.DEAD_NEVER) {
            // a death scheduled by an earlier event ends this stay (in hospital) or means it never happened
            long dt = dd * DAY + 12 * HOUR;
            if (dt <= e.adm) return;
            if (dt < e.dis) endByDeath(e, dt);
        }
        int disDay = (int) Math.floorDiv(e.dis, DAY);
        int disYear = Civil.year(disDay);
        cx.busyUntil = Math.max(cx.busyUntil, e.dis);
        ExtractWriter w;
        long[] faultCounts;
        if (disYear == cx.year) {
            w = cx.writer(NPR);
            faultCounts = cx.faults[NPR.ordinal()];
        } else if (disYear == cx.year + 1) {
            w = cx.spill;
            faultCounts = cx.spillFaults;
        } else {
            return;
        }
        if (e.level == '1') cx.stats.inpatientDays[e.site] += Math.max(1, (e.dis - e.adm) / DAY);
        SynthReference.Site site = cx.ref.sites.get(e.site);
        if (site.bohf() == cx.plan.gapBohf && disYear == cx.plan.gapYear && Civil.tertial(disDay) == cx.plan.gapTertial) {
            return; // the trust's missing tertial: nothing reported
        }
        if (e.status != '9' && e.level != '3') e.epicrisis = e.dis + epicrisisDelay(e.site, disYear - cx.plan.firstYear) / 60 * 60;
        row(w, slot, e, site, secondaryDiagnoses, age);
        plantFault(w, e, faultCounts);
        CardiacMedicationRegistry.noteStay(cx, slot, e); // draws nothing: the streams above are untouched
    }

    private static void endByDeath(Episode e, long deathTime) {
        e.dis = deathTime;
        e.status = '9';
        if (e.firstProc >= deathTime) {
            e.firstProc = -1;
            e.procedures = null;
        }
    }

    /** Seconds from discharge to the epicrisis being sent: within a day (the site's share in that year of the data), 2-7 days, or later. */
    private long epicrisisDelay(int site, int yearIndex) {
        double fast = Rng.logistic(0.8 + cx.plan.epicrisisLogit(site, yearIndex));
        double u = cx.r.nextDouble();
        if (u < fast) return HOUR + (long) (cx.r.nextDouble() * 22 * HOUR);
        if (u < fast + (1 - fast) * 0.61) return 2 * DAY + (long) (cx.r.nextDouble() * 5 * DAY);
        return 8 * DAY + (long) (cx.r.nextDouble() * 32 * DAY);
    }

    private void row(ExtractWriter w, int slot, Episode e, SynthReference.Site site, String secondaryDiagnoses, int age) {
        cx.rowId(w, EPISODE_ID, 'E');
        cx.patient(w, PATIENT_ID, slot);
        w.str(PROVIDER_ORG, site.orgnr()).ts(ADMISSION, e.adm).ts(DISCHARGE, e.dis);
        w.str(CARE_LEVEL, e.level == '1' ? "1" : e.level == '2' ? "2" : "3").str(URGENCY, e.acute ? "1" : "4");
        w.str(MAIN_DIAGNOSIS, e.main).str(SECONDARY, e.withSecondary ? secondaryDiagnoses : null).str(PROCEDURES, e.procedures);
        if (e.firstProc >= 0) w.ts(FIRST_PROCEDURE, e.firstProc); else w.empty(FIRST_PROCEDURE);
        w.str(RESIDENCE, cx.residence(slot)).num(AGE, age).str(SEX, cx.sex(slot));
        w.str(STATUS, e.status == '1' ? "1" : e.status == '2' ? "2" : e.status == '3' ? "3" : "9");
        if (e.referral >= 0) w.date(REFERRAL, e.referral); else w.empty(REFERRAL);
        if (e.deadline >= 0) w.date(DEADLINE, e.deadline); else w.empty(DEADLINE);
        if (e.careStart == 0) w.empty(CARE_START); else w.bool(CARE_START, e.careStart == 1);
        if (e.epicrisis >= 0) w.ts(EPICRISIS, e.epicrisis); else w.empty(EPICRISIS);
        w.str(PATHWAY, e.pathway);
        if (e.pathStart >= 0) w.date(PATHWAY_START, e.pathStart); else w.empty(PATHWAY_START);
        if (e.pathTreat >= 0) w.date(PATHWAY_TREATMENT, e.pathTreat); else w.empty(PATHWAY_TREATMENT);
    }

    private void plantFault(ExtractWriter w, Episode e, long[] faultCounts) {
        Fault f = cx.drawFault(NPR);
        if (f == null) {
            w.end();
            return;
        }
        faultCounts[f.ordinal()]++;
        switch (f) {
            case INVALID_CODE -> w.str(MAIN_DIAGNOSIS, cx.codes.invalidIcd[cx.fr.nextInt(cx.codes.invalidIcd.length)]);
            case MISSING_REQUIRED -> w.empty(RESIDENCE);
            case DANGLING_UNIT -> w.str(PROVIDER_ORG, cx.codes.danglingOrg);
            case IMPOSSIBLE_DATE -> w.ts(ADMISSION, e.dis + 26 * HOUR);
            case IMPOSSIBLE_AGE -> w.num(AGE, 130);
            default -> { }
        }
        ChunkContext.end(w, f);
    }
}
