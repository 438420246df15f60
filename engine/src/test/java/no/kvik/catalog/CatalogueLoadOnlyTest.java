package no.kvik.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import no.kvik.config.KvikHome;
import no.kvik.contract.Contracts;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue #17: a run of named indicators reads only their files ({@link Catalogue#loadOnly}). */
class CatalogueLoadOnlyTest {
    private static KvikHome home;
    private static Contracts contracts;

    @TempDir
    Path dir;

    @BeforeAll
    static void setUp() {
        home = KvikHome.locate();
        contracts = Contracts.load(home.contracts());
    }

    @Test
    void theNamedIndicatorsAreTheSameAsInTheWholeCatalogue() {
        Catalogue whole = Catalogue.load(home.indicators(), contracts);
        // one with its own SQL file, one with a shared one
        Indicator shared = whole.all().stream().filter(i -> i.meta().sql() != null).findFirst().orElseThrow();
        Catalogue some = Catalogue.loadOnly(home.indicators(), contracts, List.of("corridor_patients", shared.id()));
        assertEquals(List.of("corridor_patients", shared.id()), List.copyOf(some.ids()));
        assertEquals(whole.get("corridor_patients"), some.get("corridor_patients"));
        assertEquals(whole.get(shared.id()), some.get(shared.id()));
        assertEquals(whole.get(shared.id()).sqlFile(), some.get(shared.id()).sqlFile());
    }

    @Test
    void aBrokenFileOfAnotherIndicatorIsNotRead() throws Exception {
        Files.createDirectories(dir.resolve("somatic"));
        Files.writeString(dir.resolve("somatic/a.json"), CatalogueTest.meta("a", CatalogueTest.MIN_BEDS, ""));
        Files.writeString(dir.resolve("somatic/a.sql"), CatalogueTest.SQL);
        Files.writeString(dir.resolve("somatic/b.json"), "{ not json");
        assertThrows(CatalogueException.class, () -> Catalogue.load(dir, contracts));
        Catalogue only = Catalogue.loadOnly(dir, contracts, List.of("a"));
        assertEquals(List.of("a"), List.copyOf(only.ids()));
        assertEquals(1, only.get("a").parameterValues(java.util.Map.of()).get("min_beds"));
    }

    @Test
    void theNamedIndicatorIsValidatedAsInAWholeLoad() throws Exception {
        Files.createDirectories(dir.resolve("somatic"));
        // the SQL uses $min_beds, the metadata does not declare it
        Files.writeString(dir.resolve("somatic/a.json"), CatalogueTest.meta("a", "", ""));
        Files.writeString(dir.resolve("somatic/a.sql"), CatalogueTest.SQL);
        CatalogueException e = assertThrows(CatalogueException.class, () -> Catalogue.loadOnly(dir, contracts, List.of("a")));
        assertEquals(1, e.problems().size(), e.getMessage());
        assertTrue(e.problems().get(0).endsWith("a.json: a.sql uses $min_beds but the metadata does not declare it"),
                e.getMessage());
    }

    @Test
    void anUnknownIdFailsAsInAWholeLoadListingTheKnownOnes() throws Exception {
        Files.createDirectories(dir.resolve("somatic"));
        Files.writeString(dir.resolve("somatic/a.json"), CatalogueTest.meta("a", CatalogueTest.MIN_BEDS, ""));
        Files.writeString(dir.resolve("somatic/a.sql"), CatalogueTest.SQL);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Catalogue.loadOnly(dir, contracts, List.of("a", "no_such")));
        assertEquals("unknown indicator 'no_such'; none is close (`kvik catalogue` lists all 1)", e.getMessage());
        // a name that is not an id at all (no path tricks)
        assertThrows(IllegalArgumentException.class, () -> Catalogue.loadOnly(dir, contracts, List.of("../somatic/a")));
    }

    @Test
    void anIdInTwoAreasFailsAsADuplicate() throws Exception {
        for (String area : List.of("somatic", "mental")) {
            Files.createDirectories(dir.resolve(area));
            Files.writeString(dir.resolve(area + "/a.json"), CatalogueTest.meta("a", CatalogueTest.MIN_BEDS, "")
                    .replace("\"area\": \"somatic\"", "\"area\": \"" + area + "\""));
            Files.writeString(dir.resolve(area + "/a.sql"), CatalogueTest.SQL);
        }
        CatalogueException e = assertThrows(CatalogueException.class, () -> Catalogue.loadOnly(dir, contracts, List.of("a")));
        assertTrue(e.getMessage().contains("duplicate indicator id 'a'"), e.getMessage());
    }
}
