package no.kvik.release;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.HexFormat;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

/** Byte-stable file helpers of releases: JSON with sorted map keys, SHA-256, and zip (xlsx) normalisation. */
public final class ReleaseFiles {
    /** Jackson mapper of every release JSON file: indented, map keys sorted, newline at the end. */
    public static final ObjectMapper JSON = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);

    private static final Pattern CREATED = Pattern.compile(
            "(<dcterms:(?:created|modified)[^>]*>)[^<]*(</dcterms:(?:created|modified)>)");

    private ReleaseFiles() {
    }

    public static void writeJson(Path file, Object value) throws IOException {
        Files.writeString(file, JSON.writeValueAsString(value) + "\n", StandardCharsets.UTF_8);
    }

    public static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }

    public static String sha256(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            byte[] buf = new byte[1 << 16];
            for (int n; (n = in.read(buf)) > 0; ) md.update(buf, 0, n);
            return HexFormat.of().formatHex(md.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }

    /**
     * Rewrites a zip file (an xlsx) so it depends only on its content: every entry gets the same local
     * timestamp and the document properties' created/modified times become {@code date} (fastexcel writes
     * the wall-clock time into docProps/core.xml, and the JDK stamps zip entries with the current time).
     * Entry order and compression are kept.
     */
    public static void normaliseZip(Path file, LocalDate date) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        LocalDateTime stamp = date.atStartOfDay();
        // ZipFile reads the central directory: opczip's entries carry their sizes only in data descriptors
        try (ZipFile in = new ZipFile(file.toFile()); ZipOutputStream zip = new ZipOutputStream(out)) {
            for (ZipEntry e : java.util.Collections.list(in.entries())) {
                byte[] content;
                try (InputStream is = in.getInputStream(e)) {
                    content = is.readAllBytes();
                }
                if (e.getName().equals("docProps/core.xml")) {
                    String xml = new String(content, StandardCharsets.UTF_8);
                    content = CREATED.matcher(xml).replaceAll("$1" + date + "T00:00:00Z$2").getBytes(StandardCharsets.UTF_8);
                }
                ZipEntry copy = new ZipEntry(e.getName());
                copy.setTimeLocal(stamp);
                zip.putNextEntry(copy);
                zip.write(content);
                zip.closeEntry();
            }
        }
        try (OutputStream os = Files.newOutputStream(file)) {
            out.writeTo(os);
        }
    }
}
