package no.kvik.synth;

import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import no.kvik.contract.Contract;
import no.kvik.contract.FileFormat;

/**
 * Builds the rows of one extract in the exact text shape its contract declares (delimiter, encoding,
 * decimal separator, date/timestamp formats), into an in-memory byte buffer. Cells are reusable
 * StringBuilders, so a row costs no allocation. Fields are quoted only when they contain the delimiter,
 * a quote or a line break (RFC 4180).
 */
final class ExtractWriter {
    private final Contract contract;
    private final char delimiter;
    private final boolean latin1;
    private final char decimal;
    private final Pattern date;
    private final Pattern timestamp;
    private final StringBuilder[] cells;
    // below half a G1 region (1 MB at small heaps), so blocks are not humongous allocations
    private static final int BLOCK = (1 << 19) - 1024;
    private final List<byte[]> full = new ArrayList<>();
    private final List<Integer> fullLengths = new ArrayList<>();
    private long total;
    private byte[] buf = new byte[1 << 12];
    private char[] tmp = new char[256];
    private int len;
    private long rows;

    /** Recycles full output blocks between work units, so a run does not allocate (and page in) every byte anew. */
    static final class BlockPool {
        private final java.util.concurrent.ConcurrentLinkedQueue<byte[]> free = new java.util.concurrent.ConcurrentLinkedQueue<>();
        private final java.util.concurrent.atomic.AtomicInteger size = new java.util.concurrent.atomic.AtomicInteger();
        private final int max;

        BlockPool(int max) {
            this.max = max;
        }

        byte[] take(int need) {
            if (need <= BLOCK) {
                byte[] b = free.poll();
                if (b != null) {
                    size.decrementAndGet();
                    return b;
                }
            }
            return new byte[Math.max(BLOCK, need)];
        }

        void give(byte[] b) {
            if (b.length == BLOCK && size.incrementAndGet() <= max) free.add(b); else if (b.length == BLOCK) size.decrementAndGet();
        }
    }

    private BlockPool pool;

    ExtractWriter(Contract contract, List<String> expectedColumns, BlockPool pool) {
        this(contract, expectedColumns);
        this.pool = pool;
    }

    ExtractWriter(Contract contract, List<String> expectedColumns) {
        if (!contract.columnNames().equals(expectedColumns)) {
            throw new IllegalStateException("contract " + contract.id() + " columns " + contract.columnNames()
                    + " differ from the generator's " + expectedColumns);
        }
        this.contract = contract;
        FileFormat f = contract.format();
        if (f.delimiter() == null || f.delimiter().length() != 1) {
            throw new IllegalStateException("contract " + contract.id() + ": delimiter must be one character");
        }
        this.delimiter = f.delimiter().charAt(0);
        String enc = f.encoding().toUpperCase().replace('_', '-');
        if (enc.equals("ISO-8859-1") || enc.equals("LATIN1") || enc.equals("LATIN-1")) {
            latin1 = true;
        } else if (enc.equals("UTF-8") || enc.equals("UTF8")) {
            latin1 = false;
        } else {
            throw new IllegalStateException("contract " + contract.id() + ": unsupported encoding " + f.encoding());
        }
        this.decimal = f.decimalSeparator() == null || f.decimalSeparator().isEmpty() ? '.' : f.decimalSeparator().charAt(0);
        this.date = new Pattern(f.dateFormat());
        this.timestamp = new Pattern(f.timestampFormat());
        cells = new StringBuilder[expectedColumns.size()];
        for (int i = 0; i < cells.length; i++) cells[i] = new StringBuilder(32);
    }

    Contract contract() {
        return contract;
    }

    void header() {
        List<String> names = contract.columnNames();
        for (int i = 0; i < names.size(); i++) {
            cells[i].setLength(0);
            cells[i].append(names.get(i));
        }
        flushRow();
        rows--;
    }

    ExtractWriter str(int col, CharSequence v) {
        StringBuilder c = cells[col];
        c.setLength(0);
        if (v != null) c.append(v);
        return this;
    }

    ExtractWriter num(int col, long v) {
        StringBuilder c = cells[col];
        c.setLength(0);
        c.append(v);
        return this;
    }

    ExtractWriter date(int col, int epochDay) {
        StringBuilder c = cells[col];
        c.setLength(0);
        date.render(c, epochDay * Civil.SECONDS_PER_DAY);
        return this;
    }

    ExtractWriter ts(int col, long epochSecond) {
        StringBuilder c = cells[col];
        c.setLength(0);
        timestamp.render(c, epochSecond);
        return this;
    }

    ExtractWriter bool(int col, boolean v) {
        StringBuilder c = cells[col];
        c.setLength(0);
        c.append(v ? "true" : "false");
        return this;
    }

    /** A non-negative decimal with a fixed number of decimals, using the contract's separator. */
    ExtractWriter dec(int col, double v, int decimals) {
        StringBuilder c = cells[col];
        c.setLength(0);
        long scale = 1;
        for (int i = 0; i < decimals; i++) scale *= 10;
        long x = Math.round(Math.abs(v) * scale);
        if (v < 0 && x != 0) c.append('-');
        c.append(x / scale);
        if (decimals > 0) {
            c.append(decimal);
            String frac = Long.toString(x % scale);
            for (int i = frac.length(); i < decimals; i++) c.append('0');
            c.append(frac);
        }
        return this;
    }

    ExtractWriter empty(int col) {
        cells[col].setLength(0);
        return this;
    }

    StringBuilder cell(int col) {
        return cells[col];
    }

    /** Appends the current row and clears the cells. */
    void end() {
        flushRow();
        for (StringBuilder c : cells) c.setLength(0);
    }

    /** Appends the current row twice (an exact duplicate) and clears the cells. */
    void endTwice() {
        flushRow();
        flushRow();
        for (StringBuilder c : cells) c.setLength(0);
    }

    private void flushRow() {
        int need = 2;
        for (StringBuilder c : cells) need += 3 * c.length() + 3;
        if (len + need > buf.length) {
            // segmented buffer: full blocks are kept as they are, never copied
            if (len > 0) {
                full.add(buf);
                fullLengths.add(len);
                total += len;
            }
            buf = pool != null ? pool.take(need) : new byte[Math.max(BLOCK, need)];
            len = 0;
        }
        byte[] b = buf;
        int n = len;
        for (int i = 0; i < cells.length; i++) {
            if (i > 0) b[n++] = (byte) delimiter;
            StringBuilder c = cells[i];
            int l = c.length();
            if (l > tmp.length) tmp = new char[l * 2];
            char[] t = tmp;
            c.getChars(0, l, t, 0);
            boolean quote = false;
            for (int k = 0; k < l; k++) {
                char ch = t[k];
                if (ch == delimiter || ch == '"' || ch == '\n' || ch == '\r') {
                    quote = true;
                    break;
                }
            }
            if (quote) b[n++] = '"';
            for (int k = 0; k < l; k++) {
                char ch = t[k];
                if (ch < 0x80) {
                    if (quote && ch == '"') b[n++] = '"';
                    b[n++] = (byte) ch;
                } else {
                    n = encode(b, n, ch);
                }
            }
            if (quote) b[n++] = '"';
        }
        b[n++] = '\n';
        len = n;
        rows++;
    }

    private int encode(byte[] b, int n, char ch) {
        if (latin1) {
            b[n++] = (byte) (ch < 0x100 ? ch : '?');
        } else if (ch < 0x800) {
            b[n++] = (byte) (0xC0 | (ch >> 6));
            b[n++] = (byte) (0x80 | (ch & 0x3F));
        } else {
            b[n++] = (byte) (0xE0 | (ch >> 12));
            b[n++] = (byte) (0x80 | ((ch >> 6) & 0x3F));
            b[n++] = (byte) (0x80 | (ch & 0x3F));
        }
        return n;
    }

    /** Writes everything built so far, in order. */
    void writeTo(OutputStream out) throws IOException {
        for (int i = 0; i < full.size(); i++) out.write(full.get(i), 0, fullLengths.get(i));
        out.write(buf, 0, len);
    }

    /** Hands the full blocks back to the pool; the writer must not be used afterwards. */
    void release() {
        if (pool == null) return;
        for (byte[] b : full) pool.give(b);
        pool.give(buf);
        full.clear();
        fullLengths.clear();
        buf = new byte[0];
        len = 0;
        total = 0;
    }

    long length() {
        return total + len;
    }

    long rows() {
        return rows;
    }
}
