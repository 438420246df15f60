package no.kvik.synth;

import static no.kvik.synth.ChunkContext.DAY;
import static no.kvik.synth.ChunkContext.HOUR;

/**
 * The emergency-call family (amk_call): 113 calls to the trust's AMK central and 116117 calls to the county's
 * legevakt central, with answer time, urgency, dispatch and ambulance arrival, drawn per person and year.
 */
final class EmergencyCallRegistry implements RegistryFamily {
    private static final Extract AMK = Extract.AMK_CALL;
    private static final int CALL_ID = AMK.column("call_id"), LINE = AMK.column("line"), CENTRAL = AMK.column("central_id"),
            MUNICIPALITY = AMK.column("municipality"), CALL_TIME = AMK.column("call_time"),
            ANSWER_TIME = AMK.column("answer_time"), URGENCY = AMK.column("urgency"),
            DISPATCHED = AMK.column("ambulance_dispatched"), ARRIVAL = AMK.column("arrival_time"),
            AREA_TYPE = AMK.column("area_type");

    private final ChunkContext cx;

    EmergencyCallRegistry(ChunkContext cx) {
        this.cx = cx;
    }

    @Override
    public void personYear(int slot, int age, boolean male, int daysInYear) {
        int n113 = Rng.poisson(cx.r, cx.plan.rate(Cond.CALL_113, age, male, cx.fm));
        int n116 = Rng.poisson(cx.r, cx.plan.rate(Cond.CALL_116117, age, male, cx.fm));
        if (n113 + n116 == 0) return;
        ExtractWriter w = cx.writer(AMK);
        int m = cx.people.muni[slot];
        SynthReference.Municipality mu = cx.ref.municipalities.get(m);
        boolean urban = cx.run.urban(m);
        for (int i = 0; i < n113 + n116; i++) {
            int day = cx.jan1 + cx.r.nextInt(daysInYear);
            if (day > cx.people.deathDay[slot]) continue;
            boolean amk = i < n113;
            long call = day * DAY + (long) ((cx.r.nextDouble() < 0.7 ? 8 + cx.r.nextDouble() * 15 : cx.r.nextDouble() * 24) * HOUR);
            if (call >= cx.nextJan1 * DAY) call = cx.nextJan1 * DAY - 1;
            String central = amk ? cx.ref.amkByBohf.get(cx.ref.sites.get(cx.people.site[slot]).bohf()) : cx.ref.lvsByCounty.get(mu.county());
            cx.rowId(w, CALL_ID, 'K');
            w.str(LINE, amk ? "113" : "116117").str(CENTRAL, central).str(MUNICIPALITY, mu.number()).ts(CALL_TIME, call);
            answer(w, amk, call, cx.run.answerShare(central));
            String urgency = urgency(amk);
            w.str(URGENCY, urgency);
            dispatch(w, amk, urgency, urban, call);
            w.str(AREA_TYPE, urban ? "URBAN" : "RURAL").end();
        }
    }

    /** Answer time: fast (AMK within 10 s, legevakt within 2 min) at the central's share; 5% of 116117 unrecorded. */
    private void answer(ExtractWriter w, boolean amk, long call, double pFast) {
        double u = cx.r.nextDouble();
        if (!amk && u > 0.95) {
            w.empty(ANSWER_TIME);
        } else if (cx.r.nextDouble() < pFast) {
            w.ts(ANSWER_TIME, call + (amk ? 1 + cx.r.nextInt(10) : 5 + cx.r.nextInt(116)));
        } else {
            w.ts(ANSWER_TIME, call + (amk ? 11 + (long) (15 * cx.r.nextExponential()) : 121 + (long) (240 * cx.r.nextExponential())));
        }
    }

    /** Urgency A (acute), H (urgent), V (ordinary) or, for some 116117 calls, none. */
    private String urgency(boolean amk) {
        double v = cx.r.nextDouble();
        if (amk) return v < 0.45 ? "A" : v < 0.8 ? "H" : "V";
        return v < 0.02 ? "A" : v < 0.12 ? "H" : v < 0.72 ? "V" : null;
    }

    /** Ambulance dispatch by urgency, and its arrival after a log-normal drive (longer in rural areas). */
    private void dispatch(ExtractWriter w, boolean amk, String urgency, boolean urban, long call) {
        double pDispatch = amk ? ("A".equals(urgency) ? 0.9 : "H".equals(urgency) ? 0.7 : 0.3) : 0.03;
        boolean dispatched = cx.r.nextDouble() < pDispatch;
        w.bool(DISPATCHED, dispatched);
        if (dispatched && cx.r.nextDouble() < 0.97) {
            double minutes = (urban ? 9 : 16) * Math.exp((urban ? 0.45 : 0.5) * cx.r.nextGaussian());
            w.ts(ARRIVAL, call + 60 + (long) (minutes * 60));
        } else {
            w.empty(ARRIVAL);
        }
    }
}
