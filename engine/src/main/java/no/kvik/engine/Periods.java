package no.kvik.engine;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import no.kvik.catalog.Frequency;

/** Builds reporting periods: calendar tertials, half-years and years, and rolling windows of whole years. */
public final class Periods {
    private Periods() {
    }

    /** The period of {@code frequency} that contains {@code date}. */
    public static Period containing(Frequency frequency, LocalDate date) {
        int index = (date.getMonthValue() - 1) / frequency.months();
        LocalDate start = LocalDate.of(date.getYear(), index * frequency.months() + 1, 1);
        return new Period(start, start.plusMonths(frequency.months()), label(frequency, date.getYear(), index));
    }

    /** Every period of {@code frequency} lying wholly inside [from, to). */
    public static List<Period> within(Frequency frequency, LocalDate from, LocalDate to) {
        List<Period> periods = new ArrayList<>();
        Period p = containing(frequency, from);
        if (p.start().isBefore(from)) p = next(frequency, p);
        while (!p.end().isAfter(to)) {
            periods.add(p);
            p = next(frequency, p);
        }
        return periods;
    }

    /** Every period of {@code frequency} that overlaps [first, last] (both inclusive dates). */
    public static List<Period> covering(Frequency frequency, LocalDate first, LocalDate last) {
        List<Period> periods = new ArrayList<>();
        for (Period p = containing(frequency, first); !p.start().isAfter(last); p = next(frequency, p)) periods.add(p);
        return periods;
    }

    /**
     * Windows of {@code years} whole calendar years, one ending in each year from {@code firstEndYear}
     * to {@code lastEndYear}: e.g. years=3, end 2024 gives 2022-2024 = [2022-01-01, 2025-01-01).
     */
    public static List<Period> rolling(int years, int firstEndYear, int lastEndYear) {
        if (years < 1) throw new IllegalArgumentException("a rolling window needs at least 1 year, got " + years);
        List<Period> periods = new ArrayList<>();
        for (int end = firstEndYear; end <= lastEndYear; end++) {
            int start = end - years + 1;
            periods.add(new Period(LocalDate.of(start, 1, 1), LocalDate.of(end + 1, 1, 1),
                    years == 1 ? Integer.toString(end) : start + "-" + end));
        }
        return periods;
    }

    /**
     * Parses a period label back into a period: 2024-T2, 2024-H1, 2024 or 2022-2024.
     * Throws IllegalArgumentException for anything else.
     */
    public static Period parse(String label) {
        String s = label.trim();
        java.util.regex.Matcher m;
        if ((m = java.util.regex.Pattern.compile("(\\d{4})-T([1-3])").matcher(s)).matches()) {
            return containing(Frequency.TERTIAL, LocalDate.of(Integer.parseInt(m.group(1)), (Integer.parseInt(m.group(2)) - 1) * 4 + 1, 1));
        }
        if ((m = java.util.regex.Pattern.compile("(\\d{4})-H([1-2])").matcher(s)).matches()) {
            return containing(Frequency.HALF_YEAR, LocalDate.of(Integer.parseInt(m.group(1)), (Integer.parseInt(m.group(2)) - 1) * 6 + 1, 1));
        }
        if ((m = java.util.regex.Pattern.compile("(\\d{4})").matcher(s)).matches()) {
            return containing(Frequency.YEAR, LocalDate.of(Integer.parseInt(m.group(1)), 1, 1));
        }
        if ((m = java.util.regex.Pattern.compile("(\\d{4})-(\\d{4})").matcher(s)).matches()) {
            int a = Integer.parseInt(m.group(1));
            int b = Integer.parseInt(m.group(2));
            if (b < a) throw new IllegalArgumentException("period '" + label + "': the end year is before the start year");
            return new Period(LocalDate.of(a, 1, 1), LocalDate.of(b + 1, 1, 1), a + "-" + b);
        }
        throw new IllegalArgumentException("period '" + label + "' is not one of 2024-T2, 2024-H1, 2024, 2022-2024");
    }

    private static Period next(Frequency frequency, Period p) {
        return containing(frequency, p.end());
    }

    private static String label(Frequency frequency, int year, int index) {
        return switch (frequency) {
            case TERTIAL -> year + "-T" + (index + 1);
            case HALF_YEAR -> year + "-H" + (index + 1);
            case YEAR -> Integer.toString(year);
        };
    }
}
