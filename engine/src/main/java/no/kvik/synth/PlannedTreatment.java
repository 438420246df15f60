package no.kvik.synth;

import static no.kvik.synth.ChunkContext.DAY;
import static no.kvik.synth.ChunkContext.HOUR;

/**
 * Planned somatic episodes (npr_somatic): inpatient, day and outpatient care with referral, deadline and
 * waiting time, and the NOIS operations with their 30-day mortality and surgical-site-infection follow-up.
 */
final class PlannedTreatment {
    private final ChunkContext cx;
    private final People p;
    private final SomaticEpisodes episodes;
    private final SurgicalInfections infections;

    PlannedTreatment(ChunkContext cx, SomaticEpisodes episodes, SurgicalInfections infections) {
        this.cx = cx;
        this.p = cx.people;
        this.episodes = episodes;
        this.infections = infections;
    }

    /**
     * One planned episode at care level {@code level} ('1' inpatient, '2' day, '3' outpatient); with a
     * {@code procedure} it is an operation, and with a {@code noisGroup} one followed up by NOIS.
     */
    void treat(int slot, Cond c, int day, String main, char level, String procedure, String noisGroup, double losDays) {
        int site = episodes.chooseSite(slot, procedure != null ? 0.15 : 0.08);
        int age = p.age(slot, day);
        episodes.comorbidity(slot, age);
        SomaticEpisodes.Episode e = episodes.next();
        e.site = site;
        e.adm = day * DAY + 7 * HOUR + (long) (cx.r.nextDouble() * 3 * HOUR);
        e.dis = level == '1' ? e.adm + episodes.los(losDays)
                : e.adm + (long) ((0.5 + cx.r.nextDouble() * (level == '2' ? 6 : 1.5)) * HOUR);
        e.level = level;
        e.acute = false;
        e.main = main;
        e.withSecondary = level != '3' || cx.r.nextDouble() < 0.3;
        if (level == '3' && cx.r.nextDouble() < 0.5) {
            e.careStart = 2;
        } else {
            episodes.waiting(e, day, site);
        }
        if (procedure != null) operation(slot, c, day, e, procedure, noisGroup, age);
        episodes.emit(slot, e, episodes.secondary(), age);
    }

    private void operation(int slot, Cond c, int day, SomaticEpisodes.Episode e, String procedure, String noisGroup, int age) {
        e.procedures = procedure;
        e.firstProc = e.adm + (long) ((1 + cx.r.nextDouble() * 4) * HOUR);
        int month = (Civil.ymd(day) / 100) % 100 - 1;
        cx.stats.electiveOps[e.site][month]++;
        boolean male = p.male[slot] == 1;
        // logistic 30-day mortality after a planned operation: age, sex and Charlson index
        boolean dies = cx.r.nextDouble() < Rng.logistic(-6.5 + 0.06 * (age - 75) + (male ? 0.15 : 0) + 0.3 * episodes.cci());
        if (dies) {
            long death = e.firstProc + (long) (cx.r.nextDouble() * 20 * DAY);
            cx.stats.deaths30[c.ordinal()]++;
            if (death < e.dis) {
                e.dis = death;
                e.status = '9';
            }
            cx.scheduleDeath(slot, (int) (death / DAY), e.main);
        }
        if (noisGroup != null) infections.procedure(slot, e.site, e.firstProc, procedure, noisGroup, age);
    }
}
