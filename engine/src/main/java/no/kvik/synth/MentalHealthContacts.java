package no.kvik.synth;

import java.util.SplittableRandom;

/**
 * The contacts (npr_mh_contact) of the mental-health episodes that {@link MentalHealthRegistry} writes: the
 * admissions of an inpatient episode (its stay, and a readmission after some discharges), the outpatient
 * consultations that follow a discharge, and the consultations and day contacts of outpatient and day episodes.
 * Every draw comes from a stream of its own ({@link Rng#MENTAL_CONTACTS}, per year and chunk) and no row sequence
 * number is taken (ids derive from the episode's), so every other extract keeps its bytes.
 *
 * <p>A contact is written in the file of the episode's start year when it is dated no later than 31 days into the
 * next year (the contract's {@code after_period_end} tolerance) and within the generated years; later contacts
 * would belong to a later delivery, which this generator does not carry over to: a stay begun late in one year and
 * ended after about 24 January of the next loses its follow-up contacts here.
 */
final class MentalHealthContacts {
    private static final Extract CONTACT = Extract.NPR_MH_CONTACT;
    private static final int ID = CONTACT.column("contact_id"), EPISODE = CONTACT.column("episode_id"),
            PATIENT = CONTACT.column("patient_id"), ORG = CONTACT.column("provider_org"), SECTOR = CONTACT.column("sector"),
            LEVEL = CONTACT.column("care_level"), DATE = CONTACT.column("contact_date"),
            DISCHARGE = CONTACT.column("discharge_date"), ACUTE = CONTACT.column("acute"), DIRECT = CONTACT.column("direct"),
            RESIDENCE = CONTACT.column("residence_municipality"), AGE = CONTACT.column("age"), SEX = CONTACT.column("sex");

    private final ChunkContext cx;
    private final SplittableRandom r;
    /** Last day a contact of this chunk-year may carry: 31 days into the next year, and within the generated years. */
    private final int lastDay;
    private int n;

    MentalHealthContacts(ChunkContext cx) {
        this.cx = cx;
        this.r = Rng.stream(cx.plan.seed, Rng.MENTAL_CONTACTS, cx.year, cx.chunk);
        this.lastDay = Math.min(cx.nextJan1 + 30, cx.horizonEnd);
    }

    /** The facts of one written npr_mental episode that its contacts repeat; end is -1 while ongoing. */
    record Episode(int slot, String episodeId, String patientId, String org, String sector, char careLevel,
                   int start, int end) {
    }

    void write(Episode e) {
        n = 0;
        switch (e.careLevel()) {
            case '1' -> stays(e);
            case '2' -> series(e, e.start(), "2", Rng.poisson(r, 4) + 1);
            default -> series(e, e.start(), "3", outpatientConsultations(e));
        }
    }

    /**
     * The stay of an inpatient episode (discharged on the episode's end), then perhaps a readmission within 30
     * days (about 14 % in PHV adults, 10 % in children and adolescents, 20 % in TSB) or a later one (5 %), and the
     * outpatient follow-up after the last discharge: a first consultation within 7 days for about 55 % (PHV adults),
     * 75 % (children and adolescents) or 45 % (TSB), later for 60 % of the rest, then a few more. The trust's logit
     * shifts ({@link Plan#followUpLogit}, {@link Plan#readmissionLogit}) move both.
     */
    private void stays(Episode e) {
        admission(e, e.start(), e.end(), false);
        boolean tsb = e.sector().equals("TSB"), child = e.sector().equals("PHV_BU");
        int discharge = e.end();
        // the first stay may be followed by a readmission, which is followed up in its turn (and never readmitted)
        for (int stay = 0; stay < 2 && discharge >= 0; stay++) {
            int readmission = -1;
            if (stay == 0) {
                double readmit = Rng.logistic(logit(tsb ? 0.20 : child ? 0.10 : 0.14) + cx.plan.readmissionLogit(e.org()));
                double u = r.nextDouble();
                readmission = u < readmit ? discharge + 1 + r.nextInt(30) : u < readmit + 0.05 ? discharge + 31 + r.nextInt(60) : -1;
            }
            followUp(e, discharge, readmission, Rng.logistic(logit(tsb ? 0.45 : child ? 0.75 : 0.55) + cx.plan.followUpLogit(e.org())));
            if (readmission < 0) return;
            int out = readmission + 1 + (int) ((tsb ? 20 : 10) * r.nextExponential());
            admission(e, readmission, out, r.nextDouble() < 0.8);
            discharge = out;
        }
    }

    /** Outpatient consultations after a discharge, stopping before a readmission: the first within 7 days with p. */
    private void followUp(Episode e, int discharge, int readmission, double withinWeek) {
        int first = r.nextDouble() < withinWeek ? discharge + 1 + r.nextInt(7)
                : r.nextDouble() < 0.6 ? discharge + 8 + r.nextInt(50) : -1;
        if (first < 0 || (readmission >= 0 && first >= readmission)) return;
        int last = readmission < 0 ? Integer.MAX_VALUE : readmission - 1;
        int day = first;
        for (int more = Rng.poisson(r, 3); day <= last; more--) {
            contact(e, day, "3", r.nextDouble() >= 0.1);
            if (more <= 0) break;
            day += 5 + r.nextInt(14);
        }
    }

    /** Direct consultations of an outpatient episode: Poisson about 7 (PHV adults), 9 (children) or 8 (TSB), at least one. */
    private int outpatientConsultations(Episode e) {
        double mean = e.sector().equals("TSB") ? 8 : e.sector().equals("PHV_BU") ? 9 : 7;
        return 1 + Rng.poisson(r, (mean - 1) * cx.plan.consultationMultiplier(e.org()));
    }

    /** {@code count} contacts of a care level from the episode's start, a week or two apart, until its end. */
    private void series(Episode e, int start, String level, int count) {
        int end = e.end() < 0 ? Integer.MAX_VALUE : e.end();
        int day = start;
        for (int k = 0; k < count && day <= end; k++) {
            // about one in eight outpatient contacts is indirect (a meeting without the patient); the first never
            contact(e, day, level, k == 0 || r.nextDouble() >= 0.125);
            day += 7 + r.nextInt(14);
        }
    }

    private void admission(Episode e, int day, int discharge, boolean acute) {
        if (day > lastDay) return;
        ExtractWriter w = start(e, day, "1");
        if (discharge >= 0 && discharge <= cx.horizonEnd) w.date(DISCHARGE, discharge); else w.empty(DISCHARGE);
        w.bool(ACUTE, acute).bool(DIRECT, true);
        finish(w, e, day);
    }

    private void contact(Episode e, int day, String level, boolean direct) {
        if (day > lastDay) return;
        ExtractWriter w = start(e, day, level);
        w.empty(DISCHARGE).empty(ACUTE).bool(DIRECT, direct);
        finish(w, e, day);
    }

    private ExtractWriter start(Episode e, int day, String level) {
        ExtractWriter w = cx.writer(CONTACT);
        w.str(ID, "K").cell(ID).append(e.episodeId(), 1, e.episodeId().length()).append('-').append(++n);
        w.str(EPISODE, e.episodeId()).str(PATIENT, e.patientId()).str(ORG, e.org()).str(SECTOR, e.sector())
                .str(LEVEL, level).date(DATE, day);
        return w;
    }

    private void finish(ExtractWriter w, Episode e, int day) {
        w.str(RESIDENCE, cx.residence(e.slot())).num(AGE, cx.people.age(e.slot(), day)).str(SEX, cx.sex(e.slot()));
        w.end();
    }

    private static double logit(double p) {
        return Math.log(p / (1 - p));
    }
}
