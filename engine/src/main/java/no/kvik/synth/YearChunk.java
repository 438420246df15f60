package no.kvik.synth;

import java.util.Arrays;
import java.util.EnumMap;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Generates every person-level extract for one year and one fixed range of register slots. A chunk only
 * touches its own slots and its own random streams, so chunks run in parallel with identical output.
 */
final class YearChunk {
    // npr_somatic columns
    private static final int S_ID = 0, S_PAT = 1, S_ORG = 2, S_ADM = 3, S_DIS = 4, S_LEVEL = 5, S_URG = 6, S_MAIN = 7,
            S_SEC = 8, S_PROC = 9, S_FPROC = 10, S_RES = 11, S_AGE = 12, S_SEX = 13, S_STATUS = 14, S_REF = 15,
            S_DEADLINE = 16, S_CSTART = 17, S_EPI = 18, S_PATH = 19, S_PSTART = 20, S_PTREAT = 21;
    private static final long DAY = Civil.SECONDS_PER_DAY;
    private static final long HOUR = 3600;
    private static final Cond[] PERSON_EVENTS = {
            Cond.AMI, Cond.STROKE, Cond.HIP_FRACTURE, Cond.CANCER_LUNG, Cond.CANCER_BREAST, Cond.CANCER_COLORECTAL,
            Cond.CANCER_PROSTATE, Cond.CANCER_MELANOMA, Cond.CANCER_BLADDER, Cond.CANCER_OTHER, Cond.PNEUMONIA,
            Cond.COPD, Cond.HEART_FAILURE, Cond.UTI, Cond.FRACTURE, Cond.GASTROENTERITIS, Cond.DEHYDRATION,
            Cond.CONSTIPATION, Cond.ARTHRITIS, Cond.ANEMIA, Cond.HIP_PROSTHESIS, Cond.CHOLECYSTECTOMY, Cond.CAESAREAN,
            Cond.COLON_SURGERY, Cond.CABG, Cond.OTHER_INPATIENT, Cond.DAY_TREATMENT, Cond.OUTPATIENT,
            Cond.MENTAL_ADULT, Cond.MENTAL_CHILD, Cond.TSB, Cond.HOME_SERVICE, Cond.NURSING_LONG, Cond.NURSING_SHORT,
            Cond.NURSING_RESPITE};
    private static final int[] FRISTS = {42, 56, 70, 84, 112, 140, 182};
    private static final String[] ICPC2 = {"R74", "R05", "L03", "K86", "P76", "T90", "A97", "U71", "S18", "L02", "R78",
            "K77", "P74", "A04", "D73", "L86", "T93", "R95", "A98", "L84"};
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

    private final Synthesizer.Run run;
    private final Plan plan;
    private final People p;
    private final Codes codes;
    private final SynthReference ref;
    final int year;
    private final int yearIndex;
    final int chunk;
    private final int from;
    private final int to;
    private final SplittableRandom r;
    private final SplittableRandom fr;
    private final int jan1;
    private final int nextJan1;
    private final int horizonEnd;

    final Map<Extract, ExtractWriter> out = new EnumMap<>(Extract.class);
    /** npr_somatic rows discharged next year, written at the head of the same chunk next year. */
    final ExtractWriter spill;
    final long[][] faults = new long[Extract.values().length][Fault.values().length];
    final long[] spillFaults = new long[Fault.values().length];
    final Stats stats;
    private long seq;
    private final long[] eventBuf = new long[4096];
    private final double[] fm = new double[3];
    private static final Cond[] CONDS = Cond.values();
    /** End of the last somatic episode written for the current person. */
    private long busyUntil;
    private final StringBuilder sec = new StringBuilder(128);
    private final StringBuilder proc = new StringBuilder(32);
    private int cci;

    /** Counters merged over chunks (integers, so the merge order does not matter). */
    static final class Stats {
        final int[][][] population;
        final int[] deathsByMuni;
        final int[][] nursingLongAtYearEnd;
        final long[] inpatientDays;
        final int[][] electiveOps;
        final int[] strokeDen, strokeUnit, thrombDen, thromb40, nstemiDen, nstemi72;
        final int[][] hipDen, hip48;
        final long[] cases = new long[Cond.values().length];
        final long[] deaths30 = new long[Cond.values().length];

        Stats(int nMuni, int nSites, int nYears) {
            population = new int[nMuni][2][People.MAX_AGE + 1];
            deathsByMuni = new int[nMuni];
            nursingLongAtYearEnd = new int[nYears][nMuni];
            inpatientDays = new long[nSites];
            electiveOps = new int[nSites][12];
            strokeDen = new int[nSites];
            strokeUnit = new int[nSites];
            thrombDen = new int[nSites];
            thromb40 = new int[nSites];
            nstemiDen = new int[nSites];
            nstemi72 = new int[nSites];
            hipDen = new int[nSites][3];
            hip48 = new int[nSites][3];
        }

        void add(Stats o) {
            for (int m = 0; m < population.length; m++) {
                for (int s = 0; s < 2; s++) for (int a = 0; a <= People.MAX_AGE; a++) population[m][s][a] += o.population[m][s][a];
                deathsByMuni[m] += o.deathsByMuni[m];
            }
            for (int y = 0; y < nursingLongAtYearEnd.length; y++) {
                for (int m = 0; m < deathsByMuni.length; m++) nursingLongAtYearEnd[y][m] += o.nursingLongAtYearEnd[y][m];
            }
            for (int s = 0; s < strokeDen.length; s++) {
                inpatientDays[s] += o.inpatientDays[s];
                for (int mo = 0; mo < 12; mo++) electiveOps[s][mo] += o.electiveOps[s][mo];
                strokeDen[s] += o.strokeDen[s];
                strokeUnit[s] += o.strokeUnit[s];
                thrombDen[s] += o.thrombDen[s];
                thromb40[s] += o.thromb40[s];
                nstemiDen[s] += o.nstemiDen[s];
                nstemi72[s] += o.nstemi72[s];
                for (int t = 0; t < 3; t++) {
                    hipDen[s][t] += o.hipDen[s][t];
                    hip48[s][t] += o.hip48[s][t];
                }
            }
            for (int c = 0; c < cases.length; c++) {
                cases[c] += o.cases[c];
                deaths30[c] += o.deaths30[c];
            }
        }
    }

    YearChunk(Synthesizer.Run run, int year, int chunk, int from, int to) {
        this.run = run;
        this.plan = run.plan();
        this.p = run.people();
        this.codes = run.codes();
        this.ref = run.ref();
        this.year = year;
        this.yearIndex = year - plan.firstYear;
        this.chunk = chunk;
        this.from = from;
        this.to = to;
        this.r = Rng.stream(plan.seed, Rng.YEAR_CHUNK, year, chunk);
        this.fr = Rng.stream(plan.seed, Rng.FAULTS, year, chunk);
        this.jan1 = Civil.yearStart(year);
        this.nextJan1 = Civil.yearStart(year + 1);
        this.horizonEnd = Civil.yearStart(plan.lastYear + 1) - 1;
        for (Extract e : new Extract[]{Extract.NPR_SOMATIC, Extract.DEATH, Extract.NPR_MENTAL, Extract.KPR_NURSING_HOME,
                Extract.KPR_HOME_SERVICE, Extract.KPR_GP_CONTACT, Extract.PRESCRIPTION, Extract.NOIS_SSI, Extract.AMK_CALL}) {
            out.put(e, new ExtractWriter(run.contract(e), e.columns, run.blocks()));
        }
        spill = new ExtractWriter(run.contract(Extract.NPR_SOMATIC), Extract.NPR_SOMATIC.columns, run.blocks());
        stats = new Stats(ref.municipalities.size(), ref.sites.size(), plan.lastYear - plan.firstYear + 1);
    }

    YearChunk run() {
        int ndays = nextJan1 - jan1;
        for (int slot = from; slot < to; slot++) {
            if (p.deathDay[slot] < jan1) newborn(slot);
            int m = p.muni[slot];
            boolean male = p.male[slot] == 1;
            int age0 = p.age(slot, jan1);
            stats.population[m][p.male[slot]][Math.min(People.MAX_AGE, age0)]++;
            float frail = p.frail[slot];
            Plan.frailtyMultipliers(frail, fm);
            if (p.deathDay[slot] == People.DEAD_NEVER) {
                double q = age0 >= 107 ? 1 : plan.rate(Cond.BACKGROUND_DEATH, age0, male, fm);
                if (r.nextDouble() < q) {
                    p.deathDay[slot] = jan1 + r.nextInt(ndays);
                    p.deathCause[slot] = Rng.pick(r, codes.deathCauses);
                }
            }
            int n = 0;
            for (Cond c : PERSON_EVENTS) {
                double mean = plan.rate(c, age0, male, fm);
                if (mean <= 0) continue;
                int k = Rng.poisson(r, mean);
                for (int i = 0; i < k && n < eventBuf.length; i++) {
                    eventBuf[n++] = ((long) (jan1 + r.nextInt(ndays)) << 16) | c.ordinal();
                }
            }
            Arrays.sort(eventBuf, 0, n);
            busyUntil = 0;
            for (int i = 0; i < n; i++) {
                int day = (int) (eventBuf[i] >> 16);
                if (day >= p.deathDay[slot]) break;
                Cond c = CONDS[(int) (eventBuf[i] & 0xFFFF)];
                // somatic episodes already written for later dates (readmission, transfer, planned treatment)
                // are facts: a new hospital event inside that span is not drawn
                if (c.ordinal() <= Cond.OUTPATIENT.ordinal() && day * DAY < busyUntil) continue;
                event(slot, c, day);
            }
            prescriptions(slot, age0, male, ndays);
            gpContacts(slot, age0, male, ndays);
            calls(slot, age0, male, ndays);
            int dd = p.deathDay[slot];
            if (dd >= jan1 && dd < nextJan1) {
                ExtractWriter w = out.get(Extract.DEATH);
                patient(w, 0, slot);
                w.date(1, dd).str(2, p.deathCause[slot]).str(3, ref.municipalities.get(m).number()).end();
                stats.deathsByMuni[m]++;
            }
        }
        return this;
    }

    private void newborn(int slot) {
        p.generation[slot]++;
        p.male[slot] = (byte) (r.nextDouble() < 0.513 ? 1 : 0);
        int y0 = Civil.yearStart(year - 1);
        p.birthDay[slot] = y0 + r.nextInt(jan1 - y0);
        p.frail[slot] = (float) (r.nextGaussian() + plan.frailtyShift(p.site[slot]));
        p.deathDay[slot] = People.DEAD_NEVER;
        p.deathCause[slot] = null;
        p.nursingUntil[slot] = 0;
    }

    private void event(int slot, Cond c, int day) {
        stats.cases[c.ordinal()]++;
        switch (c) {
            case AMI -> {
                boolean nstemi = r.nextDouble() < 0.55;
                String code = nstemi ? Rng.pick(r, codes.amiNstemi) : Rng.pick(r, codes.amiOther);
                acute(slot, c, day, code, 0, -2.6, 4, false);
            }
            case STROKE -> {
                double u = r.nextDouble();
                String code = u < 0.15 ? Rng.pick(r, codes.strokeHaem) : u < 0.95 ? Rng.pick(r, codes.strokeIsch) : Rng.pick(r, codes.strokeUnspec);
                acute(slot, c, day, code, 1, -2.85, 7, true);
            }
            case HIP_FRACTURE -> acute(slot, c, day, Rng.pick(r, codes.hipFracture), 2, -3.6, 6, true);
            case PNEUMONIA -> acute(slot, c, day, Rng.pick(r, codes.readmissionGroup.get(c)), -1, -2.9, 5, true);
            case HEART_FAILURE -> acute(slot, c, day, Rng.pick(r, codes.readmissionGroup.get(c)), -1, -3.1, 6, true);
            case COPD -> acute(slot, c, day, Rng.pick(r, codes.readmissionGroup.get(c)), -1, -3.5, 5, true);
            case UTI, FRACTURE, GASTROENTERITIS, DEHYDRATION, CONSTIPATION, ARTHRITIS, ANEMIA ->
                    acute(slot, c, day, Rng.pick(r, codes.readmissionGroup.get(c)), -1, -4.6, 4, true);
            case OTHER_INPATIENT -> {
                if (r.nextDouble() < 0.7) acute(slot, c, day, Rng.pick(r, codes.otherPool), -1, -5.6, 3.5, false);
                else elective(slot, c, day, Rng.pick(r, codes.otherPool), '1', null, null, 3);
            }
            case DAY_TREATMENT -> elective(slot, c, day, Rng.pick(r, codes.otherPool), '2', null, null, 0);
            case OUTPATIENT -> elective(slot, c, day, Rng.pick(r, codes.otherPool), '3', null, null, 0);
            case HIP_PROSTHESIS -> elective(slot, c, day, codes.surgeryDiagnosis[0], '1', Rng.pick(r, codes.hipProsthesis), "HIP_TOTAL", 4);
            case CHOLECYSTECTOMY -> elective(slot, c, day, r.nextBoolean() ? codes.surgeryDiagnosis[1] : codes.surgeryDiagnosis[2], '1',
                    Rng.pick(r, codes.chole), "CHOLECYSTECTOMY", 2);
            case CAESAREAN -> elective(slot, c, day, codes.surgeryDiagnosis[3], '1', Rng.pick(r, codes.caesarean), "CAESAREAN", 3);
            case COLON_SURGERY -> elective(slot, c, day, codes.surgeryDiagnosis[4], '1', Rng.pick(r, codes.colon), "COLON", 7);
            case CABG -> elective(slot, c, day, codes.surgeryDiagnosis[5], '1', Rng.pick(r, codes.cabg), "CABG", 8);
            case CANCER_LUNG, CANCER_BREAST, CANCER_COLORECTAL, CANCER_PROSTATE, CANCER_MELANOMA, CANCER_BLADDER, CANCER_OTHER ->
                    cancer(slot, c, day);
            case MENTAL_ADULT -> mental(slot, day, "PHV_V");
            case MENTAL_CHILD -> mental(slot, day, "PHV_BU");
            case TSB -> mental(slot, day, "TSB");
            case HOME_SERVICE -> homeService(slot, day);
            case NURSING_LONG -> nursing(slot, day, "21");
            case NURSING_SHORT -> nursing(slot, day, "20");
            case NURSING_RESPITE -> nursing(slot, day, "22");
            default -> throw new IllegalStateException("unhandled event " + c);
        }
    }

    // ---------------------------------------------------------------- somatic episodes

    /** One somatic episode, filled by the event code and written by {@link #emit}. */
    private final class Ep {
        int site;
        long adm;
        long dis;
        char level;
        boolean acute;
        String main;
        boolean withSecondary;
        String procedures;
        long firstProc;
        char status;
        int referral;
        int deadline;
        int careStart;
        long epicrisis;
        String pathway;
        int pathStart;
        int pathTreat;

        Ep reset() {
            procedures = null;
            firstProc = -1;
            status = '1';
            referral = -1;
            deadline = -1;
            careStart = 0;
            epicrisis = -1;
            pathway = null;
            pathStart = -1;
            pathTreat = -1;
            withSecondary = true;
            return this;
        }
    }

    private final Ep ep = new Ep();

    private int chooseSite(int slot, double crossShare) {
        int local = p.site[slot];
        if (r.nextDouble() < crossShare) {
            int u = run.universityOf(local);
            if (u >= 0) return u;
        }
        return local;
    }

    /** Acute admission with 30-day mortality, optional transfer and (for 67+ index groups) readmission. */
    private void acute(int slot, Cond c, int day, String main, int mortalityIndex, double alpha, double losDays,
                       boolean readmissionIndex) {
        int site = chooseSite(slot, 0.08);
        int age = p.age(slot, day);
        boolean male = p.male[slot] == 1;
        comorbidity(slot, age);
        int indexCci = cci;
        String secondary = sec.toString();
        long adm = day * DAY + acuteSecondOfDay();
        long dis = adm + los(losDays);
        double lo = alpha + 0.055 * (age - 75) + (male ? 0.15 : 0) + 0.25 * cci
                + (mortalityIndex >= 0 ? plan.mortalityLogOr(site, mortalityIndex, yearIndex) : 0);
        boolean dies = r.nextDouble() < Rng.logistic(lo);
        long deathT = Long.MAX_VALUE;
        if (dies) {
            double u = r.nextDouble();
            deathT = adm + Math.min(30 * DAY - 60, (long) (30 * DAY * Math.pow(u, 1.8)) + 600);
            stats.deaths30[c.ordinal()]++;
        }
        long scheduled = p.deathDay[slot] == People.DEAD_NEVER ? Long.MAX_VALUE : p.deathDay[slot] * DAY + 12 * HOUR;
        if (scheduled > adm && scheduled < deathT) {
            deathT = scheduled;
        }
        String procs = null;
        long firstProc = -1;
        boolean transfer = false;
        if (c == Cond.AMI) {
            boolean nstemi = main.startsWith("I214");
            if (r.nextDouble() < (nstemi ? 0.45 : 0.8)) {
                procs = Rng.pick(r, codes.pci);
                firstProc = adm + (long) ((0.3 + r.nextDouble() * (nstemi ? 60 : 6)) * HOUR);
            }
            transfer = !ref.sites.get(site).university() && r.nextDouble() < 0.25;
            if (nstemi) {
                stats.nstemiDen[site]++;
                if (r.nextDouble() < Rng.logistic(plan.nstemi72Logit[site])) stats.nstemi72[site]++;
            }
        } else if (c == Cond.HIP_FRACTURE) {
            if (r.nextDouble() < 0.95) {
                boolean hemi = r.nextDouble() < 0.4;
                procs = hemi ? Rng.pick(r, codes.hipHemi) : Rng.pick(r, codes.hipOsteosynthesis);
                double median = site == plan.hip48SlowSite ? 44 : 20;
                double hours = median * Math.exp(0.6 * r.nextGaussian());
                firstProc = adm + (long) (hours * HOUR);
                if (firstProc + 2 * DAY > dis) dis = firstProc + 2 * DAY + (long) (r.nextDouble() * 3 * DAY);
                if (hemi && firstProc < deathT) nois(slot, site, firstProc, procs, "HIP_HEMI", age);
                if (age >= 65) {
                    int t = Civil.tertial(day) - 1;
                    stats.hipDen[site][t]++;
                    if (hours <= 48) stats.hip48[site][t]++;
                }
            }
        } else if (c == Cond.STROKE) {
            stats.strokeDen[site]++;
            if (r.nextDouble() < Rng.logistic(plan.strokeUnitLogit[site])) stats.strokeUnit[site]++;
            if (main.startsWith("I63") && r.nextDouble() < 0.16) {
                stats.thrombDen[site]++;
                if (r.nextDouble() < Rng.logistic(plan.thrombolysis40Logit[site])) stats.thromb40[site]++;
            }
        }
        Ep e = ep.reset();
        e.site = site;
        e.adm = adm;
        e.dis = dis;
        e.level = '1';
        e.acute = true;
        e.main = main;
        e.procedures = procs;
        e.firstProc = firstProc;
        long end;
        if (deathT <= dis) {
            e.dis = Math.max(deathT, adm + 600);
            e.status = '9';
            if (firstProc >= e.dis) {
                e.procedures = null;
                e.firstProc = -1;
            }
            end = e.dis;
        } else {
            e.status = transfer ? '2' : age >= 80 && r.nextDouble() < 0.35 ? '3' : '1';
            end = dis;
        }
        emit(slot, e, secondary, age);
        if (e.status == '2') {
            int uni = run.universityOf(site);
            long adm2 = end + HOUR + (long) (r.nextDouble() * 2 * HOUR);
            long dis2 = adm2 + los(3);
            Ep t = ep.reset();
            t.site = uni;
            t.adm = adm2;
            t.dis = dis2;
            t.level = '1';
            t.acute = true;
            t.main = main;
            if (deathT <= dis2) {
                t.dis = Math.max(deathT, adm2 + 600);
                t.status = '9';
            } else {
                t.status = '1';
            }
            end = t.dis;
            emit(slot, t, secondary, p.age(slot, (int) (adm2 / DAY)));
            if (t.status == '9') deathT = t.dis;
        }
        if (deathT != Long.MAX_VALUE && deathT != scheduled) {
            schedule(slot, (int) Math.floorDiv(deathT, DAY), main);
        }
        if (readmissionIndex && age >= 67 && deathT > end) {
            double pr = Rng.logistic(-2.05 + 0.02 * (age - 80) + (p.male[slot] == 1 ? 0.1 : 0) + 0.15 * indexCci + plan.readmissionLogOr(site));
            if (r.nextDouble() < pr) {
                long ra = end + 8 * HOUR + (long) (r.nextDouble() * (30 * DAY - 9 * HOUR));
                if (ra < deathT) readmission(slot, c, ra, deathT);
            }
        }
    }

    private void readmission(int slot, Cond index, long adm, long deathT) {
        int age = p.age(slot, (int) (adm / DAY));
        String[] group = codes.readmissionGroup.get(index);
        String main = group != null && r.nextDouble() < 0.4 ? Rng.pick(r, group) : Rng.pick(r, codes.otherPool);
        comorbidity(slot, age);
        Ep e = ep.reset();
        e.site = p.site[slot];
        e.adm = adm;
        e.dis = adm + los(4);
        e.level = '1';
        e.acute = true;
        e.main = main;
        boolean dies = r.nextDouble() < Rng.logistic(-4.2 + 0.055 * (age - 75) + 0.25 * cci);
        if (deathT <= e.dis) {
            e.dis = Math.max(deathT, adm + 600);
            e.status = '9';
        } else if (dies) {
            e.dis = adm + (long) (r.nextDouble() * (e.dis - adm)) + 600;
            e.status = '9';
            schedule(slot, (int) (e.dis / DAY), main);
        }
        emit(slot, e, sec.toString(), age);
    }

    private void elective(int slot, Cond c, int day, String main, char level, String procedure, String noisGroup, double losDays) {
        int site = chooseSite(slot, procedure != null ? 0.15 : 0.08);
        int age = p.age(slot, day);
        comorbidity(slot, age);
        Ep e = ep.reset();
        e.site = site;
        e.adm = day * DAY + 7 * HOUR + (long) (r.nextDouble() * 3 * HOUR);
        e.dis = level == '1' ? e.adm + los(losDays) : e.adm + (long) ((0.5 + r.nextDouble() * (level == '2' ? 6 : 1.5)) * HOUR);
        e.level = level;
        e.acute = false;
        e.main = main;
        e.withSecondary = level != '3' || r.nextDouble() < 0.3;
        if (level == '3' && r.nextDouble() < 0.5) {
            e.careStart = 2;
        } else {
            waiting(e, day, site);
        }
        if (procedure != null) {
            e.procedures = procedure;
            e.firstProc = e.adm + (long) ((1 + r.nextDouble() * 4) * HOUR);
            int month = (Civil.ymd(day) / 100) % 100 - 1;
            stats.electiveOps[site][month]++;
            boolean male = p.male[slot] == 1;
            boolean dies = r.nextDouble() < Rng.logistic(-6.5 + 0.06 * (age - 75) + (male ? 0.15 : 0) + 0.3 * cci);
            if (dies) {
                long death = e.firstProc + (long) (r.nextDouble() * 20 * DAY);
                stats.deaths30[c.ordinal()]++;
                if (death < e.dis) {
                    e.dis = death;
                    e.status = '9';
                }
                schedule(slot, (int) (death / DAY), main);
            }
            if (noisGroup != null) nois(slot, site, e.firstProc, procedure, noisGroup, age);
        }
        emit(slot, e, sec.toString(), age);
    }

    private void cancer(int slot, Cond c, int day) {
        String main = Rng.pick(r, codes.cancer.get(c));
        String pathwayType = codes.pathway.get(c);
        int age = p.age(slot, day);
        int site = chooseSite(slot, 0.2);
        int oa = -1;
        int referral = day - 1 - r.nextInt(7);
        if (pathwayType != null && r.nextDouble() < 0.8) {
            oa = day;
            comorbidity(slot, age);
            Ep d = ep.reset();
            d.site = site;
            d.adm = day * DAY + 8 * HOUR + (long) (r.nextDouble() * 6 * HOUR);
            d.dis = d.adm + HOUR;
            d.level = '3';
            d.acute = false;
            d.main = main;
            d.referral = referral;
            d.deadline = referral + 10;
            d.careStart = 1;
            d.pathway = pathwayType;
            d.pathStart = oa;
            emit(slot, d, sec.toString(), age);
        }
        int standard = pathwayType == null ? 35 : ref.pathwayLeadDays.get(pathwayType);
        int lead = (int) Math.max(3, Math.round(standard * 0.82 * Math.exp(0.35 * r.nextGaussian())));
        int treatDay = day + lead;
        if (treatDay >= p.deathDay[slot]) return;
        int tage = p.age(slot, treatDay);
        comorbidity(slot, tage);
        Ep t = ep.reset();
        t.site = site;
        t.adm = treatDay * DAY + 7 * HOUR + (long) (r.nextDouble() * 2 * HOUR);
        t.dis = t.adm + los(6);
        t.level = '1';
        t.acute = false;
        t.main = main;
        t.procedures = Rng.pick(r, codes.cancerSurgery.get(c));
        t.firstProc = t.adm + 2 * HOUR;
        t.referral = referral;
        t.deadline = referral + 20;
        t.careStart = oa >= 0 ? 2 : 1;
        if (oa >= 0) {
            t.pathway = pathwayType;
            t.pathStart = oa;
            t.pathTreat = treatDay;
        }
        boolean dies = r.nextDouble() < Rng.logistic(-4.3 + 0.05 * (tage - 70) + 0.25 * cci);
        if (dies) {
            long death = t.adm + (long) (r.nextDouble() * 29 * DAY);
            stats.deaths30[c.ordinal()]++;
            if (death < t.dis) {
                t.dis = death;
                t.status = '9';
            }
            schedule(slot, (int) (death / DAY), main);
        }
        emit(slot, t, sec.toString(), tage);
    }

    /** Referral, deadline and start of care for a planned episode: about 8% start after the deadline. */
    private void waiting(Ep e, int day, int site) {
        int frist = FRISTS[r.nextInt(FRISTS.length)];
        double factor = plan.waitFactorByBohf[ref.sites.get(site).bohf()];
        int wait;
        if (r.nextDouble() < 0.08 * factor * factor) {
            wait = frist + 1 + (int) (r.nextExponential() * 20);
        } else {
            wait = (int) (frist * Math.min(1.0, (0.1 + 0.75 * r.nextDouble()) * factor));
        }
        e.referral = day - wait;
        e.deadline = e.referral + frist;
        e.careStart = 1;
    }

    private void schedule(int slot, int day, String cause) {
        if (day < p.deathDay[slot]) {
            p.deathDay[slot] = day;
            p.deathCause[slot] = cause;
        }
    }

    private long acuteSecondOfDay() {
        double u = r.nextDouble();
        double h = u < 0.75 ? 8 + r.nextDouble() * 14 : r.nextDouble() * 24;
        return (long) (h * HOUR) / 60 * 60;
    }

    private long los(double meanDays) {
        double d = meanDays * (0.3 + 0.7 * r.nextExponential());
        return Math.max(6 * HOUR, (long) (d * DAY) / 60 * 60);
    }

    /**
     * Chronic Charlson conditions of the person: fixed per person (drawn from a hash of the patient id),
     * more likely with age and frailty (and in the planted case-mix catchment); fills {@link #sec} and {@link #cci}.
     */
    private void comorbidity(int slot, int age) {
        sec.setLength(0);
        cci = 0;
        long h = Rng.mix(plan.seed * 0x9E3779B97F4A7C15L + p.uid(slot));
        boolean dmComplicated = false;
        boolean metastatic = false;
        double shift = plan.comorbidityShift[p.site[slot]];
        for (int k = 0; k < codes.charlson.length; k++) {
            double u = (Rng.mix(h + k) >>> 11) * 0x1.0p-53;
            double pk = Rng.logistic(codes.charlsonLogit[k] + 0.05 * (age - 70) + 0.7 * p.frail[slot] + shift);
            if (u < pk) {
                if (sec.length() > 0) sec.append(' ');
                sec.append(codes.charlson[k]);
                if (k == 10) dmComplicated = true;
                if (k == 14) metastatic = true;
                cci += codes.charlsonWeight[k];
            }
        }
        // Charlson hierarchy: complicated diabetes over uncomplicated, metastatic over any malignancy
        if (dmComplicated && sec.indexOf("E119") >= 0) cci -= 1;
        if (metastatic && sec.indexOf("C910") >= 0) cci -= 2;
        int fill = r.nextInt(3);
        for (int i = 0; i < fill; i++) {
            String f = codes.fillers[(int) ((Rng.mix(h + 100 + i) >>> 33) % codes.fillers.length)];
            if (sec.indexOf(f) < 0) {
                if (sec.length() > 0) sec.append(' ');
                sec.append(f);
            }
        }
    }

    private void emit(int slot, Ep e, String secondary, int age) {
        int disDay = (int) Math.floorDiv(e.dis, DAY);
        int disYear = Civil.year(disDay);
        int dd = p.deathDay[slot];
        if (dd != People.DEAD_NEVER) {
            // a death scheduled by an earlier event ends this stay (in hospital) or means it never happened
            long dt = dd * DAY + 12 * HOUR;
            if (dt <= e.adm) return;
            if (dt < e.dis) {
                e.dis = dt;
                e.status = '9';
                if (e.firstProc >= dt) {
                    e.firstProc = -1;
                    e.procedures = null;
                }
                disDay = dd;
                disYear = Civil.year(disDay);
            }
        }
        busyUntil = Math.max(busyUntil, e.dis);
        ExtractWriter w;
        long[] faultCounts;
        if (disYear == year) {
            w = out.get(Extract.NPR_SOMATIC);
            faultCounts = faults[Extract.NPR_SOMATIC.ordinal()];
        } else if (disYear == year + 1) {
            w = spill;
            faultCounts = spillFaults;
        } else {
            return;
        }
        if (e.level == '1') stats.inpatientDays[e.site] += Math.max(1, (e.dis - e.adm) / DAY);
        SynthReference.Site site = ref.sites.get(e.site);
        if (site.bohf() == plan.gapBohf && disYear == plan.gapYear && Civil.tertial(disDay) == plan.gapTertial) {
            return; // the trust's missing tertial: nothing reported
        }
        if (e.status != '9' && e.level != '3') {
            double fast = Rng.logistic(0.8 + plan.epicrisisLogit(e.site, disYear - plan.firstYear));
            double u = r.nextDouble();
            long delay;
            if (u < fast) delay = HOUR + (long) (r.nextDouble() * 22 * HOUR);
            else if (u < fast + (1 - fast) * 0.61) delay = 2 * DAY + (long) (r.nextDouble() * 5 * DAY);
            else delay = 8 * DAY + (long) (r.nextDouble() * 32 * DAY);
            e.epicrisis = e.dis + delay / 60 * 60;
        }
        w.str(S_ID, null);
        id(w.cell(S_ID), 'E', year, chunk, ++seq);
        patient(w, S_PAT, slot);
        w.str(S_ORG, site.orgnr()).ts(S_ADM, e.adm).ts(S_DIS, e.dis);
        w.str(S_LEVEL, e.level == '1' ? "1" : e.level == '2' ? "2" : "3").str(S_URG, e.acute ? "1" : "4");
        w.str(S_MAIN, e.main).str(S_SEC, e.withSecondary ? secondary : null).str(S_PROC, e.procedures);
        if (e.firstProc >= 0) w.ts(S_FPROC, e.firstProc); else w.empty(S_FPROC);
        w.str(S_RES, ref.municipalities.get(p.muni[slot]).number()).num(S_AGE, age).str(S_SEX, p.male[slot] == 1 ? "1" : "2");
        w.str(S_STATUS, e.status == '1' ? "1" : e.status == '2' ? "2" : e.status == '3' ? "3" : "9");
        if (e.referral >= 0) w.date(S_REF, e.referral); else w.empty(S_REF);
        if (e.deadline >= 0) w.date(S_DEADLINE, e.deadline); else w.empty(S_DEADLINE);
        if (e.careStart == 0) w.empty(S_CSTART); else w.bool(S_CSTART, e.careStart == 1);
        if (e.epicrisis >= 0) w.ts(S_EPI, e.epicrisis); else w.empty(S_EPI);
        w.str(S_PATH, e.pathway);
        if (e.pathStart >= 0) w.date(S_PSTART, e.pathStart); else w.empty(S_PSTART);
        if (e.pathTreat >= 0) w.date(S_PTREAT, e.pathTreat); else w.empty(S_PTREAT);
        Fault f = drawFault(Extract.NPR_SOMATIC);
        if (f == null) {
            w.end();
            return;
        }
        faultCounts[f.ordinal()]++;
        switch (f) {
            case INVALID_CODE -> w.str(S_MAIN, codes.invalidIcd[fr.nextInt(codes.invalidIcd.length)]);
            case MISSING_REQUIRED -> w.empty(S_RES);
            case DANGLING_UNIT -> w.str(S_ORG, codes.danglingOrg);
            case IMPOSSIBLE_DATE -> w.ts(S_ADM, e.dis + 26 * HOUR);
            case IMPOSSIBLE_AGE -> w.num(S_AGE, 130);
            default -> { }
        }
        if (f == Fault.DUPLICATE_ROW) w.endTwice(); else w.end();
    }

    private Fault drawFault(Extract e) {
        Fault[] kinds = e.faultKinds;
        double u = fr.nextDouble();
        int k = (int) (u / Plan.FAULT_RATE);
        return k < kinds.length ? kinds[k] : null;
    }

    private void countFault(Extract e, Fault f) {
        faults[e.ordinal()][f.ordinal()]++;
    }

    private void nois(int slot, int site, long procTime, String ncsp, String group, int age) {
        ExtractWriter w = out.get(Extract.NOIS_SSI);
        int day = (int) (procTime / DAY);
        if (Civil.year(day) != year) return;
        double rate = switch (group) {
            case "CABG" -> 0.045;
            case "HIP_TOTAL" -> 0.022;
            case "HIP_HEMI" -> 0.04;
            case "CHOLECYSTECTOMY" -> 0.028;
            case "CAESAREAN" -> 0.016;
            default -> 0.09;
        };
        w.str(0, null);
        id(w.cell(0), 'S', year, chunk, ++seq);
        patient(w, 1, slot);
        w.str(2, ref.sites.get(site).orgnr()).date(3, day).str(4, ncsp).str(5, group);
        boolean followed = r.nextDouble() < 0.93;
        if (followed) {
            double u = r.nextDouble();
            w.str(6, u >= rate ? "NONE" : u < rate * 0.6 ? "SUPERFICIAL" : u < rate * 0.85 ? "DEEP" : "ORGAN");
        } else {
            w.empty(6);
        }
        w.bool(7, followed).num(8, age).str(9, p.male[slot] == 1 ? "1" : "2");
        Fault f = drawFault(Extract.NOIS_SSI);
        if (f != null) {
            countFault(Extract.NOIS_SSI, f);
            if (f == Fault.DANGLING_UNIT) w.str(2, codes.danglingOrg);
            if (f == Fault.IMPOSSIBLE_AGE) w.num(8, 130);
        }
        if (f == Fault.DUPLICATE_ROW) w.endTwice(); else w.end();
    }

    // ---------------------------------------------------------------- mental health and TSB

    private void mental(int slot, int day, String sector) {
        ExtractWriter w = out.get(Extract.NPR_MENTAL);
        int age = p.age(slot, day);
        SynthReference.Site site = ref.sites.get(p.site[slot]);
        boolean tsb = sector.equals("TSB");
        double inpatientShare = tsb ? 0.25 : sector.equals("PHV_V") ? 0.08 : 0.05;
        char level = r.nextDouble() < inpatientShare ? '1' : r.nextDouble() < 0.05 ? '2' : '3';
        double meanWait = tsb ? 33 : sector.equals("PHV_V") ? 45 : 55;
        int wait = (int) (meanWait * (0.2 + 0.8 * r.nextExponential()));
        int referral = day - wait;
        int assessment = referral + 1 + (r.nextDouble() < 0.85 ? r.nextInt(13) : 14 + r.nextInt(20));
        if (assessment > day) assessment = day;
        int deadline = referral + (tsb ? 30 : 65) + r.nextInt(20);
        int end;
        if (level == '1') end = day + 1 + (int) ((tsb ? 40 : 20) * r.nextExponential());
        else end = r.nextDouble() < 0.2 ? -1 : day + 14 + r.nextInt(300);
        w.str(0, null);
        id(w.cell(0), 'M', year, chunk, ++seq);
        patient(w, 1, slot);
        w.str(2, site.hfOrgnr()).str(3, sector).str(4, level == '1' ? "1" : level == '2' ? "2" : "3");
        w.date(5, referral).date(6, assessment).date(7, deadline).date(8, day);
        if (end >= 0) w.date(9, end); else w.empty(9);
        if (end >= 0) {
            double missing = tsb && level == '1' ? (site.borhf() == 3 ? 0.84 : site.borhf() == 2 ? 0.06 : 0.55) : 0.25;
            if (r.nextDouble() < missing) {
                w.empty(10);
            } else {
                double u = r.nextDouble();
                w.str(10, u < 0.80 ? "1" : u < 0.84 ? "2" : u < 0.92 ? "3" : u < 0.95 ? "4" : "9");
            }
        } else {
            w.empty(10);
        }
        String[] dx = tsb ? codes.tsb : sector.equals("PHV_V") ? codes.mentalAdult : codes.mentalChild;
        if (r.nextDouble() < 0.03) w.empty(11); else w.str(11, Rng.pick(r, dx));
        w.str(12, ref.municipalities.get(p.muni[slot]).number()).num(13, age).str(14, p.male[slot] == 1 ? "1" : "2");
        if (level == '1' && end >= 0) {
            long delay = r.nextDouble() < 0.56 ? (long) (r.nextDouble() * 20 * HOUR) : (long) ((1 + r.nextExponential() * 6) * DAY);
            w.ts(15, end * DAY + 11 * HOUR + delay / 60 * 60);
        } else {
            w.empty(15);
        }
        Fault f = drawFault(Extract.NPR_MENTAL);
        if (f != null) {
            countFault(Extract.NPR_MENTAL, f);
            switch (f) {
                case MISSING_REQUIRED -> w.empty(12);
                case DANGLING_UNIT -> w.str(2, codes.danglingOrg);
                case IMPOSSIBLE_DATE -> w.date(9, day - 3);
                case IMPOSSIBLE_AGE -> w.num(13, 130);
                default -> { }
            }
        }
        if (f == Fault.DUPLICATE_ROW) w.endTwice(); else w.end();
    }

    // ---------------------------------------------------------------- municipal services (KPR)

    private void nursing(int slot, int day, String type) {
        if (p.nursingUntil[slot] > day) return; // already in a long-term stay
        ExtractWriter w = out.get(Extract.KPR_NURSING_HOME);
        int m = p.muni[slot];
        int age = p.age(slot, day);
        int end;
        boolean longTerm = type.equals("21");
        if (longTerm) {
            end = day + 30 + (int) (800 * r.nextExponential());
            if (end <= horizonEnd && r.nextDouble() < 0.85) schedule(slot, end, Rng.pick(r, codes.deathCauses));
            if (p.deathDay[slot] < end) end = p.deathDay[slot];
            p.nursingUntil[slot] = end;
            for (int y = year; y <= plan.lastYear; y++) {
                int dec31 = Civil.yearStart(y + 1) - 1;
                if (end > dec31) stats.nursingLongAtYearEnd[y - plan.firstYear][m]++;
            }
        } else {
            end = day + (type.equals("20") ? 7 + r.nextInt(35) : 3 + r.nextInt(12));
        }
        boolean ongoing = end > horizonEnd;
        int refDay = ongoing ? horizonEnd : end;
        w.str(0, null);
        id(w.cell(0), 'N', year, chunk, ++seq);
        patient(w, 1, slot);
        w.str(2, ref.municipalities.get(m).number()).str(3, type).date(4, day);
        if (ongoing) w.empty(5); else w.date(5, end);
        if (longTerm) {
            assessment(w, 6, day, refDay, Rng.logistic(1.0 + plan.nursingAssessLogit[m]));
            assessment(w, 7, day, refDay, 0.32);
            assessment(w, 8, day, refDay, 0.58);
        } else {
            if (r.nextDouble() < 0.8) w.date(6, day + r.nextInt(Math.max(1, end - day))); else w.empty(6);
            w.empty(7);
            if (r.nextDouble() < 0.3) w.date(8, day + r.nextInt(Math.max(1, end - day))); else w.empty(8);
        }
        double u = r.nextDouble();
        if (u < 0.1) w.empty(9); else w.bool(9, u < 0.16);
        w.num(10, age).str(11, p.male[slot] == 1 ? "1" : "2");
        Fault f = drawFault(Extract.KPR_NURSING_HOME);
        if (f != null) {
            countFault(Extract.KPR_NURSING_HOME, f);
            switch (f) {
                case MISSING_REQUIRED -> w.empty(2);
                case IMPOSSIBLE_DATE -> w.date(5, day - 5);
                case IMPOSSIBLE_AGE -> w.num(10, 130);
                default -> { }
            }
        }
        if (f == Fault.DUPLICATE_ROW) w.endTwice(); else w.end();
    }

    /** Latest assessment: within 12 months of the reference day (share p), older, or not reported. */
    private void assessment(ExtractWriter w, int col, int start, int refDay, double p12) {
        double u = r.nextDouble();
        int span = refDay - start;
        if (u < p12) {
            w.date(col, refDay - r.nextInt(Math.max(1, Math.min(365, span + 1))));
        } else if (u < p12 + (1 - p12) * 0.55 && span > 400) {
            w.date(col, refDay - 366 - r.nextInt(span - 366));
        } else {
            w.empty(col);
        }
    }

    private void homeService(int slot, int day) {
        ExtractWriter w = out.get(Extract.KPR_HOME_SERVICE);
        int age = p.age(slot, day);
        double u = r.nextDouble();
        String type = u < 0.6 ? "HOME_NURSING" : u < 0.78 ? "PHYSIO" : u < 0.87 ? "DAY_ACTIVITY" : u < 0.95 ? "SUPPORT_CONTACT" : "NURSING_HOME";
        w.str(0, null);
        id(w.cell(0), 'H', year, chunk, ++seq);
        patient(w, 1, slot);
        w.str(2, ref.municipalities.get(p.muni[slot]).number()).str(3, type);
        if (r.nextDouble() < 0.05) w.empty(4); else w.date(4, day - r.nextInt(31));
        w.date(5, day);
        double v = r.nextDouble();
        if (v < 0.04) {
            w.empty(6);
        } else {
            double s = r.nextDouble();
            int wait = s < 0.84 ? r.nextInt(16) : s < 0.90 ? 16 + r.nextInt(15) : 31 + (int) (40 * r.nextExponential());
            w.date(6, day + wait);
        }
        double ip = r.nextDouble();
        if (ip < 0.1) w.empty(7); else w.bool(7, ip < 0.16);
        w.num(8, age).str(9, p.male[slot] == 1 ? "1" : "2").end();
    }

    private void gpContacts(int slot, int age, boolean male, int ndays) {
        int n = Rng.poisson(r, plan.rate(Cond.GP_CONTACT, age, male, fm));
        if (n == 0) return;
        ExtractWriter w = out.get(Extract.KPR_GP_CONTACT);
        int m = p.muni[slot];
        String muni = ref.municipalities.get(m).number();
        int listSize = p.muniStart[m + 1] - p.muniStart[m];
        // about 1,100 listed inhabitants per GP, as KOSTRA's GP_TOTAL
        int gps = Math.max(1, (int) Math.round(listSize / 1100.0));
        int own = (slot - p.muniStart[m]) % gps;
        double ownShare = run.ownGpShare(m);
        for (int i = 0; i < n; i++) {
            int day = jan1 + r.nextInt(ndays);
            if (day >= p.deathDay[slot]) continue;
            w.str(0, null);
            id(w.cell(0), 'G', year, chunk, ++seq);
            patient(w, 1, slot);
            w.str(2, muni).date(3, day);
            boolean isOwn = r.nextDouble() < ownShare;
            int gp = isOwn || gps == 1 ? own : (own + 1 + r.nextInt(gps - 1)) % gps;
            StringBuilder g = w.str(4, "GP").cell(4);
            g.append(muni).append('-').append(isOwn || gps > 1 ? Integer.toString(gp) : "V1");
            w.bool(5, isOwn);
            if (r.nextDouble() < 0.05) w.empty(6); else w.str(6, Rng.pick(r, ICPC2));
            w.num(7, p.age(slot, day)).str(8, male ? "1" : "2").end();
        }
    }

    private void prescriptions(int slot, int age, boolean male, int ndays) {
        int m = p.muni[slot];
        int nAbx = Rng.poisson(r, plan.rate(Cond.ANTIBIOTIC_RX, age, male, fm) * plan.antibioticMultiplier[m]);
        int nOther = Rng.poisson(r, plan.rate(Cond.OTHER_RX, age, male, fm));
        if (nAbx + nOther == 0) return;
        ExtractWriter w = out.get(Extract.PRESCRIPTION);
        String muni = ref.municipalities.get(m).number();
        for (int i = 0; i < nAbx + nOther; i++) {
            int day = jan1 + r.nextInt(ndays);
            if (day >= p.deathDay[slot]) continue;
            boolean abx = i < nAbx;
            String atc;
            double ddd;
            String prescriber;
            if (abx) {
                if (age < 10) atc = ABX_CHILD[Rng.pickCumulative(r, ABX_CHILD_W)];
                else if (r.nextDouble() < (male ? 0.12 : 0.38)) atc = ABX_UTI[Rng.pickCumulative(r, ABX_UTI_W)];
                else atc = ABX_OTHER[Rng.pickCumulative(r, ABX_OTHER_W)];
                ddd = (age < 10 ? 2.5 : 5) + r.nextInt(16) * 0.5;
                double u = r.nextDouble();
                prescriber = u < 0.8 ? "GP" : u < 0.88 ? "HOSPITAL" : u < 0.95 ? "DENTIST" : "OTHER";
            } else {
                atc = RX_OTHER[Rng.pickCumulative(r, RX_OTHER_W)];
                ddd = 28 + r.nextInt(8) * 10 + r.nextInt(4) * 0.25;
                double u = r.nextDouble();
                prescriber = u < 0.85 ? "GP" : u < 0.95 ? "HOSPITAL" : "OTHER";
            }
            w.str(0, null);
            id(w.cell(0), 'R', year, chunk, ++seq);
            patient(w, 1, slot);
            w.date(2, day).str(3, atc).dec(4, ddd, 2).str(5, prescriber).str(6, muni).num(7, p.age(slot, day))
                    .str(8, male ? "1" : "2");
            Fault f = drawFault(Extract.PRESCRIPTION);
            if (f != null) {
                countFault(Extract.PRESCRIPTION, f);
                switch (f) {
                    case INVALID_CODE -> w.str(3, codes.invalidAtc);
                    case MISSING_REQUIRED -> w.empty(6);
                    case IMPOSSIBLE_AGE -> w.num(7, 130);
                    default -> { }
                }
            }
            if (f == Fault.DUPLICATE_ROW) w.endTwice(); else w.end();
        }
    }

    // ---------------------------------------------------------------- emergency calls

    private void calls(int slot, int age, boolean male, int ndays) {
        int n113 = Rng.poisson(r, plan.rate(Cond.CALL_113, age, male, fm));
        int n116 = Rng.poisson(r, plan.rate(Cond.CALL_116117, age, male, fm));
        if (n113 + n116 == 0) return;
        ExtractWriter w = out.get(Extract.AMK_CALL);
        int m = p.muni[slot];
        SynthReference.Municipality mu = ref.municipalities.get(m);
        boolean urban = run.urban(m);
        for (int i = 0; i < n113 + n116; i++) {
            int day = jan1 + r.nextInt(ndays);
            if (day > p.deathDay[slot]) continue;
            boolean amk = i < n113;
            long call = day * DAY + (long) ((r.nextDouble() < 0.7 ? 8 + r.nextDouble() * 15 : r.nextDouble() * 24) * HOUR);
            if (call >= nextJan1 * DAY) call = nextJan1 * DAY - 1;
            String central = amk ? ref.amkByBohf.get(ref.sites.get(p.site[slot]).bohf()) : ref.lvsByCounty.get(mu.county());
            w.str(0, null);
            id(w.cell(0), 'K', year, chunk, ++seq);
            w.str(1, amk ? "113" : "116117").str(2, central).str(3, mu.number()).ts(4, call);
            double pFast = run.answerShare(central);
            double u = r.nextDouble();
            if (!amk && u > 0.95) {
                w.empty(5);
            } else if (r.nextDouble() < pFast) {
                w.ts(5, call + (amk ? 1 + r.nextInt(10) : 5 + r.nextInt(116)));
            } else {
                w.ts(5, call + (amk ? 11 + (long) (15 * r.nextExponential()) : 121 + (long) (240 * r.nextExponential())));
            }
            String urgency;
            double v = r.nextDouble();
            if (amk) urgency = v < 0.45 ? "A" : v < 0.8 ? "H" : "V";
            else urgency = v < 0.02 ? "A" : v < 0.12 ? "H" : v < 0.72 ? "V" : null;
            w.str(6, urgency);
            double pDispatch = amk ? ("A".equals(urgency) ? 0.9 : "H".equals(urgency) ? 0.7 : 0.3) : 0.03;
            boolean dispatched = r.nextDouble() < pDispatch;
            w.bool(7, dispatched);
            if (dispatched && r.nextDouble() < 0.97) {
                double minutes = (urban ? 9 : 16) * Math.exp((urban ? 0.45 : 0.5) * r.nextGaussian());
                w.ts(8, call + 60 + (long) (minutes * 60));
            } else {
                w.empty(8);
            }
            w.str(9, urban ? "URBAN" : "RURAL").end();
        }
    }

    // ---------------------------------------------------------------- helpers

    private void patient(ExtractWriter w, int col, int slot) {
        w.str(col, null);
        People.appendPatientId(w.cell(col), p.uid(slot));
    }

    /** Unique id: prefix, generating year, chunk (5 digits) and a sequence number (8 digits). */
    static void id(StringBuilder sb, char prefix, int year, int chunk, long seq) {
        sb.append(prefix).append(year);
        pad(sb, chunk, 5);
        pad(sb, seq, 8);
    }

    private static void pad(StringBuilder sb, long v, int width) {
        int digits = 1;
        for (long t = v; t >= 10; t /= 10) digits++;
        for (int i = digits; i < width; i++) sb.append('0');
        sb.append(v);
    }
}
