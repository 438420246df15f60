package no.kvik.testutil;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads the frozen reference CSVs under test resources fixtures/stats (plain comma-separated, no quoting). */
public final class Fixtures {
    private Fixtures() {
    }

    public static List<Map<String, String>> csv(String name) {
        try (InputStream in = Fixtures.class.getResourceAsStream("/fixtures/stats/" + name)) {
            if (in == null) {
                throw new IllegalStateException("missing fixture " + name);
            }
            String[] lines = new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\r?\n");
            int start = 0;
            while (lines[start].startsWith("#")) {
                start++;
            }
            String[] header = lines[start].split(",", -1);
            List<Map<String, String>> rows = new ArrayList<>();
            for (int i = start + 1; i < lines.length; i++) {
                if (lines[i].isBlank()) {
                    continue;
                }
                String[] f = lines[i].split(",", -1);
                Map<String, String> row = new LinkedHashMap<>();
                for (int j = 0; j < header.length; j++) {
                    row.put(header[j], f[j]);
                }
                rows.add(row);
            }
            return rows;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Parses R's number output, including Inf, -Inf and NaN. */
    public static double num(String s) {
        return switch (s) {
            case "Inf" -> Double.POSITIVE_INFINITY;
            case "-Inf" -> Double.NEGATIVE_INFINITY;
            case "NaN", "NA" -> Double.NaN;
            default -> Double.parseDouble(s);
        };
    }

    /** Asserts |actual − expected| ≤ tol·max(1, |expected|); infinities must match exactly. */
    public static void assertClose(double expected, double actual, double tol, String what) {
        if (Double.isInfinite(expected) || Double.isNaN(expected)) {
            if (Double.compare(expected, actual) != 0) {
                throw new AssertionError(what + ": expected " + expected + " but was " + actual);
            }
            return;
        }
        double err = Math.abs(actual - expected);
        if (!(err <= tol * Math.max(1, Math.abs(expected)))) {
            throw new AssertionError(what + ": expected " + expected + " but was " + actual + " (error " + err
                    + ", tolerance " + tol + ")");
        }
    }
}
