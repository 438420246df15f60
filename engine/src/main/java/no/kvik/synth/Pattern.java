package no.kvik.synth;

/**
 * A compiled strptime-style date or timestamp format from a contract (%Y %m %d %H %M %S and literal
 * characters), rendered into a StringBuilder without allocation.
 */
final class Pattern {
    private final char[] ops;

    Pattern(String strptime) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < strptime.length(); i++) {
            char c = strptime.charAt(i);
            if (c == '%') {
                if (i + 1 >= strptime.length()) throw new IllegalArgumentException("dangling % in " + strptime);
                char f = strptime.charAt(++i);
                if ("YmdHMS%".indexOf(f) < 0) {
                    throw new IllegalArgumentException("unsupported format %" + f + " in " + strptime);
                }
                b.append('\u0000').append(f);
            } else {
                b.append(c);
            }
        }
        ops = b.toString().toCharArray();
    }

    void render(StringBuilder sb, long epochSecond) {
        int day = (int) Math.floorDiv(epochSecond, Civil.SECONDS_PER_DAY);
        int sec = (int) Math.floorMod(epochSecond, Civil.SECONDS_PER_DAY);
        int ymd = Civil.ymd(day);
        for (int i = 0; i < ops.length; i++) {
            char c = ops[i];
            if (c != '\u0000') {
                sb.append(c);
                continue;
            }
            char f = ops[++i];
            switch (f) {
                case 'Y' -> {
                    int y = ymd / 10000;
                    two(sb, y / 100);
                    two(sb, y % 100);
                }
                case 'm' -> two(sb, (ymd / 100) % 100);
                case 'd' -> two(sb, ymd % 100);
                case 'H' -> two(sb, sec / 3600);
                case 'M' -> two(sb, (sec / 60) % 60);
                case 'S' -> two(sb, sec % 60);
                default -> sb.append('%');
            }
        }
    }

    private static void two(StringBuilder sb, int v) {
        sb.append((char) ('0' + v / 10)).append((char) ('0' + v % 10));
    }
}
