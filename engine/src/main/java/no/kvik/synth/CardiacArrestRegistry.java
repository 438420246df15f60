package no.kvik.synth;

import static no.kvik.synth.ChunkContext.DAY;
import static no.kvik.synth.ChunkContext.HOUR;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The cardiac-arrest family (cardiac_arrest, Norsk hjertestansregister): sudden out-of-hospital cardiac arrests
 * attended by the ambulance of the person's health trust, with who started CPR and whether circulation returned.
 *
 * <p>It draws from a stream of its own ({@link Rng#CARDIAC_ARREST}, per year and chunk) and numbers its rows
 * itself, and it changes no person's state: every other extract is byte for byte what it was without it. So an
 * arrest without return of circulation has no death record (the family is independent of the death registry).
 */
final class CardiacArrestRegistry implements RegistryFamily {
    private static final Extract ARREST = Extract.CARDIAC_ARREST;
    private static final int ARREST_ID = ARREST.column("arrest_id"), PATIENT = ARREST.column("patient_id"),
            AMBULANCE_ORG = ARREST.column("ambulance_org"), CENTRAL = ARREST.column("central_id"),
            MUNICIPALITY = ARREST.column("municipality"), ARREST_TIME = ARREST.column("arrest_time"),
            EMS_WITNESSED = ARREST.column("ems_witnessed"), BYSTANDER_CPR = ARREST.column("bystander_cpr"),
            ROSC = ARREST.column("rosc"), AGE = ARREST.column("age"), SEX = ARREST.column("sex");

    /** Share of arrests that happen after the ambulance crew has arrived (excluded by the indicators). */
    static final double EMS_WITNESSED_SHARE = 0.10;
    /** Bystander CPR before the ambulance arrived (NKI: about 80 % nationally, 2016-2019). */
    static final double BYSTANDER_CPR_SHARE = 0.80;
    /** The catchment trust (bo-HF) whose AMK area has a planted low bystander-CPR share. */
    static final int LOW_CPR_BOHF = 22;
    static final double LOW_CPR_SHARE = 0.55;
    /** Return of spontaneous circulation: about 28 % (NKI 2019), higher after bystander CPR. */
    static final double ROSC_WITHOUT_CPR = 0.20;
    static final double ROSC_WITH_CPR = 0.30;

    private final ChunkContext cx;
    private final SplittableRandom r;
    private long seq;

    CardiacArrestRegistry(ChunkContext cx) {
        this.cx = cx;
        this.r = Rng.stream(cx.plan.seed, Rng.CARDIAC_ARREST, cx.year, cx.chunk);
    }

    /**
     * Yearly incidence of an attended out-of-hospital cardiac arrest: 12, 50, 150 and 320 per 100,000 at ages
     * under 40, 40-59, 60-79 and 80+, men 1.4 and women 0.6 times that (about 60 per 100,000 over the population,
     * some 3,300 a year in Norway as NHSR reports).
     */
    static double incidence(int age, boolean male) {
        double perHundredThousand = age < 40 ? 12 : age < 60 ? 50 : age < 80 ? 150 : 320;
        return perHundredThousand / 100_000 * (male ? 1.4 : 0.6);
    }

    @Override
    public void personYear(int slot, int age, boolean male, int daysInYear) {
        if (r.nextDouble() >= incidence(age, male)) return;
        int day = cx.jan1 + r.nextInt(daysInYear);
        long time = day * DAY + (long) (r.nextDouble() * 24 * HOUR);
        boolean ems = r.nextDouble() < EMS_WITNESSED_SHARE;
        SynthReference.Site site = cx.ref.sites.get(cx.people.site[slot]);
        double cprShare = site.bohf() == LOW_CPR_BOHF ? LOW_CPR_SHARE : BYSTANDER_CPR_SHARE;
        boolean cpr = !ems && r.nextDouble() < cprShare;
        boolean rosc = r.nextDouble() < (cpr || ems ? ROSC_WITH_CPR : ROSC_WITHOUT_CPR);
        if (day > cx.people.deathDay[slot]) return; // drawn all the same, so the stream does not depend on deaths
        ExtractWriter w = cx.writer(ARREST);
        w.str(ARREST_ID, null);
        ChunkContext.id(w.cell(ARREST_ID), 'H', cx.year, cx.chunk, ++seq);
        cx.patient(w, PATIENT, slot);
        w.str(AMBULANCE_ORG, site.hfOrgnr()).str(CENTRAL, cx.ref.amkByBohf.get(site.bohf()))
                .str(MUNICIPALITY, cx.ref.municipalities.get(cx.people.muni[slot]).number()).ts(ARREST_TIME, time)
                .bool(EMS_WITNESSED, ems).bool(BYSTANDER_CPR, cpr).bool(ROSC, rosc).num(AGE, age).str(SEX, male ? "1" : "2")
                .end();
    }

    /** What truth.json says about the family: its rates and the planted AMK area. */
    static Map<String, Object> truth(SynthReference ref) {
        Map<String, Object> t = new LinkedHashMap<>();
        t.put("incidence_per_100000", "12 / 50 / 150 / 320 at ages <40 / 40-59 / 60-79 / 80+, men x1.4, women x0.6");
        t.put("ems_witnessed_share", EMS_WITNESSED_SHARE);
        t.put("bystander_cpr_share", BYSTANDER_CPR_SHARE);
        t.put("rosc_share_without_and_with_cpr", java.util.List.of(ROSC_WITHOUT_CPR, ROSC_WITH_CPR));
        Map<String, Object> low = new LinkedHashMap<>();
        low.put("catchment_bohf", LOW_CPR_BOHF);
        low.put("amk_central", ref.amkByBohf.get(LOW_CPR_BOHF));
        low.put("bystander_cpr_share", LOW_CPR_SHARE);
        low.put("note", "residents of this catchment get bystander CPR less often: low in bystander_cpr_before_ambulance at its "
                + "AMK area and its HF (ambulance service of the catchment trust)");
        t.put("low_bystander_cpr", low);
        t.put("note", "drawn from a stream of its own; an arrest changes no person (no death record follows from it), so "
                + "every other extract is as without this family");
        return t;
    }
}
