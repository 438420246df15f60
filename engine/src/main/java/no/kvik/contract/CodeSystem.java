package no.kvik.contract;

/**
 * Code systems a contract column can be checked against. Each maps to a reference table in
 * {@code data/reference/} (see {@code data/reference/README.md}).
 */
public enum CodeSystem {
    /** ICD-10 as used in Norwegian specialist care, 4-5 characters without dot (icd10_codes.csv). */
    ICD10,
    /** NCSP-N procedure codes (ncsp_codes_2017.csv); unknown but well-formed codes are warnings only. */
    NCSP,
    /** ATC drug classification code, checked by form (letter, 2 digits, 2 letters, 2 digits). */
    ATC,
    /** ICPC-2 primary-care code, checked by form (chapter letter and two digits). */
    ICPC2,
    /** Municipality number in force or historical (kommuner_2025.csv, kommunenummer_endringer_skde.csv). */
    MUNICIPALITY,
    /** Municipality (4 digits) or county (2 digits) number. */
    AREA,
    /** Organisation number of a hospital / treatment site (behandlingssteder_skde_behandler.csv). */
    ORGNR,
    /** Cancer patient pathway type (cancer_pathways.csv). */
    CANCER_PATHWAY,
    /** Emergency medical communication central (emergency_centrals.csv). */
    CENTRAL
}
