package no.kvik.synth;

import static no.kvik.synth.ChunkContext.DAY;
import static no.kvik.synth.ChunkContext.HOUR;

/**
 * Acute somatic admissions (npr_somatic): 30-day mortality by a logistic model on age, sex, Charlson index and
 * the hospital's effect, the index conditions' care processes (PCI after AMI, surgery after hip fracture,
 * stroke unit and thrombolysis), transfer to the university hospital, and readmission within 30 days.
 */
final class AcuteAdmissions {
    /** What the condition's own care changed on the index stay. */
    private record IndexCare(String procedures, long firstProcedure, boolean transfer, long discharge) {
    }

    /** End of the person's last stay of this admission and the death time it led to (MAX_VALUE: none). */
    private record Course(long end, long death) {
    }

    private final ChunkContext cx;
    private final People p;
    private final SomaticEpisodes episodes;
    private final SurgicalInfections infections;

    AcuteAdmissions(ChunkContext cx, SomaticEpisodes episodes, SurgicalInfections infections) {
        this.cx = cx;
        this.p = cx.people;
        this.episodes = episodes;
        this.infections = infections;
    }

    /** Acute admission with 30-day mortality, optional transfer and (for 67+ index groups) readmission. */
    void admit(int slot, Cond c, int day, String main, int mortalityIndex, double alpha, double losDays,
               boolean readmissionIndex) {
        int site = episodes.chooseSite(slot, 0.08);
        int age = p.age(slot, day);
        boolean male = p.male[slot] == 1;
        episodes.comorbidity(slot, age);
        int indexCci = episodes.cci();
        String secondary = episodes.secondary();
        long adm = day * DAY + episodes.acuteSecondOfDay();
        long dis = adm + episodes.los(losDays);
        // logistic 30-day mortality: age, sex, Charlson index and the hospital's effect (Plan)
        double lo = alpha + 0.055 * (age - 75) + (male ? 0.15 : 0) + 0.25 * indexCci
                + (mortalityIndex >= 0 ? cx.plan.mortalityLogOr(site, mortalityIndex, cx.yearIndex) : 0);
        long deathT = drawDeath(c, adm, lo);
        long scheduled = p.deathDay[slot] == People.DEAD_NEVER ? Long.MAX_VALUE : p.deathDay[slot] * DAY + 12 * HOUR;
        if (scheduled > adm && scheduled < deathT) {
            deathT = scheduled;
        }
        IndexCare care = indexCare(slot, c, day, site, age, main, adm, dis, deathT);
        Course course = indexStay(slot, site, age, main, secondary, adm, care, deathT);
        if (course.death() != Long.MAX_VALUE && course.death() != scheduled) {
            cx.scheduleDeath(slot, (int) Math.floorDiv(course.death(), DAY), main);
        }
        if (readmissionIndex && age >= 67 && course.death() > course.end()) {
            // logistic readmission within 30 days on age, sex, Charlson index and the hospital's effect (Plan)
            double pr = Rng.logistic(-2.05 + 0.02 * (age - 80) + (p.male[slot] == 1 ? 0.1 : 0) + 0.15 * indexCci
                    + cx.plan.readmissionLogOr(site));
            if (cx.r.nextDouble() < pr) {
                long ra = course.end() + 8 * HOUR + (long) (cx.r.nextDouble() * (30 * DAY - 9 * HOUR));
                if (ra < course.death()) readmission(slot, c, ra, course.death());
            }
        }
    }

    /** The time of death within 30 days of admission, or MAX_VALUE when the person survives. */
    private long drawDeath(Cond c, long adm, double logOdds) {
        boolean dies = cx.r.nextDouble() < Rng.logistic(logOdds);
        if (!dies) return Long.MAX_VALUE;
        double u = cx.r.nextDouble();
        cx.stats.deaths30[c.ordinal()]++;
        return adm + Math.min(30 * DAY - 60, (long) (30 * DAY * Math.pow(u, 1.8)) + 600);
    }

    private IndexCare indexCare(int slot, Cond c, int day, int site, int age, String main, long adm, long dis, long deathT) {
        return switch (c) {
            case AMI -> infarction(site, main, adm, dis);
            case HIP_FRACTURE -> hipFracture(slot, day, site, age, adm, dis, deathT);
            case STROKE -> {
                stroke(site, main);
                yield new IndexCare(null, -1, false, dis);
            }
            default -> new IndexCare(null, -1, false, dis);
        };
    }

    /** PCI (sooner after STEMI), transfer from a local hospital, and the NSTEMI within-72-hours process. */
    private IndexCare infarction(int site, String main, long adm, long dis) {
        boolean nstemi = main.startsWith("I214");
        String procs = null;
        long firstProc = -1;
        if (cx.r.nextDouble() < (nstemi ? 0.45 : 0.8)) {
            procs = Rng.pick(cx.r, cx.codes.pci);
            firstProc = adm + (long) ((0.3 + cx.r.nextDouble() * (nstemi ? 60 : 6)) * HOUR);
        }
        boolean transfer = !cx.ref.sites.get(site).university() && cx.r.nextDouble() < 0.25;
        if (nstemi) {
            cx.stats.nstemiDen[site]++;
            if (cx.r.nextDouble() < Rng.logistic(cx.plan.nstemi72Logit[site])) cx.stats.nstemi72[site]++;
        }
        return new IndexCare(procs, firstProc, transfer, dis);
    }

    /** Surgery for 95% (hemi-arthroplasty, with NOIS follow-up, or osteosynthesis) and the within-48-hours process. */
    private IndexCare hipFracture(int slot, int day, int site, int age, long adm, long dis, long deathT) {
        if (cx.r.nextDouble() >= 0.95) return new IndexCare(null, -1, false, dis);
        boolean hemi = cx.r.nextDouble() < 0.4;
        String procs = hemi ? Rng.pick(cx.r, cx.codes.hipHemi) : Rng.pick(cx.r, cx.codes.hipOsteosynthesis);
        double median = site == cx.plan.hip48SlowSite ? 44 : 20;
        double hours = median * Math.exp(0.6 * cx.r.nextGaussian());
        long firstProc = adm + (long) (hours * HOUR);
        if (firstProc + 2 * DAY > dis) dis = firstProc + 2 * DAY + (long) (cx.r.nextDouble() * 3 * DAY);
        if (hemi && firstProc < deathT) infections.procedure(slot, site, firstProc, procs, "HIP_HEMI", age);
        if (age >= 65) {
            int t = Civil.tertial(day) - 1;
            cx.stats.hipDen[site][t]++;
            if (hours <= 48) cx.stats.hip48[site][t]++;
        }
        return new IndexCare(procs, firstProc, false, dis);
    }

    /** Stroke unit and, for 16% of infarctions, thrombolysis within 40 minutes (counted, not written). */
    private void stroke(int site, String main) {
        cx.stats.strokeDen[site]++;
        if (cx.r.nextDouble() < Rng.logistic(cx.plan.strokeUnitLogit[site])) cx.stats.strokeUnit[site]++;
        if (main.startsWith("I63") && cx.r.nextDouble() < 0.16) {
            cx.stats.thrombDen[site]++;
            if (cx.r.nextDouble() < Rng.logistic(cx.plan.thrombolysis40Logit[site])) cx.stats.thromb40[site]++;
        }
    }

    /** Writes the index stay and, when transferred, the stay at the university hospital. */
    private Course indexStay(int slot, int site, int age, String main, String secondary, long adm, IndexCare care,
                             long deathT) {
        SomaticEpisodes.Episode e = acuteEpisode(site, adm, care.discharge(), main);
        e.procedures = care.procedures();
        e.firstProc = care.firstProcedure();
        long end;
        if (deathT <= care.discharge()) {
            e.dis = Math.max(deathT, adm + 600);
            e.status = '9';
            if (care.firstProcedure() >= e.dis) {
                e.procedures = null;
                e.firstProc = -1;
            }
            end = e.dis;
        } else {
            e.status = care.transfer() ? '2' : age >= 80 && cx.r.nextDouble() < 0.35 ? '3' : '1';
            end = care.discharge();
        }
        episodes.emit(slot, e, secondary, age);
        if (e.status != '2') return new Course(end, deathT);
        return transfer(slot, site, main, secondary, end, deathT);
    }

    private Course transfer(int slot, int fromSite, String main, String secondary, long fromEnd, long deathT) {
        long adm2 = fromEnd + HOUR + (long) (cx.r.nextDouble() * 2 * HOUR);
        long dis2 = adm2 + episodes.los(3);
        SomaticEpisodes.Episode t = acuteEpisode(cx.run.universityOf(fromSite), adm2, dis2, main);
        if (deathT <= dis2) {
            t.dis = Math.max(deathT, adm2 + 600);
            t.status = '9';
        } else {
            t.status = '1';
        }
        long end = t.dis;
        episodes.emit(slot, t, secondary, p.age(slot, (int) (adm2 / DAY)));
        return new Course(end, t.status == '9' ? t.dis : deathT);
    }

    private SomaticEpisodes.Episode acuteEpisode(int site, long adm, long dis, String main) {
        SomaticEpisodes.Episode e = episodes.next();
        e.site = site;
        e.adm = adm;
        e.dis = dis;
        e.level = '1';
        e.acute = true;
        e.main = main;
        return e;
    }

    private void readmission(int slot, Cond index, long adm, long deathT) {
        int age = p.age(slot, (int) (adm / DAY));
        String[] group = cx.codes.readmissionGroup.get(index);
        String main = group != null && cx.r.nextDouble() < 0.4 ? Rng.pick(cx.r, group) : Rng.pick(cx.r, cx.codes.otherPool);
        episodes.comorbidity(slot, age);
        SomaticEpisodes.Episode e = acuteEpisode(p.site[slot], adm, adm + episodes.los(4), main);
        boolean dies = cx.r.nextDouble() < Rng.logistic(-4.2 + 0.055 * (age - 75) + 0.25 * episodes.cci());
        if (deathT <= e.dis) {
            e.dis = Math.max(deathT, adm + 600);
            e.status = '9';
        } else if (dies) {
            e.dis = adm + (long) (cx.r.nextDouble() * (e.dis - adm)) + 600;
            e.status = '9';
            cx.scheduleDeath(slot, (int) (e.dis / DAY), main);
        }
        episodes.emit(slot, e, episodes.secondary(), age);
    }
}
