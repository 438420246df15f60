package no.kvik.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import no.kvik.contract.CodeSystem;

/**
 * The valid code sets of each reference-backed code system as temp tables {@code _codes_<system>(code)}, built
 * from the {@code ref_*} tables, and the forms of the code systems checked by shape only.
 */
final class CodeSets {
    /** ATC substance level: letter, 2 digits, 2 letters, 2 digits (e.g. J01CE02). */
    static final String ATC_FORM = "[A-Z][0-9]{2}[A-Z]{2}[0-9]{2}";
    /** ICPC-2: one of the 17 chapter letters and two digits (e.g. R74). */
    static final String ICPC2_FORM = "[ABDFHKLNPRSTUWXYZ][0-9]{2}";
    /** NCSP-N: five characters, the last two digits (covers every shape in ncsp_codes_2017.csv). */
    static final String NCSP_FORM = "[A-Z0-9]{3}[0-9]{2}";

    private CodeSets() {
    }

    /** Creates the {@code _codes_*} tables; the {@code ref_*} tables must already be registered. */
    static void create(Connection connection) throws SQLException {
        try (Statement st = connection.createStatement()) {
            st.execute("CREATE OR REPLACE TEMP TABLE _codes_icd10 AS "
                    + "SELECT DISTINCT icd10_code AS code FROM ref_icd10_codes WHERE icd10_code IS NOT NULL");
            st.execute("CREATE OR REPLACE TEMP TABLE _codes_ncsp AS "
                    + "SELECT DISTINCT ncsp_code AS code FROM ref_ncsp_codes_2017 WHERE ncsp_code IS NOT NULL");
            st.execute("CREATE OR REPLACE TEMP TABLE _codes_orgnr AS SELECT DISTINCT orgnr AS code "
                    + "FROM ref_behandlingssteder_skde_behandler WHERE orgnr IS NOT NULL");
            // numbers in force plus every historical number; the change list stores them without leading zero
            st.execute("CREATE OR REPLACE TEMP TABLE _codes_municipality AS "
                    + "SELECT kommunenummer AS code FROM ref_kommuner_2025 WHERE kommunenummer IS NOT NULL "
                    + "UNION SELECT lpad(gml_komnr, 4, '0') FROM ref_kommunenummer_endringer_skde "
                    + "WHERE gml_komnr IS NOT NULL "
                    + "UNION SELECT lpad(ny_komnr, 4, '0') FROM ref_kommunenummer_endringer_skde "
                    + "WHERE ny_komnr IS NOT NULL");
            // a county number is the first two digits of its municipalities' numbers, so historical
            // counties follow from historical municipality numbers
            st.execute("CREATE OR REPLACE TEMP TABLE _codes_area AS "
                    + "SELECT code FROM _codes_municipality "
                    + "UNION SELECT fylkesnummer FROM ref_fylker_2025 WHERE fylkesnummer IS NOT NULL "
                    + "UNION SELECT left(code, 2) FROM _codes_municipality");
            st.execute("CREATE OR REPLACE TEMP TABLE _codes_cancer_pathway AS "
                    + "SELECT DISTINCT pathway AS code FROM ref_cancer_pathways WHERE pathway IS NOT NULL");
            st.execute("CREATE OR REPLACE TEMP TABLE _codes_central AS "
                    + "SELECT DISTINCT central_id AS code FROM ref_emergency_centrals WHERE central_id IS NOT NULL");
        }
    }

    /** The {@code _codes_*} table of a reference-backed system, or null for systems checked by form. */
    static String table(CodeSystem system) {
        return switch (system) {
            case ICD10 -> "_codes_icd10";
            case NCSP -> "_codes_ncsp";
            case ORGNR -> "_codes_orgnr";
            case MUNICIPALITY -> "_codes_municipality";
            case AREA -> "_codes_area";
            case CANCER_PATHWAY -> "_codes_cancer_pathway";
            case CENTRAL -> "_codes_central";
            case ATC, ICPC2 -> null;
        };
    }

    /** The regular expression a value must fully match, for systems checked (also) by form, else null. */
    static String form(CodeSystem system) {
        return switch (system) {
            case ATC -> ATC_FORM;
            case ICPC2 -> ICPC2_FORM;
            case NCSP -> NCSP_FORM;
            default -> null;
        };
    }

    /** Unit references (where an event happened or who reported it) versus clinical codes. */
    static boolean isUnitReference(CodeSystem system) {
        return system == CodeSystem.ORGNR || system == CodeSystem.MUNICIPALITY || system == CodeSystem.AREA
                || system == CodeSystem.CENTRAL;
    }

    /** The error reason a value outside the code system gets. */
    static String errorReason(CodeSystem system) {
        return isUnitReference(system) ? ErrorReasons.UNKNOWN_REFERENCE : ErrorReasons.INVALID_CODE;
    }
}
