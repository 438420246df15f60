package no.kvik.synth;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Set;
import java.util.Map;

/** Code lists the generator writes, each checked against the reference code lists at start-up. */
final class Codes {
    final String[] ami;
    final String[] amiNstemi;
    final String[] amiOther;
    final String[] strokeHaem;
    final String[] strokeIsch;
    final String[] strokeUnspec;
    final String[] hipFracture;
    final Map<Cond, String[]> readmissionGroup = new EnumMap<>(Cond.class);
    final Map<Cond, String[]> cancer = new EnumMap<>(Cond.class);
    final Map<Cond, String[]> cancerSurgery = new EnumMap<>(Cond.class);
    final Map<Cond, String> pathway = new EnumMap<>(Cond.class);
    final String[] otherPool;
    final String[] charlson;
    final int[] charlsonWeight;
    final double[] charlsonLogit;
    final String[] fillers;
    final String[] mentalAdult;
    final String[] mentalChild;
    final String[] tsb;
    final String[] deathCauses;
    final String[] surgeryDiagnosis;
    final String[] hipProsthesis;
    final String[] hipHemi;
    final String[] hipOsteosynthesis;
    final String[] chole;
    final String[] caesarean;
    final String[] colon;
    final String[] cabg;
    final String[] pci;
    final String[] invalidIcd;
    /** Principal diagnoses of the OECD integrated-care cohorts (heart attack, heart failure), for the medication family. */
    final Set<String> oecdAmi;
    final Set<String> oecdChf;
    final String invalidAtc = "JO1CE02";
    final String danglingOrg;

    Codes(SynthReference ref) {
        List<String> amiAll = ref.icdSet("AMI_30d_survival");
        ami = amiAll.toArray(String[]::new);
        amiNstemi = amiAll.stream().filter(c -> c.startsWith("I214")).toArray(String[]::new);
        amiOther = amiAll.stream().filter(c -> !c.startsWith("I214")).toArray(String[]::new);
        List<String> stroke = ref.icdSet("STROKE_30d_survival");
        strokeHaem = stroke.stream().filter(c -> c.startsWith("I61")).toArray(String[]::new);
        strokeIsch = stroke.stream().filter(c -> c.startsWith("I63")).toArray(String[]::new);
        strokeUnspec = stroke.stream().filter(c -> c.startsWith("I64")).toArray(String[]::new);
        hipFracture = ref.icdSet("HIPFX_30d_survival").toArray(String[]::new);
        readmissionGroup.put(Cond.PNEUMONIA, set(ref, "READM67_Lungebetennelse"));
        readmissionGroup.put(Cond.COPD, set(ref, "READM67_Astma/KOLS"));
        readmissionGroup.put(Cond.HEART_FAILURE, set(ref, "READM67_Hjertesvikt"));
        readmissionGroup.put(Cond.UTI, set(ref, "READM67_Urinveisinfeksjon (cystitt)"));
        readmissionGroup.put(Cond.FRACTURE, ref.icdSet("READM67_Brudd").stream().filter(c -> !c.startsWith("S72"))
                .toArray(String[]::new));
        readmissionGroup.put(Cond.GASTROENTERITIS, set(ref, "READM67_Gastroenteritt"));
        readmissionGroup.put(Cond.DEHYDRATION, set(ref, "READM67_Dehydrering"));
        readmissionGroup.put(Cond.CONSTIPATION, set(ref, "READM67_Forstoppelse"));
        readmissionGroup.put(Cond.ARTHRITIS, set(ref, "READM67_Gikt/leddsykdom"));
        readmissionGroup.put(Cond.ANEMIA, set(ref, "READM67_Mangelanemi"));
        cancer.put(Cond.CANCER_LUNG, ref.checkIcd("C349", "C341", "C343"));
        cancer.put(Cond.CANCER_BREAST, ref.checkIcd("C509", "C504"));
        cancer.put(Cond.CANCER_COLORECTAL, ref.checkIcd("C189", "C187", "C20"));
        cancer.put(Cond.CANCER_PROSTATE, ref.checkIcd("C61"));
        cancer.put(Cond.CANCER_MELANOMA, ref.checkIcd("C439", "C435"));
        cancer.put(Cond.CANCER_BLADDER, ref.checkIcd("C679"));
        cancer.put(Cond.CANCER_OTHER, ref.checkIcd("C910", "C259", "C64", "C56", "C73", "C829", "C719", "C169"));
        cancerSurgery.put(Cond.CANCER_LUNG, ref.checkNcsp("GDB10", "GDC00"));
        cancerSurgery.put(Cond.CANCER_BREAST, ref.checkNcsp("HAB40", "HAC10"));
        cancerSurgery.put(Cond.CANCER_COLORECTAL, ref.checkNcsp("JFB30", "JGB00"));
        cancerSurgery.put(Cond.CANCER_PROSTATE, ref.checkNcsp("KEC01", "KEC00"));
        cancerSurgery.put(Cond.CANCER_MELANOMA, ref.checkNcsp("QBE10", "QBE00"));
        cancerSurgery.put(Cond.CANCER_BLADDER, ref.checkNcsp("KCD10"));
        cancerSurgery.put(Cond.CANCER_OTHER, ref.checkNcsp("JFH00", "AAF00"));
        pathway.put(Cond.CANCER_LUNG, "LUNG");
        pathway.put(Cond.CANCER_BREAST, "BREAST");
        pathway.put(Cond.CANCER_COLORECTAL, "COLORECTAL");
        pathway.put(Cond.CANCER_PROSTATE, "PROSTATE");
        pathway.put(Cond.CANCER_MELANOMA, "MELANOMA");
        pathway.put(Cond.CANCER_BLADDER, "BLADDER");
        for (String p : pathway.values()) {
            if (!ref.pathwayLeadDays.containsKey(p)) throw new IllegalStateException("cancer pathway " + p + " missing in cancer_pathways.csv");
        }
        // Charlson conditions (ICD-10 codes within Quan et al. 2005 coding; original Charlson weights)
        charlson = ref.checkIcd("I252", "I509", "I739", "I693", "F03", "J449", "M069", "K259", "K746", "E119",
                "E112", "G819", "N184", "C910", "C787");
        charlsonWeight = new int[]{1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 2, 2, 2, 2, 6};
        charlsonLogit = new double[]{-3.2, -3.0, -3.5, -3.3, -3.8, -2.7, -4.0, -4.5, -5.0, -2.3, -3.6, -5.5, -3.4, -4.6, -5.5};
        fillers = ref.checkIcd("I10", "E669", "I489", "E039", "H251", "N40", "M109");
        mentalAdult = ref.checkIcd("F329", "F331", "F412", "F200", "F431", "F321", "F603", "F319");
        mentalChild = ref.checkIcd("F900", "F840", "F432", "F929", "F329", "F412");
        tsb = ref.checkIcd("F102", "F112", "F122", "F192", "F152");
        deathCauses = ref.checkIcd("I219", "I639", "C349", "J449", "F03", "G309", "I509", "J189", "C189", "N390", "C61", "C509");
        surgeryDiagnosis = ref.checkIcd("M161", "K802", "K800", "Z380", "K573", "I251");
        hipProsthesis = ref.checkNcsp("NFB40", "NFB30", "NFB20");
        hipHemi = ref.checkNcsp("NFB02", "NFB12");
        hipOsteosynthesis = ref.checkNcsp("NFJ60", "NFJ70");
        chole = ref.checkNcsp("JKA21", "JKA20");
        caesarean = ref.checkNcsp("MCA10", "MCA20", "MCA00");
        colon = ref.checkNcsp("JFB30", "JFB33", "JFH00");
        cabg = ref.checkNcsp("FNA00", "FNA10");
        pci = ref.checkNcsp("FNG00", "FNG10");

        List<String> pool = new ArrayList<>();
        for (String c : ref.icd10) {
            char a = c.charAt(0);
            boolean special = c.startsWith("I21") || c.startsWith("I22") || c.startsWith("I6") || c.startsWith("S72")
                    || a == 'C' || a == 'F' || a == 'D' && c.charAt(1) == '0' || a == 'O' || a == 'P' || a == 'V'
                    || a == 'W' || a == 'X' || a == 'Y' || a == 'U';
            if (!special) pool.add(c);
        }
        for (Map.Entry<String, List<String>> s : ref.icdSets.entrySet()) {
            if (!DRAWN_AS_OTHER_DIAGNOSES.contains(s.getKey())) pool.removeAll(s.getValue());
        }
        pool.sort(String::compareTo);
        otherPool = pool.toArray(String[]::new);

        oecdAmi = Set.copyOf(ref.icdSet("OECD_AMI"));
        oecdChf = Set.copyOf(ref.icdSet("OECD_CHF"));
        invalidIcd = new String[]{"I2199", "S7299", "J1899", "K8099", "N3999"};
        for (String c : invalidIcd) {
            if (ref.icd10.contains(c)) throw new IllegalStateException("planted invalid ICD-10 code " + c + " is valid");
        }
        String d = "900000001";
        while (ref.orgnrs.contains(d)) d = Long.toString(Long.parseLong(d) + 1);
        danglingOrg = d;
    }

    /**
     * Code sets added to the reference after the generator's draws were fixed, whose codes stay in the pool of other
     * diagnoses: removing them would shift every later draw, so every extract would change for the same seed (the
     * OECD pilot's heart-failure codes; its cohort is drawn from that pool).
     */
    static final Set<String> DRAWN_AS_OTHER_DIAGNOSES = Set.of("OECD_CHF");

    private static String[] set(SynthReference ref, String name) {
        return ref.icdSet(name).toArray(String[]::new);
    }
}
