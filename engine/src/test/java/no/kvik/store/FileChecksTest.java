package no.kvik.store;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FileChecksTest {
    @TempDir
    Path tmp;

    FileChecks.Digest digest(byte[] bytes) throws Exception {
        Path f = tmp.resolve("f.csv");
        Files.write(f, bytes);
        return FileChecks.digest(f);
    }

    @ParameterizedTest(name = "{0} written as {1}, contract {2}: read as {5}")
    @CsvSource(delimiter = '|', value = {
        // an ASCII file reads the same as UTF-8 and as latin-1: DuckDB reads it as UTF-8 (no transcoding)
        "a;b/1;Oslo | US-ASCII   | ISO-8859-1 | true  | false | utf-8",
        "a;b/1;Oslo | US-ASCII   | UTF-8      | true  | false | utf-8",
        // ø is the single byte 0xF8 in latin-1, which no UTF-8 reading may take
        "a;b/1;Bodø | ISO-8859-1 | ISO-8859-1 | false | false | latin-1",
        "a;b/1;Bodø | UTF-8      | UTF-8      | false | true  | utf-8",
        // UTF-16: every ASCII character carries a zero byte, so all bytes are below 0x80, yet it is no UTF-8
        "a;b        | UTF-16LE   | UTF-16     | true  | false | utf-16"
    })
    void readEncodingFollowsTheBytes(String text, String charset, String contractEncoding, boolean ascii,
                                     boolean looksUtf8, String readAs) throws Exception {
        FileChecks.Digest d = digest((text.replace('/', '\n') + "\n").getBytes(Charset.forName(charset)));
        assertEquals(ascii, d.ascii());
        assertEquals(looksUtf8, d.looksUtf8());
        assertEquals(readAs, d.readEncoding(contractEncoding));
    }

    @Test
    void digestIsTheFilesSha256AndSize() throws Exception {
        FileChecks.Digest d = digest("a;b\n1;Oslo\n".getBytes(StandardCharsets.US_ASCII));
        // as `printf 'a;b\n1;Oslo\n' | sha256sum` prints it
        assertEquals("284ba8951de4029e8d78ffec2ca46c55064b0d53cd5cbeb89d19e7f955c7682b", d.sha256());
        assertEquals(11, d.bytes());
    }
}
