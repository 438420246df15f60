package no.kvik.synth;

import java.util.EnumSet;
import java.util.Set;

/** The KPR municipal-care family: nursing-home stays (kpr_nursing_home) and home-service decisions (kpr_home_service). */
final class MunicipalCareRegistry implements RegistryFamily {
    private static final Extract NH = Extract.KPR_NURSING_HOME;
    private static final int STAY_ID = NH.column("stay_id"), NH_PATIENT = NH.column("patient_id"),
            NH_MUNICIPALITY = NH.column("municipality"), STAY_TYPE = NH.column("stay_type"),
            NH_START = NH.column("start_date"), NH_END = NH.column("end_date"),
            PHYSICIAN = NH.column("physician_assessment_date"), DENTAL = NH.column("dental_assessment_date"),
            MEDICATION = NH.column("medication_review_date"), NH_PLAN = NH.column("individual_plan"),
            NH_AGE = NH.column("age"), NH_SEX = NH.column("sex");
    private static final Extract HS = Extract.KPR_HOME_SERVICE;
    private static final int DECISION_ID = HS.column("decision_id"), HS_PATIENT = HS.column("patient_id"),
            HS_MUNICIPALITY = HS.column("municipality"), SERVICE_TYPE = HS.column("service_type"),
            APPLICATION = HS.column("application_date"), DECISION = HS.column("decision_date"),
            SERVICE_START = HS.column("service_start_date"), HS_PLAN = HS.column("individual_plan"),
            HS_AGE = HS.column("age"), HS_SEX = HS.column("sex");
    private static final Set<Cond> EVENTS = EnumSet.of(Cond.HOME_SERVICE, Cond.NURSING_LONG, Cond.NURSING_SHORT,
            Cond.NURSING_RESPITE);

    private final ChunkContext cx;
    private final People p;

    MunicipalCareRegistry(ChunkContext cx) {
        this.cx = cx;
        this.p = cx.people;
    }

    @Override
    public Set<Cond> events() {
        return EVENTS;
    }

    @Override
    public void event(int slot, Cond c, int day) {
        switch (c) {
            case HOME_SERVICE -> homeService(slot, day);
            case NURSING_LONG -> nursing(slot, day, "21");
            case NURSING_SHORT -> nursing(slot, day, "20");
            case NURSING_RESPITE -> nursing(slot, day, "22");
            default -> throw new IllegalStateException("unhandled municipal-care event " + c);
        }
    }

    /** A nursing-home stay of type 21 (long-term), 20 (short-term) or 22 (respite). */
    private void nursing(int slot, int day, String type) {
        if (p.nursingUntil[slot] > day) return; // already in a long-term stay
        ExtractWriter w = cx.writer(NH);
        int m = p.muni[slot];
        int age = p.age(slot, day);
        boolean longTerm = type.equals("21");
        int end = longTerm ? longTermEnd(slot, day, m) : day + (type.equals("20") ? 7 + cx.r.nextInt(35) : 3 + cx.r.nextInt(12));
        boolean ongoing = end > cx.horizonEnd;
        int refDay = ongoing ? cx.horizonEnd : end;
        cx.rowId(w, STAY_ID, 'N');
        cx.patient(w, NH_PATIENT, slot);
        w.str(NH_MUNICIPALITY, cx.ref.municipalities.get(m).number()).str(STAY_TYPE, type).date(NH_START, day);
        if (ongoing) w.empty(NH_END); else w.date(NH_END, end);
        if (longTerm) {
            assessment(w, PHYSICIAN, day, refDay, Rng.logistic(1.0 + cx.plan.nursingAssessLogit[m]));
            assessment(w, DENTAL, day, refDay, 0.32);
            assessment(w, MEDICATION, day, refDay, 0.58);
        } else {
            if (cx.r.nextDouble() < 0.8) w.date(PHYSICIAN, day + cx.r.nextInt(Math.max(1, end - day))); else w.empty(PHYSICIAN);
            w.empty(DENTAL);
            if (cx.r.nextDouble() < 0.3) w.date(MEDICATION, day + cx.r.nextInt(Math.max(1, end - day))); else w.empty(MEDICATION);
        }
        double u = cx.r.nextDouble();
        if (u < 0.1) w.empty(NH_PLAN); else w.bool(NH_PLAN, u < 0.16);
        w.num(NH_AGE, age).str(NH_SEX, cx.sex(slot));
        Fault f = cx.drawFault(NH);
        if (f != null) {
            cx.countFault(NH, f);
            switch (f) {
                case MISSING_REQUIRED -> w.empty(NH_MUNICIPALITY);
                case IMPOSSIBLE_DATE -> w.date(NH_END, day - 5);
                case IMPOSSIBLE_AGE -> w.num(NH_AGE, 130);
                default -> { }
            }
        }
        ChunkContext.end(w, f);
    }

    /** End of a long-term stay (85% end in death); counts the resident at each year end the stay spans. */
    private int longTermEnd(int slot, int day, int m) {
        int end = day + 30 + (int) (800 * cx.r.nextExponential());
        if (end <= cx.horizonEnd && cx.r.nextDouble() < 0.85) cx.scheduleDeath(slot, end, Rng.pick(cx.r, cx.codes.deathCauses));
        if (p.deathDay[slot] < end) end = p.deathDay[slot];
        p.nursingUntil[slot] = end;
        for (int y = cx.year; y <= cx.plan.lastYear; y++) {
            int dec31 = Civil.yearStart(y + 1) - 1;
            if (end > dec31) cx.stats.nursingLongAtYearEnd[y - cx.plan.firstYear][m]++;
        }
        return end;
    }

    /** Latest assessment: within 12 months of the reference day (share p), older, or not reported. */
    private void assessment(ExtractWriter w, int col, int start, int refDay, double p12) {
        double u = cx.r.nextDouble();
        int span = refDay - start;
        if (u < p12) {
            w.date(col, refDay - cx.r.nextInt(Math.max(1, Math.min(365, span + 1))));
        } else if (u < p12 + (1 - p12) * 0.55 && span > 400) {
            w.date(col, refDay - 366 - cx.r.nextInt(span - 366));
        } else {
            w.empty(col);
        }
    }

    private void homeService(int slot, int day) {
        ExtractWriter w = cx.writer(HS);
        int age = p.age(slot, day);
        double u = cx.r.nextDouble();
        String type = u < 0.6 ? "HOME_NURSING" : u < 0.78 ? "PHYSIO" : u < 0.87 ? "DAY_ACTIVITY" : u < 0.95 ? "SUPPORT_CONTACT" : "NURSING_HOME";
        cx.rowId(w, DECISION_ID, 'H');
        cx.patient(w, HS_PATIENT, slot);
        w.str(HS_MUNICIPALITY, cx.residence(slot)).str(SERVICE_TYPE, type);
        if (cx.r.nextDouble() < 0.05) w.empty(APPLICATION); else w.date(APPLICATION, day - cx.r.nextInt(31));
        w.date(DECISION, day);
        double v = cx.r.nextDouble();
        if (v < 0.04) {
            w.empty(SERVICE_START);
        } else {
            double s = cx.r.nextDouble();
            int wait = s < 0.84 ? cx.r.nextInt(16) : s < 0.90 ? 16 + cx.r.nextInt(15) : 31 + (int) (40 * cx.r.nextExponential());
            w.date(SERVICE_START, day + wait);
        }
        double ip = cx.r.nextDouble();
        if (ip < 0.1) w.empty(HS_PLAN); else w.bool(HS_PLAN, ip < 0.16);
        w.num(HS_AGE, age).str(HS_SEX, cx.sex(slot)).end();
    }
}
