package no.kvik.oecd;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import no.kvik.catalog.Catalogue;
import no.kvik.config.KvikHome;
import no.kvik.contract.Contracts;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The OECD workbook carries no wall-clock time: the same delivery written twice gives the same bytes. */
class DeliveryWorkbookStableTest {
    @TempDir
    Path dir;

    /** Fails without the fix: fastexcel wrote Instant.now() into docProps/core.xml. */
    @Test
    void theSameDeliveryWrittenTwiceIsByteIdentical() throws Exception {
        KvikHome home = KvikHome.locate();
        Catalogue catalogue = Catalogue.load(home.indicators(), Contracts.load(home.contracts()));
        OecdDelivery delivery = new OecdDelivery(2020, StandardPopulationSources.norway(home.reference()), List.of(),
                List.of(), List.of());
        Path a = dir.resolve("a.xlsx");
        Path b = dir.resolve("b.xlsx");
        DeliveryWriter.writeXlsx(delivery, catalogue, Map.of("kvik", "test"), a);
        Thread.sleep(20);
        DeliveryWriter.writeXlsx(delivery, catalogue, Map.of("kvik", "test"), b);
        assertArrayEquals(Files.readAllBytes(a), Files.readAllBytes(b));
        try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(Files.readAllBytes(a)))) {
            for (ZipEntry e; (e = zip.getNextEntry()) != null; ) {
                if (e.getName().equals("docProps/core.xml")) {
                    assertFalse(new String(zip.readAllBytes(), StandardCharsets.UTF_8).contains("dcterms:created"));
                }
            }
        }
    }
}
