package no.kvik.text;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The one HTML escaper: the five characters that can end content or a quoted attribute, and nothing else. */
class HtmlTextTest {

    @Test
    void escapesMarkupQuotesAndAmpersandOnly() {
        // by hand: & first would double-escape if done after the others; here each character is mapped once
        assertEquals("&lt;a title=&quot;Ås &amp; Bø&quot;&gt;St. Olav&#39;s&lt;/a&gt;",
                HtmlText.escape("<a title=\"Ås & Bø\">St. Olav's</a>"));
        assertEquals("&amp;amp; Tromsø 2024", HtmlText.escape("&amp; Tromsø 2024"));
    }
}
