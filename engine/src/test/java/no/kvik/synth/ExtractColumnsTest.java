package no.kvik.synth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The generators write cells by column name; a name the extract lacks fails loudly instead of writing elsewhere. */
class ExtractColumnsTest {

    @Test
    void namedColumnsAreTheirPositionsInTheContract() {
        // positions counted by hand in sql/contracts/npr_somatic.json and death.json
        assertEquals(0, Extract.NPR_SOMATIC.column("episode_id"));
        assertEquals(7, Extract.NPR_SOMATIC.column("main_diagnosis"));
        assertEquals(21, Extract.NPR_SOMATIC.column("pathway_treatment_date"));
        assertEquals(3, Extract.DEATH.column("residence_municipality"));
    }

    @Test
    void anUnknownColumnNamesTheExtractAndTheColumn() {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> Extract.PRESCRIPTION.column("ddd_total"));
        assertTrue(e.getMessage().contains("prescription") && e.getMessage().contains("'ddd_total'"), e.getMessage());
    }
}
