package no.kvik.store;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import no.kvik.contract.Contract;
import no.kvik.contract.ContractColumn;

/** File-level checks done in Java before DuckDB reads a file: checksum, line count, header against contract. */
final class FileChecks {
    private static final int MAX_HEADER_BYTES = 1 << 20;
    private static final byte[] UTF8_BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
    /** Files with CR line ends are read from an LF copy; this is for an encoding where that cannot be done. */
    static final String CR_ONLY = "the lines end in CR only (no LF, as in classic Mac OS files): convert the line "
            + "ends to LF or CR LF and deliver the file again";

    private FileChecks() {
    }

    /** The header's column names, or a {@link Rejected} naming the reason the file cannot be used. */
    static List<String> header(Path file, Contract contract) throws IOException, Rejected {
        byte[] first = firstLine(file);
        if (first == null) {
            throw new Rejected("empty file (no header line)");
        }
        boolean utf8 = ValidationSql.duckDbEncoding(contract.format().encoding()).equals("utf-8");
        int start = 0;
        if (startsWith(first, UTF8_BOM)) {
            if (!utf8) {
                throw new Rejected("file starts with a UTF-8 byte-order mark but the contract declares "
                        + contract.format().encoding());
            }
            start = UTF8_BOM.length; // a UTF-8 file may carry a BOM; the header line is skipped when reading data
        }
        String decoded;
        try {
            Charset cs = Charset.forName(contract.format().encoding());
            decoded = cs.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(first, start, first.length - start)).toString();
        } catch (CharacterCodingException e) {
            throw new Rejected("header line is not valid " + contract.format().encoding());
        }
        String line = decoded.endsWith("\r") ? decoded.substring(0, decoded.length() - 1) : decoded;
        String delimiter = contract.format().delimiter();
        List<String> names = new ArrayList<>();
        for (String part : line.split(java.util.regex.Pattern.quote(delimiter), -1)) {
            String n = part.strip();
            if (n.length() >= 2 && n.startsWith("\"") && n.endsWith("\"")) n = n.substring(1, n.length() - 1);
            names.add(n);
        }
        if (names.size() == 1 && contract.columns().size() > 1) {
            String found = List.of(";", ",", "\t", "|").stream().filter(d -> !d.equals(delimiter) && line.contains(d))
                    .findFirst().map(d -> d.equals("\t") ? "tab" : "'" + d + "'").orElse(null);
            throw new Rejected("wrong delimiter: the header is one column; the contract expects '" + delimiter
                    + "'-separated columns" + (found == null ? "" : " but the file uses " + found));
        }
        if (names.stream().noneMatch(n -> contract.column(n).isPresent())) {
            // most likely a data row: its values (ids, dates) must not be quoted into the reason
            throw new Rejected("the first line names none of the contract's columns (" + names.size() + " fields): "
                    + "is the header line missing?");
        }
        Set<String> seen = new HashSet<>();
        List<String> problems = new ArrayList<>();
        for (String n : names) {
            if (n.isEmpty()) {
                problems.add("empty column name in header");
            } else if (!seen.add(n)) {
                problems.add("duplicate column '" + Redaction.headerName(n) + "'");
            } else if (contract.column(n).isEmpty()) {
                problems.add("unknown column '" + Redaction.headerName(n) + "'");
            }
        }
        List<String> missing = contract.requiredColumns().stream().map(ContractColumn::name)
                .filter(n -> !seen.contains(n)).toList();
        if (!missing.isEmpty()) {
            problems.add("missing required column" + (missing.size() > 1 ? "s " : " ") + "'"
                    + String.join("', '", missing) + "'");
        }
        if (!problems.isEmpty()) {
            throw new Rejected(String.join("; ", problems));
        }
        return names;
    }

    private static boolean startsWith(byte[] bytes, byte[] prefix) {
        if (bytes.length < prefix.length) return false;
        for (int i = 0; i < prefix.length; i++) {
            if (bytes[i] != prefix[i]) return false;
        }
        return true;
    }

    /** The bytes of the first line without its line end, or null for an empty file. */
    private static byte[] firstLine(Path file) throws IOException, Rejected {
        try (InputStream in = Files.newInputStream(file)) {
            byte[] buf = in.readNBytes(MAX_HEADER_BYTES);
            if (buf.length == 0) return null;
            int cr = -1;
            for (int i = 0; i < buf.length; i++) {
                if (buf[i] == '\n') return java.util.Arrays.copyOf(buf, i);
                if (buf[i] == '\r' && cr < 0) cr = i;
            }
            if (cr >= 0 && cr < buf.length - 1) {
                // DuckDB, told the line end, would read the whole file as one header line of unknown columns
                throw new Rejected(CR_ONLY);
            }
            if (buf.length == MAX_HEADER_BYTES) {
                throw new Rejected("no line end in the first " + MAX_HEADER_BYTES + " bytes");
            }
            return buf;
        }
    }

    /** SHA-256 (hex), size, and whether the bytes look like UTF-8 (see {@link Utf8Sniffer}), in one pass. */
    static Digest digest(Path file) throws IOException {
        MessageDigest md;
        try {
            md = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        long size = 0;
        Utf8Sniffer sniffer = new Utf8Sniffer();
        byte[] buf = new byte[1 << 20];
        try (InputStream in = Files.newInputStream(file)) {
            int n;
            while ((n = in.read(buf)) > 0) {
                md.update(buf, 0, n);
                sniffer.accept(buf, n);
                size += n;
            }
        }
        return new Digest(HexFormat.of().formatHex(md.digest()), size, sniffer.looksUtf8(), sniffer.ascii());
    }

    /**
     * Physical lines after the header: the row count recorded for a rejected file, which is never parsed
     * (a quoted field with a line break counts twice). A file without any LF but with CRs has CR line ends.
     */
    static long dataLines(Path file) {
        long lfs = 0;
        long crs = 0;
        byte last = '\n';
        byte[] buf = new byte[1 << 20];
        try (InputStream in = Files.newInputStream(file)) {
            int n;
            while ((n = in.read(buf)) > 0) {
                for (int i = 0; i < n; i++) {
                    if (buf[i] == '\n') lfs++;
                    else if (buf[i] == '\r') crs++;
                }
                last = buf[n - 1];
            }
        } catch (IOException e) {
            return 0;
        }
        boolean crOnly = lfs == 0 && crs > 0;
        long lines = crOnly ? crs : lfs;
        if (last != (crOnly ? '\r' : '\n')) lines++;
        return Math.max(0, lines - 1);
    }

    /**
     * Tells whether a file declared ISO-8859-1 is in fact UTF-8: it has non-ASCII bytes and every one of them
     * is part of a well-formed multi-byte UTF-8 sequence. Latin-1 decodes any byte, so without this check such
     * a file would be stored with every 'ø' turned into 'Ã¸'. Norwegian latin-1 text essentially never forms
     * valid UTF-8 sequences (e.g. 'ø' 0xF8 would have to be followed by three continuation bytes).
     */
    static final class Utf8Sniffer {
        private boolean multiByte;
        private boolean broken;
        private int pending;

        void accept(byte[] buf, int n) {
            if (broken) return;
            for (int i = 0; i < n; i++) {
                int b = buf[i] & 0xFF;
                if (pending > 0) {
                    if ((b & 0xC0) != 0x80) {
                        broken = true;
                        return;
                    }
                    pending--;
                } else if (b >= 0x80) {
                    if (b >= 0xC2 && b <= 0xDF) pending = 1;
                    else if (b >= 0xE0 && b <= 0xEF) pending = 2;
                    else if (b >= 0xF0 && b <= 0xF4) pending = 3;
                    else {
                        broken = true;
                        return;
                    }
                    multiByte = true;
                }
            }
        }

        boolean looksUtf8() {
            return multiByte && !broken && pending == 0;
        }

        /** No byte of 0x80 or above was seen (a multi-byte lead or a broken sequence is the first such byte). */
        boolean ascii() {
            return !multiByte && !broken;
        }
    }

    /**
     * @param looksUtf8 the file has multi-byte UTF-8 and nothing else outside ASCII
     * @param ascii every byte is below 0x80
     */
    record Digest(String sha256, long bytes, boolean looksUtf8, boolean ascii) {

        /**
         * DuckDB's encoding to read the file with: an ASCII file reads the same as UTF-8 and as ISO-8859-1, and
         * DuckDB reads UTF-8 natively, while latin-1 costs a transcoding pass. UTF-16 stays as declared: its
         * ASCII characters carry zero bytes, so an ASCII-looking file is no UTF-8.
         */
        String readEncoding(String contractEncoding) {
            String declared = ValidationSql.duckDbEncoding(contractEncoding);
            return ascii && declared.equals("latin-1") ? "utf-8" : declared;
        }
    }

    /** True when the file's lines end in CR only: its first MB has a CR before its last byte and no LF. */
    static boolean crLineEnds(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            byte[] buf = in.readNBytes(MAX_HEADER_BYTES);
            int cr = -1;
            for (int i = 0; i < buf.length; i++) {
                if (buf[i] == '\n') return false;
                if (buf[i] == '\r' && cr < 0) cr = i;
            }
            return cr >= 0 && cr < buf.length - 1;
        }
    }

    /**
     * A copy of {@code file} in {@code dir} with every CR byte turned into LF (for a file with CR line ends; in an
     * 8-bit encoding or UTF-8 a CR byte is always the character CR). A CR inside a quoted value becomes LF.
     */
    static Path copyWithLfLineEnds(Path file, Path dir) throws IOException {
        Files.createDirectories(dir);
        Path copy = Files.createTempFile(dir, "lf-", ".csv");
        byte[] buf = new byte[1 << 20];
        try (InputStream in = Files.newInputStream(file); java.io.OutputStream out = Files.newOutputStream(copy)) {
            int n;
            while ((n = in.read(buf)) > 0) {
                for (int i = 0; i < n; i++) {
                    if (buf[i] == '\r') buf[i] = '\n';
                }
                out.write(buf, 0, n);
            }
        }
        return copy;
    }


    /** A file-level reason to reject a whole file. */
    static final class Rejected extends Exception {
        Rejected(String reason) {
            super(reason);
        }
    }
}
