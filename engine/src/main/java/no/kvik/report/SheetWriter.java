package no.kvik.report;

import java.math.BigDecimal;
import java.math.MathContext;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.dhatim.fastexcel.Worksheet;

/**
 * One formatted worksheet: a bold header row that stays in view (frozen pane) with an autofilter, numbers
 * written as numbers with a number format per cell (percent, counts, decimals, dates) and cleaned of binary
 * float noise, and column widths that fit the text. Every workbook kvik writes (results, subscriber, OECD) goes
 * through here, so they read alike.
 */
public final class SheetWriter {
    /** Formats by what a column holds. */
    public static final String PERCENT = "0.0%";
    public static final String PERCENT_PRECISE = "0.00%";
    public static final String COUNT = "#,##0";
    public static final String DECIMAL = "#,##0.00";
    public static final String PRECISE = "0.0000";
    public static final String DATE = "yyyy-mm-dd";
    private static final int MAX_WIDTH = 60;
    /** Excel keeps 15 significant digits; rounding to them drops noise such as 0.9999999999999999 (IEEE 754). */
    private static final MathContext EXCEL_DIGITS = new MathContext(15);

    private final Worksheet ws;
    private final int columns;
    private final double[] widths;
    private int lastRow;
    /** Number formats this sheet has styled a cell with: their workbook style exists from then on. */
    private final Set<String> formatsUsed = new java.util.HashSet<>();
    /** Per column, the run of consecutive rows whose cells wait for the same format (null: none waiting). */
    private final FormatRun[] waiting;

    /**
     * Rows {@code first..last} of a column whose cells get {@code format}: styled in one call when the run ends.
     * fastexcel merges and looks up a style on every call (about 10 us); a release's subscriber workbook formats
     * millions of cells, which took minutes cell by cell (issue #17, a full release).
     */
    private record FormatRun(String format, int first, int last) {
    }

    public SheetWriter(Worksheet ws, List<String> header) {
        this.ws = ws;
        this.columns = header.size();
        this.widths = new double[columns];
        this.waiting = new FormatRun[columns];
        for (int c = 0; c < columns; c++) {
            ws.value(0, c, header.get(c));
            widths[c] = header.get(c).length() + 3;   // room for the autofilter's drop-down button
        }
        ws.range(0, 0, 0, Math.max(0, columns - 1)).style().bold().fillColor("DDEBF7").set();
    }

    /** Writes a cell: null leaves it empty; a number with {@code format} (null: the general format). */
    public void cell(int row, int col, Object v, String format) {
        lastRow = Math.max(lastRow, row);
        if (v == null) return;
        String shown;
        if (v instanceof String s) {
            ws.value(row, col, s);
            shown = s;
        } else if (v instanceof Number n) {
            Number clean = clean(n);
            ws.value(row, col, clean);
            if (format != null) format(row, col, format);
            shown = shownNumber(clean, format);
        } else if (v instanceof Boolean b) {
            ws.value(row, col, b);
            shown = b.toString().toUpperCase(Locale.ROOT);
        } else if (v instanceof LocalDate d) {
            ws.value(row, col, d);
            format(row, col, DATE);
            shown = "yyyy-mm-dd";
        } else {
            throw new IllegalStateException("no xlsx cell type for " + v.getClass());
        }
        widths[col] = Math.max(widths[col], Math.min(MAX_WIDTH, shown.length() + 2));
    }

    /**
     * Gives the cell {@code format}: at once where the sheet uses the format for the first time (so the workbook
     * creates its styles in the order of the cells, and styles.xml is the same as when every cell was styled on its
     * own), else with the run of cells of the column above it of the same format, styled together when it ends.
     * Styling a run gives each of its cells the same style as styling them one by one: each cell had none before.
     */
    private void format(int row, int col, String format) {
        if (formatsUsed.add(format)) {
            ws.style(row, col).format(format).set();
            return;
        }
        FormatRun run = waiting[col];
        if (run != null && run.format().equals(format) && run.last() == row - 1) {
            waiting[col] = new FormatRun(format, run.first(), row);
            return;
        }
        styleWaiting(col);
        waiting[col] = new FormatRun(format, row, row);
    }

    private void styleWaiting(int col) {
        FormatRun run = waiting[col];
        if (run == null) return;
        ws.range(run.first(), col, run.last(), col).style().format(run.format()).set();
        waiting[col] = null;
    }

    /**
     * Styles the cells still waiting for their format, freezes the header row, puts the autofilter over the header
     * and data, and sets the column widths. Every sheet calls it after its last cell.
     */
    public void finish() {
        for (int c = 0; c < columns; c++) styleWaiting(c);
        ws.freezePane(0, 1);
        if (columns > 0) ws.setAutoFilter(0, 0, Math.max(1, lastRow), columns - 1);
        for (int c = 0; c < columns; c++) ws.width(c, widths[c]);
    }

    /** A double rounded to Excel's 15 significant digits (whole numbers and other types as they are). */
    public static Number clean(Number n) {
        if (!(n instanceof Double || n instanceof Float)) return n;
        double d = n.doubleValue();
        if (!Double.isFinite(d) || d == Math.rint(d)) return d;
        return new BigDecimal(d).round(EXCEL_DIGITS).doubleValue();
    }

    private static String shownNumber(Number n, String format) {
        if (format == null) return n.toString();
        return switch (format) {
            case PERCENT -> String.format(Locale.ROOT, "%.1f%%", n.doubleValue() * 100);
            case PERCENT_PRECISE -> String.format(Locale.ROOT, "%.2f%%", n.doubleValue() * 100);
            case COUNT -> String.format(Locale.ROOT, "%,.0f", n.doubleValue());
            case DECIMAL -> String.format(Locale.ROOT, "%,.2f", n.doubleValue());
            case PRECISE -> String.format(Locale.ROOT, "%.4f", n.doubleValue());
            default -> n.toString();
        };
    }

    /**
     * A readable sheet name of at most 31 characters (Excel's limit; also no {@code []:*?/\}): long indicator
     * ids keep every word, abbreviated (standard → std) and then shortened longest word first, instead of being
     * cut and numbered; a name already taken gets " 2", " 3", ….
     */
    public static String sheetName(String id, Set<String> taken) {
        String base = id.replaceAll("[\\[\\]:*?/\\\\]", "_");
        if (base.length() > 31) {
            List<String> words = new ArrayList<>();
            for (String w : base.split("_")) words.add(ABBREVIATIONS.getOrDefault(w, w));
            while (String.join("_", words).length() > 31) {
                int longest = 0;
                for (int i = 1; i < words.size(); i++) {
                    if (words.get(i).length() > words.get(longest).length()) longest = i;
                }
                String w = words.get(longest);
                if (w.length() <= 3) break;
                words.set(longest, w.substring(0, w.length() - 1));
            }
            base = String.join("_", words);
            if (base.length() > 31) base = base.substring(0, 31);
        }
        String name = base;
        for (int k = 2; containsIgnoreCase(taken, name); k++) {
            name = name(base, k);
        }
        return name;
    }

    private static String name(String base, int k) {
        String suffix = " " + k;
        return (base.length() + suffix.length() > 31 ? base.substring(0, 31 - suffix.length()) : base) + suffix;
    }

    private static boolean containsIgnoreCase(Set<String> taken, String name) {
        return taken.stream().anyMatch(t -> t.equalsIgnoreCase(name));
    }

    private static final java.util.Map<String, String> ABBREVIATIONS = java.util.Map.ofEntries(
            java.util.Map.entry("standard", "std"), java.util.Map.entry("pathway", "path"),
            java.util.Map.entry("antibiotics", "ab"), java.util.Map.entry("antibiotic", "ab"),
            java.util.Map.entry("respiratory", "resp"), java.util.Map.entry("prescriptions", "rx"),
            java.util.Map.entry("fluoroquinolone", "fq"), java.util.Map.entry("mortality", "mort"),
            java.util.Map.entry("haemorrhagic", "haem"), java.util.Map.entry("ischaemic", "isch"),
            java.util.Map.entry("hospital", "hosp"), java.util.Map.entry("physician", "phys"),
            java.util.Map.entry("physio", "pt"),
            java.util.Map.entry("medication", "med"), java.util.Map.entry("assessed", "assess"),
            java.util.Map.entry("referrals", "ref"), java.util.Map.entry("workdays", "wd"),
            java.util.Map.entry("resident", "res"), java.util.Map.entry("children", "child"),
            java.util.Map.entry("nursing", "nurs"), java.util.Map.entry("within", "in"));
}
