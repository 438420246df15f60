package no.kvik.synth;

import static no.kvik.synth.ChunkContext.DAY;
import static no.kvik.synth.ChunkContext.HOUR;

/**
 * Cancer care (npr_somatic): for a pathway cancer, 80% start a standardised pathway (pakkeforløp) with an
 * outpatient first visit; then surgery after a lead time around 82% of the pathway's standard, with 30-day
 * mortality.
 */
final class CancerTreatment {
    private final ChunkContext cx;
    private final People p;
    private final SomaticEpisodes episodes;

    CancerTreatment(ChunkContext cx, SomaticEpisodes episodes) {
        this.cx = cx;
        this.p = cx.people;
        this.episodes = episodes;
    }

    void diagnose(int slot, Cond c, int day) {
        String main = Rng.pick(cx.r, cx.codes.cancer.get(c));
        String pathwayType = cx.codes.pathway.get(c);
        int age = p.age(slot, day);
        int site = episodes.chooseSite(slot, 0.2);
        int referral = day - 1 - cx.r.nextInt(7);
        // the first visit (OA) opens the pathway on the day of diagnosis
        int pathwayStart = -1;
        if (pathwayType != null && cx.r.nextDouble() < 0.8) {
            pathwayStart = day;
            firstVisit(slot, day, site, age, main, pathwayType, referral);
        }
        int standard = pathwayType == null ? 35 : cx.ref.pathwayLeadDays.get(pathwayType);
        int lead = (int) Math.max(3, Math.round(standard * 0.82 * Math.exp(0.35 * cx.r.nextGaussian())));
        int treatDay = day + lead;
        if (treatDay >= p.deathDay[slot]) return;
        surgery(slot, c, treatDay, site, main, pathwayType, pathwayStart, referral);
    }

    private void firstVisit(int slot, int day, int site, int age, String main, String pathwayType, int referral) {
        episodes.comorbidity(slot, age);
        SomaticEpisodes.Episode d = episodes.next();
        d.site = site;
        d.adm = day * DAY + 8 * HOUR + (long) (cx.r.nextDouble() * 6 * HOUR);
        d.dis = d.adm + HOUR;
        d.level = '3';
        d.acute = false;
        d.main = main;
        d.referral = referral;
        d.deadline = referral + 10;
        d.careStart = 1;
        d.pathway = pathwayType;
        d.pathStart = day;
        episodes.emit(slot, d, episodes.secondary(), age);
    }

    private void surgery(int slot, Cond c, int treatDay, int site, String main, String pathwayType, int pathwayStart,
                         int referral) {
        int tage = p.age(slot, treatDay);
        episodes.comorbidity(slot, tage);
        SomaticEpisodes.Episode t = episodes.next();
        t.site = site;
        t.adm = treatDay * DAY + 7 * HOUR + (long) (cx.r.nextDouble() * 2 * HOUR);
        t.dis = t.adm + episodes.los(6);
        t.level = '1';
        t.acute = false;
        t.main = main;
        t.procedures = Rng.pick(cx.r, cx.codes.cancerSurgery.get(c));
        t.firstProc = t.adm + 2 * HOUR;
        t.referral = referral;
        t.deadline = referral + 20;
        t.careStart = pathwayStart >= 0 ? 2 : 1;
        if (pathwayStart >= 0) {
            t.pathway = pathwayType;
            t.pathStart = pathwayStart;
            t.pathTreat = treatDay;
        }
        // logistic 30-day mortality after cancer surgery: age and Charlson index
        boolean dies = cx.r.nextDouble() < Rng.logistic(-4.3 + 0.05 * (tage - 70) + 0.25 * episodes.cci());
        if (dies) {
            long death = t.adm + (long) (cx.r.nextDouble() * 29 * DAY);
            cx.stats.deaths30[c.ordinal()]++;
            if (death < t.dis) {
                t.dis = death;
                t.status = '9';
            }
            cx.scheduleDeath(slot, (int) (death / DAY), main);
        }
        episodes.emit(slot, t, episodes.secondary(), tage);
    }
}
