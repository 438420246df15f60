package no.kvik.synth;

import java.util.SplittableRandom;

/**
 * GP dispensings to older persons of the three K15 drug groups (habit-forming drugs, NSAIDs, drugs with a
 * marked anticholinergic effect), written to a prescription file of their own ({@code prescription_gp_elderly_<year>.csv}).
 * It draws from a stream of its own per chunk-year ({@link Rng#MUNICIPAL_SERVICES}) and numbers its rows with its
 * own prefix and sequence, so every other file keeps its bytes. Persons 60+ are drawn (60-64 so the age bound of the
 * indicators is exercised); user shares are the NKI's 2022 national figures for the 65+ (habit-forming 33 %,
 * of whom about one in seven at 365 DDD or more; NSAIDs 14.7 %; anticholinergic 6.5 %) times a county effect and
 * the plants of {@link MunicipalServicePlan}; about 85 % of the dispensings are prescribed by a GP.
 */
final class ElderlyPrescriptionRegistry implements RegistryFamily {
    private static final Extract RX = Extract.PRESCRIPTION_GP_ELDERLY;
    private static final int DISPENSING_ID = RX.column("dispensing_id"), PATIENT_ID = RX.column("patient_id"),
            DISPENSING_DATE = RX.column("dispensing_date"), ATC = RX.column("atc"), DDD = RX.column("ddd"),
            PRESCRIBER = RX.column("prescriber_category"), RESIDENCE = RX.column("residence_municipality"),
            AGE = RX.column("age"), SEX = RX.column("sex");
    private static final String[] HABIT_FORMING = {"N05CF01", "N05CF02", "N05BA04", "N05BA01", "N02AJ06", "N02AX02", "N02AA05"};
    private static final String[] NSAIDS = {"M01AE01", "M01AE02", "M01AB05", "M01AH01"};
    private static final String[] ANTICHOLINERGIC = {"N05BB01", "R06AD02", "N06AA09", "G04BD04", "G04BD07", "G04BD08"};

    private final ChunkContext cx;
    private final SplittableRandom r;
    private final MunicipalServicePlan plan;
    private long seq;

    ElderlyPrescriptionRegistry(ChunkContext cx) {
        this.cx = cx;
        this.r = Rng.stream(cx.plan.seed, Rng.MUNICIPAL_SERVICES, cx.year, cx.chunk + 1L);
        this.plan = cx.run.services();
    }

    @Override
    public void personYear(int slot, int age, boolean male, int daysInYear) {
        if (age < 60) return;
        int m = cx.people.muni[slot];
        double older = age >= 65 ? 1 : 0.7;
        if (r.nextDouble() < 0.33 * older * plan.habitFormingMultiplier(m)) {
            boolean heavy = r.nextDouble() < 0.15;
            int n = heavy ? 4 + r.nextInt(3) : 1 + Rng.poisson(r, 1.5);
            String atc = HABIT_FORMING[r.nextInt(HABIT_FORMING.length)];
            for (int i = 0; i < n; i++) dispense(slot, male, daysInYear, atc, heavy ? 100 : 10 + 10 * r.nextInt(5));
        }
        if (r.nextDouble() < 0.147 * older * plan.dispensingMultiplier[m]) {
            int n = 1 + Rng.poisson(r, 0.5);
            for (int i = 0; i < n; i++) dispense(slot, male, daysInYear, NSAIDS[r.nextInt(NSAIDS.length)], 15 + 5 * r.nextInt(4));
        }
        if (r.nextDouble() < 0.065 * older * plan.anticholinergicMultiplier(m)) {
            int n = 1 + Rng.poisson(r, 1);
            String atc = ANTICHOLINERGIC[r.nextInt(ANTICHOLINERGIC.length)];
            for (int i = 0; i < n; i++) dispense(slot, male, daysInYear, atc, 30);
        }
    }

    private void dispense(int slot, boolean male, int daysInYear, String atc, double ddd) {
        int day = cx.jan1 + r.nextInt(daysInYear);
        double u = r.nextDouble();
        if (day >= cx.people.deathDay[slot]) return;
        String prescriber = u < 0.85 ? "GP" : u < 0.95 ? "HOSPITAL" : "OTHER";
        ExtractWriter w = cx.writer(RX);
        w.str(DISPENSING_ID, null);
        ChunkContext.id(w.cell(DISPENSING_ID), 'E', cx.year, cx.chunk, ++seq);
        cx.patient(w, PATIENT_ID, slot);
        w.str(ATC, atc).dec(DDD, ddd, 2).str(PRESCRIBER, prescriber).date(DISPENSING_DATE, day)
                .str(RESIDENCE, cx.residence(slot)).num(AGE, cx.people.age(slot, day)).str(SEX, male ? "1" : "2").end();
    }
}
