package no.kvik.quality;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Which indicators read which contract, from hand-written SQL texts. */
class ContractReadersTest {
    @Test
    void directViewsMacrosAndMacrosCallingMacrosCountCommentsAndLongerNamesDoNot() {
        List<String> reference = List.of(
                "-- reads death\nCREATE OR REPLACE MACRO died_within(d) AS d > 1",
                "CREATE OR REPLACE MACRO survival_cases(x) AS TABLE SELECT * FROM npr_somatic LEFT JOIN death USING (p)",
                "CREATE OR REPLACE MACRO wrapper(x) AS TABLE SELECT * FROM survival_cases(x)");
        Map<String, String> indicators = Map.of(
                "a", "SELECT * FROM wrapper(1)",
                "b", "SELECT died_within(x) FROM npr_mental -- not npr_somatic",
                "c", "SELECT * FROM npr_somatic_all");
        assertEquals(Map.of("death", Set.of("a"), "npr_somatic", Set.of("a"), "npr_mental", Set.of("b")),
                ContractReaders.of(List.of("death", "npr_somatic", "npr_mental"), indicators, reference));
    }

    @Test
    void fieldsUsedDirectlyOrThroughMacrosCountCommentsAndLongerNamesDoNot() {
        List<String> reference = List.of(
                "CREATE OR REPLACE MACRO cases(x) AS TABLE SELECT main_diagnosis FROM npr_somatic",
                "CREATE OR REPLACE MACRO wrapper(x) AS TABLE SELECT * FROM cases(x)");
        Map<String, String> indicators = Map.of(
                "a", "SELECT * FROM wrapper(1)",
                "b", "SELECT age FROM npr_somatic -- main_diagnosis only in a comment",
                "c", "SELECT main_diagnosis_group, age_band FROM npr_somatic");
        assertEquals(Map.of("main_diagnosis", Set.of("a"), "age", Set.of("b"), "residence_municipality", Set.of()),
                ContractReaders.ofFields(List.of("main_diagnosis", "age", "residence_municipality"), indicators,
                        reference));
    }

    /** A file defining a cohort and the macro reading it: each macro is known, by its own statement's uses. */
    @Test
    void everyMacroOfAFileCountsWithItsOwnUses() {
        List<String> reference = List.of("CREATE OR REPLACE MACRO starts(x) AS TABLE SELECT age, main_diagnosis FROM npr_somatic;\n"
                + "CREATE OR REPLACE MACRO waits(x) AS TABLE SELECT age FROM starts(x) JOIN death USING (p);");
        Map<String, String> indicators = Map.of("a", "SELECT * FROM waits(1)", "b", "SELECT * FROM starts(1)");
        assertEquals(Map.of("npr_somatic", Set.of("a", "b"), "death", Set.of("a")),
                ContractReaders.of(List.of("npr_somatic", "death"), indicators, reference));
        assertEquals(Map.of("main_diagnosis", Set.of("a", "b"), "age", Set.of("a", "b")),
                ContractReaders.ofFields(List.of("main_diagnosis", "age"), indicators, reference));
    }
}
