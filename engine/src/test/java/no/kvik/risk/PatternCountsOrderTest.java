package no.kvik.risk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The patterns' string order ({@link PatternCounts#SQL_ORDER}, DuckDB's ORDER BY of VARCHAR: unsigned UTF-8 bytes) is
 * taken from the code points without encoding (issue #17, readmit20). Checked against the encoded bytes on every pair of
 * awkward strings (prefixes, Norwegian letters, the last BMP character, a supplementary character, the empty string),
 * and by hand where UTF-16 order (String.compareTo) differs: U+FFFF before U+1F600 in UTF-8, after it in UTF-16.
 */
class PatternCountsOrderTest {
    private static final List<String> STRINGS = List.of("", "a", "ab", "abc", "Z", "z", "70-79", "80+", "æ", "ø", "å",
            "READM67_Brudd", "READM67_Astma/KOLS", "missing", "\uFFFF", "\uE000", "\uD83D\uDE00", "a\uD83D\uDE00", "a\uFFFF",
            "\u00FF", "\u0100", "\u07FF", "\u0800");

    @Test
    void stringsAreInTheOrderOfTheirUtf8Bytes() {
        for (String s : STRINGS) {
            for (String t : STRINGS) {
                int bytes = Integer.signum(Arrays.compareUnsigned(s.getBytes(StandardCharsets.UTF_8), t.getBytes(StandardCharsets.UTF_8)));
                assertEquals(bytes, Integer.signum(PatternCounts.SQL_ORDER.compare(s, t)), s + " vs " + t);
            }
        }
    }

    @Test
    void aSupplementaryCharacterComesAfterTheLastBmpCharacters() {
        // UTF-8: U+FFFF is EF BF BF, U+1F600 is F0 9F 98 80; UTF-16 compares the surrogate D83D below FFFF
        assertTrue(PatternCounts.SQL_ORDER.compare("\uFFFF", "\uD83D\uDE00") < 0);
        assertTrue("\uFFFF".compareTo("\uD83D\uDE00") > 0);
        assertTrue(PatternCounts.SQL_ORDER.compare("å", "z") > 0);
        assertTrue(PatternCounts.SQL_ORDER.compare("Z", "a") < 0);
        assertTrue(PatternCounts.SQL_ORDER.compare("ab", "abc") < 0);
        assertEquals(0, PatternCounts.SQL_ORDER.compare("æ", "æ"));
        // NULLS LAST
        assertTrue(PatternCounts.SQL_ORDER.compare(null, "a") > 0);
    }
}
