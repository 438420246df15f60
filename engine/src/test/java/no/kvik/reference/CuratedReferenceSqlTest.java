package no.kvik.reference;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import no.kvik.catalog.IndicatorTestRunner;
import no.kvik.config.KvikHome;
import no.kvik.contract.Contracts;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The curated reference macros of sql/reference against hand-worked values: the Charlson index (Quan 2005
 * ICD-10 codes, Charlson weights, hierarchy within condition groups) and the code-set membership macros.
 */
class CuratedReferenceSqlTest {
    private static Connection connection;

    @BeforeAll
    static void open() throws SQLException {
        connection = DriverManager.getConnection("jdbc:duckdb:");
        // the curated table macros read the registry tables: empty typed ones stand in for a store
        IndicatorTestRunner.createContractTables(connection, Contracts.load(KvikHome.locate().contracts()));
        ReferenceData.registerAll(connection, KvikHome.locate());
    }

    @AfterAll
    static void close() throws SQLException {
        connection.close();
    }

    @ParameterizedTest(name = "charlson_index(''{0}'') = {1}")
    @CsvSource(delimiter = '|', nullValues = "NULL", value = {
        // no diagnoses
        "NULL | 0",
        "'' | 0",
        // old MI I25.2 = 1; I25.1 (chronic ischaemic heart disease) is not a Charlson code
        "I252 | 1",
        "I251 | 0",
        // several codes of one condition count once: I21 and I22 are both myocardial infarction
        "I219 I2201 | 1",
        // diabetes without (E11.9, 1) and with chronic complication (E11.2, 2): only the heavier counts
        "E119 E112 | 2",
        // mild (K70.3, 1) and moderate/severe liver disease (K72.1, 3): 3
        "K703 K721 | 3",
        // breast cancer (2) and secondary liver tumour C78.7 (metastatic, 6): 6
        "C509 C787 | 6",
        // skin cancer C44 is not in any malignancy range
        "C449 | 0",
        // dementia 1 + CHF 1 + COPD 1 + renal 2 + hemiplegia 2 + HIV 6 = 13; dotted and lower-case codes are read
        "F03 I50.9 j449 N184 G819 B20 | 13",
        // all conditions at their heaviest: 1*8 (MI, CHF, PVD, CVD, dementia, pulmonary, rheumatic, ulcer)
        // + diabetes 2 + hemiplegia 2 + renal 2 + metastatic 6 + liver 3 + HIV 6 = 29
        "I21 I50 I70 I63 F00 J44 M05 K25 E102 G81 N18 C78 K721 B24 | 29"
    })
    void charlsonIndex(String diagnoses, int expected) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement("SELECT charlson_index(?)")) {
            ps.setString(1, diagnoses);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                assertEquals(expected, rs.getInt(1));
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        // exact ICD-10 list membership, case-insensitive (the list holds Norwegian extensions like I210a)
        "SELECT icd10_in_set('I210A', 'AMI_30d_survival') | true",
        "SELECT icd10_in_set('I251', 'AMI_30d_survival') | false",
        "SELECT icd10_in_set('I609', 'STROKE_30d_survival') | false",
        // trimmed, dot removed, upper-cased; a missing code or an unknown set is false, never null (the macro is an
        // uncorrelated IN since issue #17, which alone would give null for a null code)
        "SELECT icd10_in_set(' i21.0a ', 'AMI_30d_survival') | true",
        "SELECT icd10_in_set(NULL, 'AMI_30d_survival') IS NOT NULL AND NOT icd10_in_set(NULL, 'AMI_30d_survival') | true",
        "SELECT icd10_in_set('I210A', 'NO_SUCH_SET') IS NOT NULL AND NOT icd10_in_set('I210A', 'NO_SUCH_SET') | true",
        // NCSP: a prefix entry (NFB*) matches any code of the group in a space-separated list
        "SELECT ncsp_any_in_set('ZXA00 NFB40', 'HIP_PROSTHESIS') | true",
        "SELECT ncsp_any_in_set('NFJ61', 'HIP_FRACTURE_OSTEOSYNTHESIS') | false",
        "SELECT ncsp_any_in_set(NULL, 'CABG') | false",
        // ATC entries match as prefixes
        "SELECT atc_in_set('J01MA02', 'UTI_FQ') | true",
        "SELECT atc_in_set('J01CA08', 'UTI_FQ') | false",
        // codes are trimmed and upper-cased; the prefix must lead (J01 is not inside XJ01); any entry of a set
        "SELECT atc_in_set(' j01xx05 ', 'ANTIBIOTICS_TOTAL_EXCL') | true",
        "SELECT atc_in_set('XJ01CA04', 'ANTIBIOTICS_TOTAL') | false",
        "SELECT atc_in_set('J01FA10', 'RESP_DENOM') AND atc_in_set('J01AA02', 'RESP_DENOM') | true",
        "SELECT atc_in_set('J01', 'RESP_DENOM') | false",
        // a missing code or a set that does not exist is false, never null
        "SELECT atc_in_set(NULL, 'ANTIBIOTICS_TOTAL') | false",
        "SELECT atc_in_set(NULL, 'ANTIBIOTICS_TOTAL') IS NOT NULL | true",
        "SELECT atc_in_set('J01CA04', 'NO_SUCH_SET') IS NOT NULL AND NOT atc_in_set('J01CA04', 'NO_SUCH_SET') | true",
        // OECD five-year age groups from 45; 85 and over in one group; under 45 outside
        "SELECT oecd_age_group(44) IS NULL | true",
        "SELECT oecd_age_group(45) = '45-49' AND oecd_age_group(49) = '45-49' | true",
        "SELECT oecd_age_group(84) = '80-84' AND oecd_age_group(85) = '85+' AND oecd_age_group(104) = '85+' | true",
        // died_within is bounded on both sides (issue #13): a death before the admission date never counts, the
        // admission day and admission + days do, the day after does not; a stay ending dead counts the same way
        "SELECT died_within(DATE '2023-01-31', '1', TIMESTAMP '2023-02-03 09:00', TIMESTAMP '2023-02-01 10:00', 30) | false",
        "SELECT died_within(DATE '1899-12-31', '1', TIMESTAMP '2023-02-03 09:00', TIMESTAMP '2023-02-01 10:00', 30) | false",
        "SELECT died_within(DATE '2023-02-01', '1', TIMESTAMP '2023-02-03 09:00', TIMESTAMP '2023-02-01 10:00', 30) | true",
        "SELECT died_within(DATE '2023-03-03', '1', TIMESTAMP '2023-02-03 09:00', TIMESTAMP '2023-02-01 10:00', 30) | true",
        "SELECT died_within(DATE '2023-03-04', '1', TIMESTAMP '2023-02-03 09:00', TIMESTAMP '2023-02-01 10:00', 30) | false",
        "SELECT died_within(NULL, '9', TIMESTAMP '2023-01-30 09:00', TIMESTAMP '2023-02-01 10:00', 30) | false",
        "SELECT died_within(NULL, '9', TIMESTAMP '2023-02-03 09:00', TIMESTAMP '2023-02-01 10:00', 30) | true",
        "SELECT died_within(NULL, NULL, NULL, TIMESTAMP '2023-02-01 10:00', 30) IS NOT NULL | true",
        // risk age bands
        "SELECT risk_age_band(49) = '00-49' AND risk_age_band(50) = '50-59' AND risk_age_band(90) = '90+' | true",
        // specialty from the diagnosis chapter (branch somatic): chapter edges, lower case with a dot, NULL outside
        "SELECT somatic_specialty('M179') = 'ORTHOPAEDICS' AND somatic_specialty(' s82.1') = 'ORTHOPAEDICS' AND somatic_specialty('T149') = 'ORTHOPAEDICS' | true",
        "SELECT somatic_specialty('T15') IS NULL AND somatic_specialty('K14') IS NULL AND somatic_specialty(NULL) IS NULL | true",
        "SELECT somatic_specialty('H599') = 'EYE' AND somatic_specialty('h60.0') = 'ENT' AND somatic_specialty('H959') = 'ENT' | true",
        "SELECT somatic_specialty('J30') = 'ENT' AND somatic_specialty('J40') IS NULL AND somatic_specialty('K20') = 'DIGESTIVE' AND somatic_specialty('K938') = 'DIGESTIVE' | true"
    })
    void codeSetMacros(String query, boolean expected) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement(query); ResultSet rs = ps.executeQuery()) {
            rs.next();
            assertEquals(expected, rs.getBoolean(1));
        }
    }
}
