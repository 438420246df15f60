package no.kvik.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import no.kvik.variation.NotComputable;
import org.junit.jupiter.api.Test;

/**
 * A funnel file names the units left out with their keys in one order, whatever the JVM: with Map.of the order of
 * "unit" and "reason" was the hash salt's, different from run to run (about half the JVMs wrote "reason" first).
 */
class AnalysisFilesOrderTest {
    @Test
    void notComputableKeysComeInAFixedOrder() throws Exception {
        String json = new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(
                AnalysisFiles.notComputableEntry(new NotComputable("h1", "denominator is 0")));
        assertEquals("{\"unit\":\"h1\",\"reason\":\"denominator is 0\"}", json);
        assertEquals(List.of("unit", "reason"), List.copyOf(AnalysisFiles.notComputableEntry(new NotComputable("a", "b")).keySet()));
    }
}
