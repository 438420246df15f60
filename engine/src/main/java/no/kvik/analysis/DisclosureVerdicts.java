package no.kvik.analysis;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import no.kvik.variation.Direction;
import no.kvik.variation.IndicatorKind;
import no.kvik.variation.TrendPoint;

/**
 * The verdicts of {@link TrendDisclosure#check} as the analysis asks them, kept within the process (issue #17: a
 * release's editions run the same indicators on the same store and asked the same checks again, each up to
 * 100,000 trend tests). The check is a pure function of its {@link Key}, which holds every input it reads: the
 * series, its hidden cells and windows, and what the flag of a candidate series depends on (the test's kind,
 * direction, number of periods and level, and the other units' p-values that set the false-discovery cut-off).
 * The unit's code is not in it: the test names the unit in its result only, never in the flag.
 */
final class DisclosureVerdicts {
    /** At most this many verdicts are kept, the least recently used dropped beyond that. */
    static final int KEPT = 4096;

    /**
     * Every input of one disclosure check.
     *
     * @param lastPeriods  the trend test's number of latest periods
     * @param alpha        the trend test's level, also the false discovery rate
     * @param othersSorted the p-values of the level's other tested units, ascending, without NaN
     */
    record Key(List<TrendPoint> points, List<TrendDisclosure.HiddenCell> hidden, List<TrendDisclosure.WindowTotal> windows,
               IndicatorKind kind, Direction direction, int lastPeriods, double alpha, List<Double> othersSorted) {
        Key {
            points = List.copyOf(points);
            hidden = List.copyOf(hidden);
            windows = List.copyOf(windows);
            othersSorted = List.copyOf(othersSorted);
        }
    }

    private static final Map<Key, TrendDisclosure.Verdict> VERDICTS = new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Key, TrendDisclosure.Verdict> eldest) {
            return size() > KEPT;
        }
    };

    private DisclosureVerdicts() {
    }

    /** The kept verdict of {@code key}, else {@code check}'s, kept. */
    static TrendDisclosure.Verdict of(Key key, Supplier<TrendDisclosure.Verdict> check) {
        synchronized (VERDICTS) {
            TrendDisclosure.Verdict kept = VERDICTS.get(key);
            if (kept != null) return kept;
        }
        // checked outside the lock (two workers may check the same key at once: the same verdict)
        TrendDisclosure.Verdict verdict = check.get();
        synchronized (VERDICTS) {
            VERDICTS.put(key, verdict);
        }
        return verdict;
    }

    /** Forgets every kept verdict (tests). */
    static void clear() {
        synchronized (VERDICTS) {
            VERDICTS.clear();
        }
    }
}
