package no.kvik.synth;

/** Calendar arithmetic on epoch days without allocating (Howard Hinnant's civil-from-days algorithm). */
final class Civil {
    static final long SECONDS_PER_DAY = 86_400L;

    private Civil() {
    }

    static int epochDay(int y, int m, int d) {
        y -= m <= 2 ? 1 : 0;
        int era = (y >= 0 ? y : y - 399) / 400;
        int yoe = y - era * 400;
        int doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
        int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        return era * 146097 + doe - 719468;
    }

    /** Packs year*10000 + month*100 + day. */
    static int ymd(int epochDay) {
        int z = epochDay + 719468;
        int era = (z >= 0 ? z : z - 146096) / 146097;
        int doe = z - era * 146097;
        int yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
        int y = yoe + era * 400;
        int doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        int mp = (5 * doy + 2) / 153;
        int d = doy - (153 * mp + 2) / 5 + 1;
        int m = mp + (mp < 10 ? 3 : -9);
        return (y + (m <= 2 ? 1 : 0)) * 10000 + m * 100 + d;
    }

    static int year(int epochDay) {
        return ymd(epochDay) / 10000;
    }

    /** Age in whole years at {@code day} of someone born on {@code birthDay}. */
    static int age(int birthDay, int day) {
        int b = ymd(birthDay);
        int t = ymd(day);
        int a = t / 10000 - b / 10000;
        if (t % 10000 < b % 10000) a--;
        return a;
    }

    static int yearStart(int year) {
        return epochDay(year, 1, 1);
    }

    static int daysInYear(int year) {
        return yearStart(year + 1) - yearStart(year);
    }

    /** Tertial 1..3 of an epoch day (Jan-Apr, May-Aug, Sep-Dec). */
    static int tertial(int epochDay) {
        int m = (ymd(epochDay) / 100) % 100;
        return (m - 1) / 4 + 1;
    }
}
