package no.kvik.risk;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Cases counted once per distinct combination of covariate values (one GROUP BY pass in DuckDB), from which
 * everything a logistic case-mix fit needs before its expected counts follows without reading the cases again:
 * each level's cases and events (for merging separated levels), the distinct values (constant covariates), the
 * levels by frequency and the covariate patterns in the order SQL's {@code GROUP BY ALL ORDER BY ALL} gives them
 * (issue #17). Every count and event sum is an integer, so regrouping them in Java gives exactly the sums a
 * query over the rows gives.
 *
 * @param names       covariate names, in key order
 * @param categorical per covariate: true for a categorical one (its values are Strings), false for a numeric one
 *                    (its values are Doubles, null where the case has none)
 * @param keys        one array of values per combination
 * @param cases       cases per combination
 * @param events      events per combination
 */
public record PatternCounts(List<String> names, boolean[] categorical, List<Object[]> keys, long[] cases,
                            double[] events) {
    public PatternCounts {
        names = List.copyOf(names);
        categorical = categorical.clone();
        keys = List.copyOf(keys);
        if (categorical.length != names.size() || keys.size() != cases.length || cases.length != events.length) {
            throw new IllegalArgumentException("pattern counts: names, keys, cases and events differ in length");
        }
        for (Object[] k : keys) {
            if (k.length != names.size()) throw new IllegalArgumentException("pattern counts: a key of " + k.length
                    + " values for " + names.size() + " covariates");
        }
    }

    private int index(String name) {
        int i = names.indexOf(name);
        if (i < 0) throw new IllegalArgumentException("no covariate " + name + " in " + names);
        return i;
    }

    /** Cases and events per value of one covariate, values in SQL's order ({@link #SQL_ORDER}). */
    public Map<Object, double[]> byValue(String name) {
        int i = index(name);
        Map<Object, double[]> out = new java.util.TreeMap<>(SQL_ORDER);
        for (int r = 0; r < keys.size(); r++) {
            Object v = keys.get(r)[i];
            if (v == null) continue; // as count(*) … GROUP BY would give it, but no caller lets a null value through
            double[] s = out.computeIfAbsent(v, x -> new double[2]);
            s[0] += cases[r];
            s[1] += events[r];
        }
        return out;
    }

    /** The number of cases whose value of {@code name} is missing (null). */
    public long missing(String name) {
        int i = index(name);
        long n = 0;
        for (int r = 0; r < keys.size(); r++) if (keys.get(r)[i] == null) n += cases[r];
        return n;
    }

    /** The same cases with categorical values recoded ({@code recode}: covariate → from level → to level) and regrouped. */
    public PatternCounts recoded(Map<String, Map<String, String>> recode) {
        int[] all = new int[names.size()];
        for (int i = 0; i < all.length; i++) all[i] = i;
        return regroup(all, recode);
    }

    /** The cases grouped by the covariates {@code kept} only (in that order), recoded as {@link #recoded}. */
    public PatternCounts project(List<String> kept, Map<String, Map<String, String>> recode) {
        int[] cols = kept.stream().mapToInt(this::index).toArray();
        return regroup(cols, recode);
    }

    private PatternCounts regroup(int[] cols, Map<String, Map<String, String>> recode) {
        Map<List<Object>, double[]> groups = new LinkedHashMap<>();
        for (int r = 0; r < keys.size(); r++) {
            Object[] k = new Object[cols.length];
            for (int j = 0; j < cols.length; j++) {
                Object v = keys.get(r)[cols[j]];
                Map<String, String> map = recode.get(names.get(cols[j]));
                if (map != null && v != null) v = map.getOrDefault((String) v, (String) v);
                k[j] = v;
            }
            double[] s = groups.computeIfAbsent(Arrays.asList(k), x -> new double[2]);
            s[0] += cases[r];
            s[1] += events[r];
        }
        List<String> n = new ArrayList<>();
        boolean[] cat = new boolean[cols.length];
        for (int j = 0; j < cols.length; j++) {
            n.add(names.get(cols[j]));
            cat[j] = categorical[cols[j]];
        }
        List<Map.Entry<List<Object>, double[]>> rows = new ArrayList<>(groups.entrySet());
        // GROUP BY ALL ORDER BY ALL: the keys are unique after grouping, so they alone decide the order
        rows.sort((a, b) -> compareKeys(a.getKey(), b.getKey()));
        List<Object[]> k = new ArrayList<>();
        long[] c = new long[rows.size()];
        double[] e = new double[rows.size()];
        for (int r = 0; r < rows.size(); r++) {
            k.add(rows.get(r).getKey().toArray());
            c[r] = (long) rows.get(r).getValue()[0];
            e[r] = rows.get(r).getValue()[1];
        }
        return new PatternCounts(n, cat, k, c, e);
    }

    private static int compareKeys(List<Object> a, List<Object> b) {
        for (int j = 0; j < a.size(); j++) {
            int c = SQL_ORDER.compare(a.get(j), b.get(j));
            if (c != 0) return c;
        }
        return 0;
    }

    /**
     * DuckDB's default ORDER BY: VARCHAR by its UTF-8 bytes (no collation), DOUBLE by value, NULLS LAST. Values of
     * one column are all Strings or all Doubles.
     */
    public static final Comparator<Object> SQL_ORDER = (a, b) -> {
        if (a == null || b == null) return a == null ? (b == null ? 0 : 1) : -1;
        if (a instanceof String s && b instanceof String t) return compareUtf8(s, t);
        double x = ((Number) a).doubleValue();
        double y = ((Number) b).doubleValue();
        return x == y ? 0 : Double.compare(x, y);
    };

    /**
     * The order of two strings' UTF-8 bytes (unsigned), which is the order of their code points (UTF-8 keeps it),
     * without encoding them: the patterns' sort compares keys many times per run (issue #17, readmit20). Not
     * {@link String#compareTo}, which orders UTF-16 units, so a supplementary character before U+E000..U+FFFF.
     */
    static int compareUtf8(String s, String t) {
        int i = 0;
        int j = 0;
        while (i < s.length() && j < t.length()) {
            int a = s.codePointAt(i);
            int b = t.codePointAt(j);
            if (a != b) return Integer.compare(a, b);
            i += Character.charCount(a);
            j += Character.charCount(b);
        }
        return Boolean.compare(i < s.length(), j < t.length());
    }

    /**
     * The covariate patterns of the covariates {@code design} holds (recoded), with trials and events, in the
     * order of {@code SELECT covariates, COUNT(*), SUM(outcome) … GROUP BY ALL ORDER BY ALL}; with no covariate,
     * the one pattern of the intercept-only model.
     */
    public Patterns patterns(DesignMatrix design, Map<String, Map<String, String>> recode) {
        List<String> kept = design.covariates().stream().map(Covariate::name).toList();
        PatternCounts grouped = project(kept, recode);
        if (kept.isEmpty() && grouped.keys().isEmpty()) {
            grouped = new PatternCounts(List.of(), new boolean[0], List.<Object[]>of(new Object[0]), new long[] {0},
                    new double[] {0});
        }
        double[][] x = new double[grouped.keys().size()][];
        double[] n = new double[x.length];
        double[] y = new double[x.length];
        for (int r = 0; r < x.length; r++) {
            x[r] = design.row(grouped.keys().get(r));
            n[r] = grouped.cases()[r];
            y[r] = grouped.events()[r];
        }
        return new Patterns(design.columnNames(), x, n, y);
    }

    /**
     * A categorical covariate's levels as {@code CaseMix} takes them from the rows: the reference is
     * {@code reference} when given, else the most frequent level (ties: the first in SQL order), the rest sorted.
     */
    public Covariate categoricalCovariate(String name, String reference) {
        Map<Object, double[]> byValue = byValue(name);
        List<Map.Entry<Object, double[]>> byFrequency = new ArrayList<>(byValue.entrySet());
        // ORDER BY count DESC, value: a stable sort of the SQL-ordered levels by count
        byFrequency.sort(Comparator.comparingDouble((Map.Entry<Object, double[]> e) -> -e.getValue()[0]));
        List<String> levels = byFrequency.stream().map(e -> (String) e.getKey()).toList();
        return CaseMix.categorical(name, reference, levels);
    }

    /** The total of cases and of events. */
    public double[] totals() {
        double n = 0;
        double y = 0;
        for (int r = 0; r < cases.length; r++) {
            n += cases[r];
            y += events[r];
        }
        return new double[] {n, y};
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PatternCounts p && names.equals(p.names) && Arrays.equals(categorical, p.categorical)
                && Arrays.equals(cases, p.cases) && Arrays.equals(events, p.events) && keys.size() == p.keys.size()
                && java.util.stream.IntStream.range(0, keys.size()).allMatch(i -> Arrays.equals(keys.get(i), p.keys.get(i)));
    }

    @Override
    public int hashCode() {
        return Objects.hash(names, Arrays.hashCode(cases));
    }
}
