package io.jkbms.sim.scenario;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Durations as scenarios write them: {@code 500ms}, {@code 90s}, {@code 30min}, {@code 2h}, {@code 7d}, {@code 1h30min},
 *  or a plain number of seconds. */
public final class Durations {
    private static final Pattern PART = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*(ms|s|min|m|h|d)");
    /** Longer than anyone simulates (100 years); beyond it a typo, not a plan. */
    public static final long MAX_us = 100L * 365 * 86_400_000_000L;

    private Durations() {
    }

    /** @throws IllegalArgumentException naming the text and the accepted forms */
    public static long parse_us(String text) {
        String s = text.trim().toLowerCase(Locale.ROOT);
        if (s.matches("\\d+(\\.\\d+)?")) {
            double plain = Double.parseDouble(s) * 1e6;
            if (!(plain <= MAX_us)) {
                throw new IllegalArgumentException("duration '" + text + "' is longer than 100 years");
            }
            return Math.round(plain);
        }
        Matcher m = PART.matcher(s);
        int pos = 0;
        double us = 0;
        while (m.find()) {
            if (m.start() != pos) {
                break;
            }
            double v = Double.parseDouble(m.group(1));
            switch (m.group(2)) {
                case "ms": us += v * 1e3; break;
                case "s": us += v * 1e6; break;
                case "m": case "min": us += v * 60e6; break;
                case "h": us += v * 3600e6; break;
                default: us += v * 86_400e6; break;
            }
            pos = m.end();
            while (pos < s.length() && s.charAt(pos) == ' ') {
                pos++;
            }
        }
        if (pos != s.length() || s.isEmpty()) {
            throw new IllegalArgumentException("not a duration: '" + text + "' (examples: 500ms, 90s, 30min, 2h, 7d, 1h30min)");
        }
        if (!(us <= MAX_us)) {
            throw new IllegalArgumentException("duration '" + text + "' is longer than 100 years");
        }
        return Math.round(us);
    }

    /** Formats a duration compactly: 1d 2h 3min 4.5s. */
    public static String format(long us) {
        StringBuilder sb = new StringBuilder();
        long s = us / 1_000_000;
        long d = s / 86_400;
        long h = s % 86_400 / 3600;
        long m = s % 3600 / 60;
        double sec = (us % 60_000_000) / 1e6;
        if (d > 0) {
            sb.append(d).append("d ");
        }
        if (h > 0) {
            sb.append(h).append("h ");
        }
        if (m > 0) {
            sb.append(m).append("min ");
        }
        if (sec > 0 || sb.length() == 0) {
            sb.append(sec == Math.rint(sec) ? String.valueOf((long) sec) : String.format(Locale.ROOT, "%.3f", sec)).append('s');
        }
        return sb.toString().trim();
    }
}
