package no.kvik.report;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.Collections;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import org.dhatim.fastexcel.Workbook;

/**
 * Writes fastexcel workbooks whose bytes depend only on their content. fastexcel 0.19 stamps
 * {@code docProps/core.xml} with {@code Instant.now()} (there is no setter for the creation time), so two writes
 * of the same results differed; every workbook kvik writes (results.xlsx, the subscriber workbook, the OECD
 * workbook, the export) goes through here. The document's created/modified time becomes a date the caller
 * chooses (a release's publication date) or is left out (core properties are all optional, ECMA-376 Part 2 §11),
 * and every zip entry gets the same timestamp; entry order and compression method are kept.
 */
public final class StableWorkbook {
    /** Application name and version written into docProps/app.xml (fixed, so not the kvik version). */
    private static final String APPLICATION = "kvik";
    private static final String APPLICATION_VERSION = "1.0";
    private static final String CORE = "docProps/core.xml";
    private static final Pattern TIMES = Pattern.compile(
            "(<dcterms:(?:created|modified)[^>]*>)[^<]*(</dcterms:(?:created|modified)>)");
    /** The earliest time a zip entry can carry (MS-DOS date), for workbooks without a date of their own. */
    private static final LocalDateTime ZIP_EPOCH = LocalDateTime.of(1980, 1, 1, 0, 0);

    /** Fills a new workbook with sheets; {@link Workbook#finish()} is called after it. */
    @FunctionalInterface
    public interface Content {
        void fill(Workbook workbook) throws IOException;
    }

    private StableWorkbook() {
    }

    /** The workbook as bytes; {@code created} null leaves the creation time out. */
    public static byte[] bytes(LocalDate created, Content content) throws IOException {
        ByteArrayOutputStream raw = new ByteArrayOutputStream(1 << 16);
        Workbook wb = new Workbook(raw, APPLICATION, APPLICATION_VERSION);
        content.fill(wb);
        wb.finish();
        return normalise(raw.toByteArray(), created);
    }

    /** Writes the workbook to {@code file}; {@code created} null leaves the creation time out. */
    public static void write(Path file, LocalDate created, Content content) throws IOException {
        Files.write(file, bytes(created, content));
    }

    /**
     * The zip (an xlsx) rewritten so it depends only on its content: core.xml's created/modified times set to
     * {@code date} (removed when null), every entry stamped with the same local time.
     */
    public static byte[] normalise(byte[] zipBytes, LocalDate date) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(zipBytes.length);
        LocalDateTime stamp = date == null ? ZIP_EPOCH : date.atStartOfDay();
        // ZipFile reads the central directory: opczip's entries carry their sizes only in (zip64) data descriptors,
        // which ZipInputStream misreads; ZipFile needs a file, so the raw workbook passes through a temporary one
        Path raw = Files.createTempFile("kvik-workbook-", ".xlsx");
        try {
            Files.write(raw, zipBytes);
            try (ZipFile in = new ZipFile(raw.toFile()); ZipOutputStream zip = new ZipOutputStream(out)) {
                for (ZipEntry e : Collections.list(in.entries())) {
                    byte[] content;
                    try (InputStream is = in.getInputStream(e)) {
                        content = is.readAllBytes();
                    }
                    if (e.getName().equals(CORE)) content = fixTimes(content, date);
                    ZipEntry copy = new ZipEntry(e.getName());
                    copy.setTimeLocal(stamp);
                    zip.putNextEntry(copy);
                    zip.write(content);
                    zip.closeEntry();
                }
            }
        } finally {
            Files.deleteIfExists(raw);
        }
        return out.toByteArray();
    }

    private static byte[] fixTimes(byte[] coreXml, LocalDate date) {
        String xml = new String(coreXml, StandardCharsets.UTF_8);
        String fixed = date == null ? TIMES.matcher(xml).replaceAll("")
                : TIMES.matcher(xml).replaceAll("$1" + date + "T00:00:00Z$2");
        return fixed.getBytes(StandardCharsets.UTF_8);
    }
}
