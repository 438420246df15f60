package no.kvik.synth;

/**
 * The prescription-register family (prescription): antibiotic dispensings (by the municipality's planted
 * multiplier) and a sample of other dispensings, drawn per person and year.
 */
final class PrescriptionRegistry implements RegistryFamily {
    private static final Extract RX = Extract.PRESCRIPTION;
    private static final int DISPENSING_ID = RX.column("dispensing_id"), PATIENT_ID = RX.column("patient_id"),
            DISPENSING_DATE = RX.column("dispensing_date"), ATC = RX.column("atc"), DDD = RX.column("ddd"),
            PRESCRIBER = RX.column("prescriber_category"), RESIDENCE = RX.column("residence_municipality"),
            AGE = RX.column("age"), SEX = RX.column("sex");
    private static final String[] ABX_CHILD = {"J01CE02", "J01CA04", "J01FA09", "J01FA10", "J01CR02", "J01EA01"};
    private static final double[] ABX_CHILD_W = Rng.cumulative(55, 25, 5, 5, 5, 5);
    private static final String[] ABX_UTI = {"J01CA08", "J01XE01", "J01EA01", "J01MA02", "J01MA01"};
    private static final double[] ABX_UTI_W = Rng.cumulative(50, 24, 21.8, 3.4, 0.8);
    private static final String[] ABX_OTHER = {"J01CE02", "J01AA02", "J01CA04", "J01FA09", "J01FA10", "J01FA01",
            "J01CR02", "J01XX05", "J01DB01", "J01CA08", "J01MA02", "J01FF01"};
    private static final double[] ABX_OTHER_W = Rng.cumulative(42, 13, 9, 3, 2, 1, 4, 12, 4, 4, 3, 3);
    private static final String[] RX_OTHER = {"C10AA05", "C10AA01", "C07AB02", "C09CA01", "C08CA01", "B01AC06", "B01AF01",
            "A10BA02", "N02BE01", "A02BC05", "R03AK06", "N05CF01", "N06AB06", "H03AA01", "M01AE01", "N02AJ06", "R06AX27",
            "N05BA01", "N02AA01", "G03AA12"};
    private static final double[] RX_OTHER_W = Rng.cumulative(9, 5, 7, 6, 6, 7, 4, 5, 9, 7, 4, 5, 4, 4, 5, 3, 4, 2, 2, 2);

    private final ChunkContext cx;

    PrescriptionRegistry(ChunkContext cx) {
        this.cx = cx;
    }

    @Override
    public void personYear(int slot, int age, boolean male, int daysInYear) {
        int m = cx.people.muni[slot];
        int nAbx = Rng.poisson(cx.r, cx.plan.rate(Cond.ANTIBIOTIC_RX, age, male, cx.fm) * cx.plan.antibioticMultiplier[m]);
        int nOther = Rng.poisson(cx.r, cx.plan.rate(Cond.OTHER_RX, age, male, cx.fm));
        if (nAbx + nOther == 0) return;
        ExtractWriter w = cx.writer(RX);
        String muni = cx.ref.municipalities.get(m).number();
        for (int i = 0; i < nAbx + nOther; i++) {
            int day = cx.jan1 + cx.r.nextInt(daysInYear);
            if (day >= cx.people.deathDay[slot]) continue;
            if (i < nAbx) antibiotic(w, age, male); else otherDrug(w);
            cx.rowId(w, DISPENSING_ID, 'R');
            cx.patient(w, PATIENT_ID, slot);
            w.date(DISPENSING_DATE, day).str(RESIDENCE, muni).num(AGE, cx.people.age(slot, day)).str(SEX, male ? "1" : "2");
            plantFault(w);
        }
    }

    /** Fills atc, ddd and prescriber of an antibiotic: by age and (for UTI drugs) sex. */
    private void antibiotic(ExtractWriter w, int age, boolean male) {
        String atc;
        if (age < 10) atc = ABX_CHILD[Rng.pickCumulative(cx.r, ABX_CHILD_W)];
        else if (cx.r.nextDouble() < (male ? 0.12 : 0.38)) atc = ABX_UTI[Rng.pickCumulative(cx.r, ABX_UTI_W)];
        else atc = ABX_OTHER[Rng.pickCumulative(cx.r, ABX_OTHER_W)];
        double ddd = (age < 10 ? 2.5 : 5) + cx.r.nextInt(16) * 0.5;
        double u = cx.r.nextDouble();
        String prescriber = u < 0.8 ? "GP" : u < 0.88 ? "HOSPITAL" : u < 0.95 ? "DENTIST" : "OTHER";
        w.str(ATC, atc).dec(DDD, ddd, 2).str(PRESCRIBER, prescriber);
    }

    /** Fills atc, ddd and prescriber of another (chronic) drug. */
    private void otherDrug(ExtractWriter w) {
        String atc = RX_OTHER[Rng.pickCumulative(cx.r, RX_OTHER_W)];
        double ddd = 28 + cx.r.nextInt(8) * 10 + cx.r.nextInt(4) * 0.25;
        double u = cx.r.nextDouble();
        String prescriber = u < 0.85 ? "GP" : u < 0.95 ? "HOSPITAL" : "OTHER";
        w.str(ATC, atc).dec(DDD, ddd, 2).str(PRESCRIBER, prescriber);
    }

    private void plantFault(ExtractWriter w) {
        Fault f = cx.drawFault(RX);
        if (f != null) {
            cx.countFault(RX, f);
            switch (f) {
                case INVALID_CODE -> w.str(ATC, cx.codes.invalidAtc);
                case MISSING_REQUIRED -> w.empty(RESIDENCE);
                case IMPOSSIBLE_AGE -> w.num(AGE, 130);
                default -> { }
            }
        }
        ChunkContext.end(w, f);
    }
}
