package no.kvik.synth;

/** The KPR GP-contact family (kpr_gp_contact): contacts drawn per person and year, most with the person's own GP. */
final class GpContactRegistry implements RegistryFamily {
    private static final Extract GP = Extract.KPR_GP_CONTACT;
    private static final int CONTACT_ID = GP.column("contact_id"), PATIENT_ID = GP.column("patient_id"),
            MUNICIPALITY = GP.column("municipality"), CONTACT_DATE = GP.column("contact_date"),
            GP_ID = GP.column("gp_id"), OWN_GP = GP.column("own_gp"), ICPC2 = GP.column("icpc2"),
            AGE = GP.column("age"), SEX = GP.column("sex");
    private static final String[] ICPC2_CODES = {"R74", "R05", "L03", "K86", "P76", "T90", "A97", "U71", "S18", "L02",
            "R78", "K77", "P74", "A04", "D73", "L86", "T93", "R95", "A98", "L84"};

    private final ChunkContext cx;
    private final People p;

    GpContactRegistry(ChunkContext cx) {
        this.cx = cx;
        this.p = cx.people;
    }

    @Override
    public void personYear(int slot, int age, boolean male, int daysInYear) {
        int n = Rng.poisson(cx.r, cx.plan.rate(Cond.GP_CONTACT, age, male, cx.fm));
        if (n == 0) return;
        ExtractWriter w = cx.writer(GP);
        int m = p.muni[slot];
        String muni = cx.ref.municipalities.get(m).number();
        int listSize = p.muniStart[m + 1] - p.muniStart[m];
        // about 1,100 listed inhabitants per GP, as KOSTRA's GP_TOTAL
        int gps = Math.max(1, (int) Math.round(listSize / 1100.0));
        int own = (slot - p.muniStart[m]) % gps;
        double ownShare = cx.run.ownGpShare(m);
        for (int i = 0; i < n; i++) {
            int day = cx.jan1 + cx.r.nextInt(daysInYear);
            if (day >= p.deathDay[slot]) continue;
            cx.rowId(w, CONTACT_ID, 'G');
            cx.patient(w, PATIENT_ID, slot);
            w.str(MUNICIPALITY, muni).date(CONTACT_DATE, day);
            boolean isOwn = cx.r.nextDouble() < ownShare;
            int gp = isOwn || gps == 1 ? own : (own + 1 + cx.r.nextInt(gps - 1)) % gps;
            StringBuilder g = w.str(GP_ID, "GP").cell(GP_ID);
            g.append(muni).append('-').append(isOwn || gps > 1 ? Integer.toString(gp) : "V1");
            w.bool(OWN_GP, isOwn);
            if (cx.r.nextDouble() < 0.05) w.empty(ICPC2); else w.str(ICPC2, Rng.pick(cx.r, ICPC2_CODES));
            w.num(AGE, p.age(slot, day)).str(SEX, male ? "1" : "2").end();
        }
    }
}
