package no.kvik.synth;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Secondary-prevention medication after a heart attack (AMI) or heart-failure (CHF) stay, dispensed at pharmacies
 * in the year after discharge ({@code prescription_cardiac_<year>.csv}, rows of the prescription contract): what
 * the OECD integrated-care indicators count (oecd_ami_*_1y, oecd_chf_acei_arb_and_beta_blocker_1y). The general
 * prescription family draws its drugs without regard to diagnoses, so without this family almost no such patient
 * had both an ACE inhibitor/ARB and a beta blocker after discharge.
 *
 * <p>{@link SomaticEpisodes} notes each inpatient stay discharged alive and not transferred whose principal
 * diagnosis is in OECD_AMI or OECD_CHF ({@link #noteStay}); that draws nothing. Each stay's treatment is drawn from
 * a stream of its own ({@link Rng#CARDIAC_MEDICATION}, keyed by patient and discharge day), so the same fills come
 * out in whichever year they are written, and every other extract keeps its bytes. A drug class is started with the
 * class's share (times the planted multiplier of the discharging hospital), first filled 0-14 days after discharge
 * (most) or 15-90 days, then every 90 days while the year after discharge lasts; each year writes the fills that
 * fall in it before the person's death.
 *
 * <p>Shares (inferred, of the order Norwegian registry reports give for patients alive after discharge): after AMI
 * statin 88 %, antiplatelet 92 %, beta blocker 75 %, ACE inhibitor/ARB 58 %; after CHF ACE inhibitor/ARB 72 %,
 * beta blocker 78 %, drawn independently (about 56 % both).
 */
final class CardiacMedicationRegistry implements RegistryFamily {
    private static final Extract RX = Extract.PRESCRIPTION_CARDIAC;
    private static final int DISPENSING_ID = RX.column("dispensing_id"), PATIENT_ID = RX.column("patient_id"),
            DISPENSING_DATE = RX.column("dispensing_date"), ATC = RX.column("atc"), DDD = RX.column("ddd"),
            PRESCRIBER = RX.column("prescriber_category"), RESIDENCE = RX.column("residence_municipality"),
            AGE = RX.column("age"), SEX = RX.column("sex");

    /** A drug class: its name in truth.json, the share of patients started on it, and the ATC codes dispensed. */
    record DrugClass(String name, double share, String... atc) {
    }

    static final List<DrugClass> AFTER_AMI = List.of(
            new DrugClass("statin", 0.88, "C10AA05", "C10AA01", "C10AA07"),
            new DrugClass("antiplatelet", 0.92, "B01AC06", "B01AC24", "B01AC04"),
            new DrugClass("beta_blocker", 0.75, "C07AB02", "C07AB07"),
            new DrugClass("acei_arb", 0.58, "C09AA05", "C09CA01", "C09CA06"));
    static final List<DrugClass> AFTER_CHF = List.of(
            new DrugClass("acei_arb", 0.72, "C09AA05", "C09CA01", "C09DX04"),
            new DrugClass("beta_blocker", 0.78, "C07AB07", "C07AB02", "C07AG02"));
    /** Ranks (in {@link SynthReference#sitesByCatchmentPopulation}) of the hospitals planted to prescribe less. */
    static final List<Integer> LOW_PRESCRIBING_RANKS = List.of(1, 4);
    /** Multiplier of every class's share at a planted hospital. */
    static final double LOW_PRESCRIBING_MULTIPLIER = 0.6;
    static final int KIND_AMI = 1;
    static final int KIND_CHF = 2;

    /** One noted stay: the kind (AMI or CHF), the discharging site and the discharge day. */
    record Stay(int kind, int site, int dischargeDay) {
    }

    /**
     * A person's noted stays whose year after discharge may still hold fills: the first of each kind per discharge
     * year is kept (the one the indicators follow up), with the one of the year before.
     */
    static final class Stays {
        final long uid;
        final List<Stay> stays = new ArrayList<>(2);

        Stays(long uid) {
            this.uid = uid;
        }
    }

    private final ChunkContext cx;
    private final Set<Integer> lowSites;
    private long seq;

    CardiacMedicationRegistry(ChunkContext cx) {
        this.cx = cx;
        this.lowSites = lowPrescribingSites(cx.ref);
    }

    static Set<Integer> lowPrescribingSites(SynthReference ref) {
        List<Integer> order = ref.sitesByCatchmentPopulation();
        return Set.copyOf(LOW_PRESCRIBING_RANKS.stream().map(order::get).toList());
    }

    /** Notes an inpatient AMI or CHF stay discharged alive and not transferred; draws nothing. */
    static void noteStay(ChunkContext cx, int slot, SomaticEpisodes.Episode e) {
        if (e.level != '1' || e.status == '2' || e.status == '9' || e.main == null) return;
        int kind = cx.codes.oecdAmi.contains(e.main) ? KIND_AMI : cx.codes.oecdChf.contains(e.main) ? KIND_CHF : 0;
        if (kind == 0) return;
        int day = (int) Math.floorDiv(e.dis, ChunkContext.DAY);
        long uid = cx.people.uid(slot);
        Stays s = cx.people.cardiacStays.get(slot);
        if (s == null || s.uid != uid) {
            s = new Stays(uid);
            cx.people.cardiacStays.put(slot, s);
        }
        for (Stay old : s.stays) {
            if (old.kind() == kind && Civil.year(old.dischargeDay()) == Civil.year(day)) return; // the first is followed
        }
        s.stays.add(new Stay(kind, e.site, day));
    }

    @Override
    public void personYear(int slot, int age, boolean male, int daysInYear) {
        Stays s = cx.people.cardiacStays.get(slot);
        if (s == null) return;
        if (s.uid != cx.people.uid(slot)) {
            cx.people.cardiacStays.remove(slot); // a newborn took the slot
            return;
        }
        for (Stay stay : s.stays) dispense(slot, male, stay);
        s.stays.removeIf(stay -> stay.dischargeDay() + 365 < cx.nextJan1);
        if (s.stays.isEmpty()) cx.people.cardiacStays.remove(slot);
    }

    /** Writes the fills of one stay's treatment that fall in this year, before the person's death. */
    private void dispense(int slot, boolean male, Stay stay) {
        SplittableRandom r = Rng.stream(cx.plan.seed, Rng.CARDIAC_MEDICATION, stay.dischargeDay(), cx.people.uid(slot));
        double multiplier = lowSites.contains(stay.site()) ? LOW_PRESCRIBING_MULTIPLIER : 1;
        int end = stay.dischargeDay() + 365;
        for (DrugClass d : stay.kind() == KIND_AMI ? AFTER_AMI : AFTER_CHF) {
            // every draw is made whatever the year, so a stay's fills are the same in each year that writes them
            boolean started = r.nextDouble() < d.share() * multiplier;
            int delay = r.nextDouble() < 0.8 ? r.nextInt(15) : 15 + r.nextInt(76);
            String atc = d.atc()[r.nextInt(d.atc().length)];
            if (!started) continue;
            for (int day = stay.dischargeDay() + delay, n = 0; day <= end; day += 90, n++) {
                if (day < cx.jan1 || day >= cx.nextJan1 || day >= cx.people.deathDay[slot]) continue;
                ExtractWriter w = cx.writer(RX);
                w.str(DISPENSING_ID, null);
                ChunkContext.id(w.cell(DISPENSING_ID), 'M', cx.year, cx.chunk, ++seq);
                cx.patient(w, PATIENT_ID, slot);
                w.date(DISPENSING_DATE, day).str(ATC, atc).dec(DDD, 90, 2).str(PRESCRIBER, n == 0 && delay < 15 ? "HOSPITAL" : "GP")
                        .str(RESIDENCE, cx.residence(slot)).num(AGE, cx.people.age(slot, day)).str(SEX, male ? "1" : "2").end();
            }
        }
    }

    /** What truth.json says about the family: the shares and the planted hospitals. */
    static Map<String, Object> truth(SynthReference ref) {
        Map<String, Object> t = new LinkedHashMap<>();
        t.put("after_ami_share", shares(AFTER_AMI));
        t.put("after_chf_share", shares(AFTER_CHF));
        List<Object> low = new ArrayList<>();
        for (int site : lowPrescribingSites(ref).stream().sorted().toList()) {
            Map<String, Object> x = new LinkedHashMap<>();
            x.put("provider_org", ref.sites.get(site).orgnr());
            x.put("name", ref.sites.get(site).name());
            x.put("share_multiplier", LOW_PRESCRIBING_MULTIPLIER);
            low.add(x);
        }
        t.put("low_prescribing_hospitals", low);
        t.put("note", "patients discharged alive, not transferred, after an inpatient stay with principal diagnosis in "
                + "OECD_AMI or OECD_CHF start each drug class with its share (times the multiplier at a planted hospital, "
                + "low in the oecd_ami_*_1y and oecd_chf_acei_arb_and_beta_blocker_1y indicators there); first fill 0-90 "
                + "days after discharge, then every 90 days for a year; file prescription_cardiac_<year>.csv, drawn from a "
                + "stream of its own, so every other extract is as without this family");
        return t;
    }

    private static Map<String, Object> shares(List<DrugClass> classes) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (DrugClass d : classes) m.put(d.name(), d.share());
        return m;
    }
}
