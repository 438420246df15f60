package no.kvik.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileChecksTest {
    @TempDir
    Path tmp;

    FileChecks.Digest digest(byte[] bytes) throws Exception {
        Path f = tmp.resolve("f.csv");
        Files.write(f, bytes);
        return FileChecks.digest(f);
    }

    @Test
    void anAsciiFileIsReadAsUtf8WhateverItsLatin1OrUtf8ContractSays() throws Exception {
        FileChecks.Digest d = digest("a;b\n1;Oslo\n".getBytes(StandardCharsets.US_ASCII));
        assertTrue(d.ascii());
        assertFalse(d.looksUtf8());
        assertEquals("utf-8", d.readEncoding("ISO-8859-1"));
        assertEquals("utf-8", d.readEncoding("UTF-8"));
        // SHA-256 of the 11 bytes, as `printf 'a;b\n1;Oslo\n' | sha256sum` prints it
        assertEquals("284ba8951de4029e8d78ffec2ca46c55064b0d53cd5cbeb89d19e7f955c7682b", d.sha256());
        assertEquals(11, d.bytes());
    }

    @Test
    void aLatin1FileWithAnyByteAbove127KeepsItsDeclaredEncoding() throws Exception {
        // 'Bodø' in ISO-8859-1: ø is the single byte 0xF8, which no UTF-8 reading may take
        FileChecks.Digest d = digest("a;b\n1;Bod\u00f8\n".getBytes(StandardCharsets.ISO_8859_1));
        assertFalse(d.ascii());
        assertFalse(d.looksUtf8());
        assertEquals("latin-1", d.readEncoding("ISO-8859-1"));
    }

    @Test
    void aUtf8FileWithNorwegianLettersIsNotAscii() throws Exception {
        FileChecks.Digest d = digest("a;b\n1;Bod\u00f8\n".getBytes(StandardCharsets.UTF_8));
        assertFalse(d.ascii());
        assertTrue(d.looksUtf8());
        assertEquals("utf-8", d.readEncoding("UTF-8"));
    }

    @Test
    void utf16StaysUtf16EvenWhenEveryByteIsBelow128() throws Exception {
        // "a;b" in UTF-16LE: every character has a zero byte, so the bytes are all ASCII, the text is not UTF-8
        FileChecks.Digest d = digest("a;b\n".getBytes(StandardCharsets.UTF_16LE));
        assertTrue(d.ascii());
        assertEquals("utf-16", d.readEncoding("UTF-16"));
    }
}
