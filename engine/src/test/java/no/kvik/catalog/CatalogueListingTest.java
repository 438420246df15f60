package no.kvik.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import no.kvik.config.KvikHome;
import no.kvik.contract.Contracts;
import org.junit.jupiter.api.Test;

/** The generated listing under sql/indicators must match the catalogue. */
class CatalogueListingTest {

    @Test
    void listingFilesAreFresh() throws Exception {
        KvikHome home = KvikHome.locate();
        Catalogue catalogue = Catalogue.load(home.indicators(), Contracts.load(home.contracts()));
        check(home.indicators().resolve(CatalogueListing.MARKDOWN_FILE), CatalogueListing.markdown(catalogue));
        check(home.indicators().resolve(CatalogueListing.CSV_FILE), CatalogueListing.csv(catalogue));
    }

    private static void check(Path file, String expected) throws Exception {
        String hint = file + " is out of date with the indicator metadata: refresh it with `"
                + CatalogueListing.REFRESH_COMMAND + "` (after mvn -q -o package -DskipTests) and commit it";
        assertTrue(Files.exists(file), hint);
        assertEquals(expected, Files.readString(file, StandardCharsets.UTF_8), hint);
    }

    @Test
    void measuresAndTargetsAreSpelledOut() {
        assertEquals("rate per 1000", CatalogueListing.measure(new Measure(MeasureKind.RATE, 1000.0, null)));
        assertEquals("percentile p90", CatalogueListing.measure(new Measure(MeasureKind.PERCENTILE, null, 0.9)));
        assertEquals("median", CatalogueListing.measure(new Measure(MeasureKind.MEDIAN, null, null)));
        assertEquals("0.9; high 0.9, medium 0.8", CatalogueListing.target(new Target(0.9, 0.9, 0.8)));
        assertEquals("", CatalogueListing.target(null));
    }
}
