package no.kvik.catalog;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import no.kvik.config.KvikHome;
import no.kvik.contract.Contracts;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The shared SQL of the dq_valid_* indicators turns $checked_fields into one flag per known field before it reads
 * any record (issue #17: it no longer builds a regular expression per record and field), so an unknown field is an
 * error naming it even when there is no record to check; the given/expect cases check what the known fields count.
 */
class FieldValidityCheckedFieldsTest {
    private static Catalogue catalogue;
    private static IndicatorTestRunner runner;

    @BeforeAll
    static void load() throws Exception {
        KvikHome home = KvikHome.locate();
        Contracts contracts = Contracts.load(home.contracts());
        catalogue = Catalogue.load(home.indicators(), contracts);
        runner = new IndicatorTestRunner(home, contracts);
    }

    @AfterAll
    static void close() throws Exception {
        runner.close();
    }

    private static IndicatorTest withoutRecords(String checkedFields) {
        return new IndicatorTest("no records, checked_fields '" + checkedFields + "'", Map.of("period_start", "2024-01-01",
                "period_end", "2025-01-01", "checked_fields", checkedFields), Map.of(), List.of());
    }

    @Test
    void anUnknownFieldIsAnErrorNamingItEvenWithoutRecords() {
        IndicatorTestFailure failure = assertThrows(IndicatorTestFailure.class, () -> runner.run(
                catalogue.get("dq_valid_unit_references_share"), withoutRecords("provider_org admission_type")));
        assertTrue(failure.getMessage().contains("unknown checked field admission_type"), failure.getMessage());
    }

    @Test
    void everyKnownFieldIsAccepted() {
        assertDoesNotThrow(() -> runner.run(catalogue.get("dq_valid_unit_references_share"),
                withoutRecords("main_diagnosis procedures provider_org residence_municipality")));
    }
}
