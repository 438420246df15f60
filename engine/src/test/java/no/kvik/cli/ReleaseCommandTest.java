package no.kvik.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import no.kvik.release.ReleaseTestAccess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** kvik release and kvik revisions on the command line (the release itself is tested in no.kvik.release). */
class ReleaseCommandTest {
    @TempDir
    Path dir;

    @Test
    void unknownEditionIsAUsageError() {
        CommandLine cl = Kvik.commandLine();
        StringWriter err = new StringWriter();
        cl.setErr(new PrintWriter(err));
        int code = cl.execute("release", "--edition", "2030-9", "--store", dir.toString(), "--out", dir.resolve("out").toString());
        assertEquals(ExitCodes.USAGE, code);
        assertTrue(err.toString().contains("edition 2030-9 is not in the calendar"), err.toString());
    }

    @Test
    void revisionsOfAReleaseAgainstItselfAreEmpty() throws Exception {
        Path release = ReleaseTestAccess.releaseFolder();
        PrintStream old = System.out;
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        System.setOut(new PrintStream(buf, true));
        try {
            assertEquals(0, Kvik.commandLine().execute("revisions", "--from", release.toString(), "--to", release.toString()));
        } finally {
            System.setOut(old);
        }
        String out = buf.toString();
        assertTrue(out.contains("\"revisedValueCount\" : 0") && out.contains("\"newIndicators\" : [ ]")
                && out.contains("\"changedDefinitions\" : [ ]"), out);
    }
}
