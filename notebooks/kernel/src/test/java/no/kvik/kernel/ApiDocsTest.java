package no.kvik.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Javadoc for inspect, read from the notebook API's sources that the build copies into the kernel's class path. */
class ApiDocsTest {

    private final ApiDocs docs = new ApiDocs();

    @Test
    void methodDocsMatchJShellSignaturesByParameterTypes() {
        // the signatures as JShell's SourceCodeAnalysis.documentation gives them
        String openPath = docs.forSignature("no.kvik.notebook.Kvik no.kvik.notebook.Kvik.open(java.nio.file.Path store)");
        assertEquals("Opens an existing store folder (it must hold a manifest).", openPath);
        // in a cell, where no.kvik.notebook.* is imported, JShell gives simple names
        assertEquals(openPath, docs.forSignature("Kvik Kvik.open(Path store)"));
        assertEquals(docs.forSignature("no.kvik.notebook.Kvik"), docs.forSignature("Kvik"));
        String open = docs.forSignature("no.kvik.notebook.Kvik no.kvik.notebook.Kvik.open()");
        assertTrue(open.startsWith("Opens the synthetic default store data/store of the kvik folder;"), open);
        String sql = docs.forSignature("tech.tablesaw.api.Table no.kvik.notebook.Kvik.sql(java.lang.String sql, "
                + "java.util.Map<java.lang.String,?> params)");
        assertTrue(sql.startsWith("Runs ad-hoc SQL on the store's views and returns its result as a table."), sql);
        String years = docs.forSignature("no.kvik.notebook.IndicatorQuery no.kvik.notebook.IndicatorQuery.years(int first, int last)");
        assertEquals("Whole calendar years first..last.", years);
    }

    @Test
    void classDocAndUnknownNames() {
        assertTrue(docs.forSignature("no.kvik.notebook.Kvik").startsWith("The notebook entry point: a store opened for analysis"));
        assertNull(docs.forSignature("java.lang.String java.lang.String.trim()"));
        assertNull(docs.forSignature("no.kvik.notebook.Kvik no.kvik.notebook.Kvik.open(int nosuch)"));
    }

    @Test
    void summaryKeepsWholeSentencesAndDropsTags() {
        assertEquals("Runs x with a label, then funnel().", ApiDocs.summary("Runs {@code x} with <b>a</b> {@link Foo#bar label},\n then "
                + "{@link #funnel()}.\n@param y why"));
        String longDoc = "First sentence. " + "word ".repeat(120) + "end.";
        assertEquals("First sentence.", ApiDocs.summary(longDoc));
        assertEquals("Map", ApiDocs.simpleType("java.util.Map<java.lang.String, ?>"));
        assertEquals("String[]", ApiDocs.simpleType("String..."));
        assertEquals("byte[]", ApiDocs.simpleType("byte[]"));
    }
}
