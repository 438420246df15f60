package no.kvik.config;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Named durations of one process, kept only when it runs with {@value #PROPERTY}=true (then {@code kvik} prints them
 * on stderr for {@code kvik bench}'s fixed-cost split); otherwise {@link #add} does nothing. It lives here, below
 * every other package, so that a phase inside the store or the writers can be timed where it happens.
 */
public final class Timings {
    public static final String PROPERTY = "kvik.timings";
    private static final boolean ON = Boolean.getBoolean(PROPERTY);
    private static final List<String> NAMES = new ArrayList<>();
    private static final List<Long> NANOS = new ArrayList<>();

    private Timings() {
    }

    public static boolean on() {
        return ON;
    }

    /** Adds {@code nanos} to phase {@code name} (phases keep the order they were first added in). */
    public static synchronized void add(String name, long nanos) {
        if (!ON) return;
        int i = NAMES.indexOf(name);
        if (i < 0) {
            NAMES.add(name);
            NANOS.add(nanos);
        } else {
            NANOS.set(i, NANOS.get(i) + nanos);
        }
    }

    /** Adds the time since {@code startNanos} (a {@link System#nanoTime} value) to {@code name}; returns now. */
    public static long since(String name, long startNanos) {
        long now = System.nanoTime();
        add(name, now - startNanos);
        return now;
    }

    /** The phases so far, in order, in nanoseconds. */
    public static synchronized Map<String, Long> phases() {
        Map<String, Long> copy = new LinkedHashMap<>();
        for (int i = 0; i < NAMES.size(); i++) copy.put(NAMES.get(i), NANOS.get(i));
        return copy;
    }
}
