package no.kvik.release;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Parsing, validating, filtering and the canonical form of an export selection, without a server. */
class ExportSelectionTest {
    private static final ExportSelection.Universe RELEASE = new ExportSelection.Universe(
            Set.of("hip_fracture_surgery_48h", "all_cause_30d_survival"), Set.of("nation", "1", "2", "101", "Oslo, øst"),
            Set.of("2022", "2023", "2023-T1"));

    @Test
    void valuesAreSplitJoinedAcrossRepeatsSortedAndDeduplicated() {
        ExportSelection s = ExportSelection.parse(
                "periods=2023,2022,2023&indicators=hip_fracture_surgery_48h&levels=rhf,nation&periods=2022&units=2,%201,2");
        assertEquals(List.of("hip_fracture_surgery_48h"), List.copyOf(s.indicators()));
        assertEquals(List.of("nation", "rhf"), List.copyOf(s.levels()));
        assertEquals(List.of("1", "2"), List.copyOf(s.units()));
        assertEquals(List.of("2022", "2023"), List.copyOf(s.periods()));
        assertEquals("no", s.lang());
        assertEquals("indicators=hip_fracture_surgery_48h&levels=nation,rhf&units=1,2&periods=2022,2023",
                s.canonicalQuery(true));
    }

    @Test
    void everySpellingOfOneSelectionHasOneCanonicalQuery() {
        String a = ExportSelection.parse("levels=hf,rhf&lang=en&indicators=b,a").canonicalQuery(true);
        String b = ExportSelection.parse("indicators=a&indicators=b,a&levels=rhf&levels=hf&units=&lang=en").canonicalQuery(true);
        assertEquals("indicators=a,b&levels=hf,rhf&lang=en", a);
        assertEquals(a, b);
        // the CSV carries no labels: its link leaves the language out; the default language is never written
        assertEquals("indicators=a,b&levels=hf,rhf", ExportSelection.parse("levels=hf,rhf&lang=en&indicators=b,a").canonicalQuery(false));
        assertEquals("", ExportSelection.parse("lang=no").canonicalQuery(true));
        assertEquals("", ExportSelection.parse(null).canonicalQuery(true));
    }

    @Test
    void valuesAreEncodedInTheCanonicalQueryAndDecodedFromTheRequest() {
        ExportSelection s = ExportSelection.parse("units=Oslo%2C%20%C3%B8st");
        // a comma inside a value cannot be written (the comma separates values): the encoded one is two values
        assertEquals(List.of("Oslo", "øst"), List.copyOf(s.units()));
        ExportSelection t = ExportSelection.parse("units=%C3%B8st%20A");
        assertEquals(List.of("øst A"), List.copyOf(t.units()));
        assertEquals("units=%C3%B8st+A", t.canonicalQuery(true));
        assertEquals(t, ExportSelection.parse(t.canonicalQuery(true)));
    }

    @Test
    void includesFiltersEveryDimensionAndEmptyMeansAll() {
        ExportSelection all = ExportSelection.parse("");
        assertTrue(all.includes("x", "hf", "7", "2020"));
        ExportSelection s = ExportSelection.parse("indicators=a&levels=hf&units=7&periods=2020");
        assertTrue(s.includes("a", "hf", "7", "2020"));
        assertFalse(s.includes("b", "hf", "7", "2020"));
        assertFalse(s.includes("a", "rhf", "7", "2020"));
        assertFalse(s.includes("a", "hf", "8", "2020"));
        assertFalse(s.includes("a", "hf", "7", "2021"));
    }

    @Test
    void unknownValuesAreErrorsNamingTheParameterAndTheValue() {
        assertInvalid("indicators", "indicators: unknown indicator 'nope' (not in this release)",
                "indicators=hip_fracture_surgery_48h,nope");
        ExportSelection.Invalid level = assertThrows(ExportSelection.Invalid.class,
                () -> ExportSelection.parse("levels=nation,galaxy").validate(RELEASE));
        assertEquals("levels", level.parameter());
        assertTrue(level.getMessage().startsWith("levels: unknown level 'galaxy' (expected one of nation, rhf, hf, hospital,"),
                level.getMessage());
        assertInvalid("units", "units: unknown unit code '999' (not in this release)", "units=1,999");
        assertInvalid("periods", "periods: unknown period '2031' (not in this release)", "periods=2031");
        ExportSelection.Invalid e = assertThrows(ExportSelection.Invalid.class, () -> ExportSelection.parse("colour=red"));
        assertEquals("colour", e.parameter());
        assertEquals("unknown query parameter 'colour' (expected indicators, levels, units, periods, lang)", e.getMessage());
        e = assertThrows(ExportSelection.Invalid.class, () -> ExportSelection.parse("lang=de"));
        assertEquals("lang", e.parameter());
        assertEquals("unknown language 'de' (expected no or en)", e.getMessage());
        e = assertThrows(ExportSelection.Invalid.class, () -> ExportSelection.parse("lang=no&lang=en"));
        assertEquals("lang given twice ('no' and 'en')", e.getMessage());
        e = assertThrows(ExportSelection.Invalid.class, () -> ExportSelection.parse("units=%zz"));
        assertEquals("units", e.parameter());
        assertEquals("units: malformed value '%zz' (bad %-escape)", e.getMessage());
    }

    @Test
    void knownValuesPassAndAKnownLevelWithoutRowsIsNotAnError() {
        ExportSelection s = ExportSelection.parse("indicators=all_cause_30d_survival&levels=municipality&units=nation"
                + "&periods=2023-T1").validate(RELEASE);
        assertEquals(Set.of("municipality"), s.levels());
    }

    private static void assertInvalid(String parameter, String message, String query) {
        ExportSelection.Invalid e = assertThrows(ExportSelection.Invalid.class,
                () -> ExportSelection.parse(query).validate(RELEASE));
        assertEquals(parameter, e.parameter());
        assertEquals(message, e.getMessage());
    }
}
