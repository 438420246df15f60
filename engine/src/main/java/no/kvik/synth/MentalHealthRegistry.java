package no.kvik.synth;

import static no.kvik.synth.ChunkContext.DAY;
import static no.kvik.synth.ChunkContext.HOUR;

import java.util.EnumSet;
import java.util.Set;

/** The NPR mental-health family (npr_mental): adult and child psychiatry (PHV) and substance-abuse care (TSB). */
final class MentalHealthRegistry implements RegistryFamily {
    private static final Extract NPR = Extract.NPR_MENTAL;
    private static final int EPISODE_ID = NPR.column("episode_id"), PATIENT_ID = NPR.column("patient_id"),
            PROVIDER_ORG = NPR.column("provider_org"), SECTOR = NPR.column("sector"), CARE_LEVEL = NPR.column("care_level"),
            REFERRAL = NPR.column("referral_date"), ASSESSMENT = NPR.column("assessment_date"),
            DEADLINE = NPR.column("deadline_date"), START = NPR.column("start_date"), END = NPR.column("end_date"),
            END_REASON = NPR.column("end_reason"), MAIN_DIAGNOSIS = NPR.column("main_diagnosis"),
            RESIDENCE = NPR.column("residence_municipality"), AGE = NPR.column("age"), SEX = NPR.column("sex"),
            EPICRISIS = NPR.column("epicrisis_sent_time");
    private static final Set<Cond> EVENTS = EnumSet.of(Cond.MENTAL_ADULT, Cond.MENTAL_CHILD, Cond.TSB);

    private final ChunkContext cx;
    private final MentalHealthDetails details;
    private final MentalHealthContacts contacts;

    MentalHealthRegistry(ChunkContext cx) {
        this.cx = cx;
        this.details = new MentalHealthDetails(cx);
        this.contacts = new MentalHealthContacts(cx);
    }

    @Override
    public Set<Cond> events() {
        return EVENTS;
    }

    @Override
    public void event(int slot, Cond c, int day) {
        switch (c) {
            case MENTAL_ADULT -> episode(slot, day, "PHV_V");
            case MENTAL_CHILD -> episode(slot, day, "PHV_BU");
            case TSB -> episode(slot, day, "TSB");
            default -> throw new IllegalStateException("unhandled mental-health event " + c);
        }
    }

    private void episode(int slot, int day, String sector) {
        ExtractWriter w = cx.writer(NPR);
        int age = cx.people.age(slot, day);
        SynthReference.Site site = cx.ref.sites.get(cx.people.site[slot]);
        boolean tsb = sector.equals("TSB");
        double inpatientShare = tsb ? 0.25 : sector.equals("PHV_V") ? 0.08 : 0.05;
        char level = cx.r.nextDouble() < inpatientShare ? '1' : cx.r.nextDouble() < 0.05 ? '2' : '3';
        double meanWait = tsb ? 33 : sector.equals("PHV_V") ? 45 : 55;
        int wait = (int) (meanWait * (0.2 + 0.8 * cx.r.nextExponential()));
        int referral = day - wait;
        int assessment = referral + 1 + (cx.r.nextDouble() < 0.85 ? cx.r.nextInt(13) : 14 + cx.r.nextInt(20));
        if (assessment > day) assessment = day;
        int deadline = referral + (tsb ? 30 : 65) + cx.r.nextInt(20);
        int end;
        if (level == '1') end = day + 1 + (int) ((tsb ? 40 : 20) * cx.r.nextExponential());
        else end = cx.r.nextDouble() < 0.2 ? -1 : day + 14 + cx.r.nextInt(300);
        cx.rowId(w, EPISODE_ID, 'M');
        cx.patient(w, PATIENT_ID, slot);
        String episodeId = w.cell(EPISODE_ID).toString();
        String patientId = w.cell(PATIENT_ID).toString();
        w.str(PROVIDER_ORG, site.hfOrgnr()).str(SECTOR, sector).str(CARE_LEVEL, level == '1' ? "1" : level == '2' ? "2" : "3");
        w.date(REFERRAL, referral).date(ASSESSMENT, assessment).date(DEADLINE, deadline).date(START, day);
        if (end >= 0) w.date(END, end); else w.empty(END);
        endReason(w, end >= 0 && tsb && level == '1', end >= 0, site);
        String[] dx = tsb ? cx.codes.tsb : sector.equals("PHV_V") ? cx.codes.mentalAdult : cx.codes.mentalChild;
        if (cx.r.nextDouble() < 0.03) w.empty(MAIN_DIAGNOSIS); else w.str(MAIN_DIAGNOSIS, Rng.pick(cx.r, dx));
        w.str(RESIDENCE, cx.residence(slot)).num(AGE, age).str(SEX, cx.sex(slot));
        if (level == '1' && end >= 0) {
            long delay = cx.r.nextDouble() < 0.56 ? (long) (cx.r.nextDouble() * 20 * HOUR) : (long) ((1 + cx.r.nextExponential() * 6) * DAY);
            w.ts(EPICRISIS, end * DAY + 11 * HOUR + delay / 60 * 60);
        } else {
            w.empty(EPICRISIS);
        }
        plantFault(w, day);
        // the episode's coercion decisions and pathway, from their own stream: the row above is unchanged by them
        details.write(new MentalHealthDetails.Episode(slot, episodeId, patientId, site.hfOrgnr(), sector, level == '1',
                referral, day, end, age));
        // its admissions and outpatient contacts, from a stream of their own: every row above is unchanged by them
        contacts.write(new MentalHealthContacts.Episode(slot, episodeId, patientId, site.hfOrgnr(), sector, level, day, end));
    }

    /** End reason of an ended episode; often missing, and for TSB inpatients at a rate set per region. */
    private void endReason(ExtractWriter w, boolean tsbInpatient, boolean ended, SynthReference.Site site) {
        if (!ended) {
            w.empty(END_REASON);
            return;
        }
        double missing = tsbInpatient ? (site.borhf() == 3 ? 0.84 : site.borhf() == 2 ? 0.06 : 0.55) : 0.25;
        if (cx.r.nextDouble() < missing) {
            w.empty(END_REASON);
        } else {
            double u = cx.r.nextDouble();
            w.str(END_REASON, u < 0.80 ? "1" : u < 0.84 ? "2" : u < 0.92 ? "3" : u < 0.95 ? "4" : "9");
        }
    }

    private void plantFault(ExtractWriter w, int day) {
        Fault f = cx.drawFault(NPR);
        if (f != null) {
            cx.countFault(NPR, f);
            switch (f) {
                case MISSING_REQUIRED -> w.empty(RESIDENCE);
                case DANGLING_UNIT -> w.str(PROVIDER_ORG, cx.codes.danglingOrg);
                case IMPOSSIBLE_DATE -> w.date(END, day - 3);
                case IMPOSSIBLE_AGE -> w.num(AGE, 130);
                default -> { }
            }
        }
        ChunkContext.end(w, f);
    }
}
