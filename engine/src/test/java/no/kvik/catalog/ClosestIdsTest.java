package no.kvik.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import no.kvik.config.KvikHome;
import no.kvik.contract.Contracts;
import org.junit.jupiter.api.Test;

/** An unknown indicator id names the closest few known ids and how to list all, not the whole catalogue. */
class ClosestIdsTest {

    @Test
    void editDistanceCountsInsertionsDeletionsAndSubstitutions() {
        // by hand: kitten -> sitten (s for k) -> sittin (i for e) -> sitting (+g)
        assertEquals(3, ClosestIds.editDistance("kitten", "sitting"));
        assertEquals(1, ClosestIds.editDistance("ami_30d_survivl", "ami_30d_survival"));
        assertEquals(0, ClosestIds.editDistance("same", "same"));
        assertEquals(4, ClosestIds.editDistance("", "four"));
    }

    @Test
    void closestByDistanceThenLongerSharedPrefixThenName() {
        // distances to "abd": abc 1 (prefix 2), xbd 1 (prefix 0), abdd 1 (prefix 3), zzz 3 (over 2: not close)
        assertEquals(List.of("abdd", "abc", "xbd"), ClosestIds.closest("abd", List.of("zzz", "xbd", "abc", "abdd"), 5));
        assertEquals(List.of("abdd", "abc"), ClosestIds.closest("abd", List.of("zzz", "xbd", "abc", "abdd"), 2));
        // far in distance (16 > 12 / 3) but sharing the first four characters: close
        assertEquals(List.of("readmission_67_30d_pneumonia"), ClosestIds.closest("readmis_pneu",
                List.of("readmission_67_30d_pneumonia", "stroke_30d_survival"), 5));
        assertEquals(List.of(), ClosestIds.closest("xyz", List.of("readmission_67_30d"), 5));
    }

    @Test
    void theCatalogueNamesTheClosestIdsOfATypo() {
        KvikHome home = KvikHome.locate();
        Catalogue catalogue = Catalogue.load(home.indicators(), Contracts.load(home.contracts()));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> catalogue.get("ami_30d_survivl"));
        String message = e.getMessage();
        assertTrue(message.startsWith("unknown indicator 'ami_30d_survivl'; closest: ami_30d_survival"), message);
        assertTrue(message.endsWith(" (`kvik catalogue` lists all " + catalogue.ids().size() + ")"), message);
        // not the whole list: an id far from the typo is not named
        assertFalse(message.contains("dq_files_rejected_wrong_version_share"), message);
        assertEquals("unknown indicator 'zzzz'; none is close (`kvik catalogue` lists all " + catalogue.ids().size() + ")",
                assertThrows(IllegalArgumentException.class, () -> catalogue.get("zzzz")).getMessage());
    }
}
