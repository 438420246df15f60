package no.kvik.synth;

import static no.kvik.synth.ChunkContext.DAY;

/** NOIS surgical-site-infection surveillance (nois_ssi): one row per followed operation of this year. */
final class SurgicalInfections {
    private static final Extract NOIS = Extract.NOIS_SSI;
    private static final int PROCEDURE_ID = NOIS.column("procedure_id"), PATIENT_ID = NOIS.column("patient_id"),
            PROVIDER_ORG = NOIS.column("provider_org"), PROCEDURE_DATE = NOIS.column("procedure_date"),
            NCSP_CODE = NOIS.column("ncsp_code"), PROCEDURE_GROUP = NOIS.column("procedure_group"),
            INFECTION = NOIS.column("infection"), FOLLOW_UP_COMPLETE = NOIS.column("follow_up_complete"),
            AGE = NOIS.column("age"), SEX = NOIS.column("sex");

    private final ChunkContext cx;

    SurgicalInfections(ChunkContext cx) {
        this.cx = cx;
    }

    /** The operation's NOIS row: 93% followed up, infected at the group's rate (60% superficial, 25% deep). */
    void procedure(int slot, int site, long procTime, String ncsp, String group, int age) {
        ExtractWriter w = cx.writer(NOIS);
        int day = (int) (procTime / DAY);
        if (Civil.year(day) != cx.year) return;
        double rate = switch (group) {
            case "CABG" -> 0.045;
            case "HIP_TOTAL" -> 0.022;
            case "HIP_HEMI" -> 0.04;
            case "CHOLECYSTECTOMY" -> 0.028;
            case "CAESAREAN" -> 0.016;
            default -> 0.09;
        };
        cx.rowId(w, PROCEDURE_ID, 'S');
        cx.patient(w, PATIENT_ID, slot);
        w.str(PROVIDER_ORG, cx.ref.sites.get(site).orgnr()).date(PROCEDURE_DATE, day).str(NCSP_CODE, ncsp)
                .str(PROCEDURE_GROUP, group);
        boolean followed = cx.r.nextDouble() < 0.93;
        if (followed) {
            double u = cx.r.nextDouble();
            w.str(INFECTION, u >= rate ? "NONE" : u < rate * 0.6 ? "SUPERFICIAL" : u < rate * 0.85 ? "DEEP" : "ORGAN");
        } else {
            w.empty(INFECTION);
        }
        w.bool(FOLLOW_UP_COMPLETE, followed).num(AGE, age).str(SEX, cx.sex(slot));
        Fault f = cx.drawFault(NOIS);
        if (f != null) {
            cx.countFault(NOIS, f);
            if (f == Fault.DANGLING_UNIT) w.str(PROVIDER_ORG, cx.codes.danglingOrg);
            if (f == Fault.IMPOSSIBLE_AGE) w.num(AGE, 130);
        }
        ChunkContext.end(w, f);
    }
}
