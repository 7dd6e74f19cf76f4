package se.vardnav.console.web;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** How the console writes times, ages and rates: local time as staff read it, short ages, whole percentages. */
public class ConsoleFormat {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy-MM-dd");
    private final ZoneId zone;

    public ConsoleFormat(ZoneId zone) {
        this.zone = zone;
    }

    public String time(Instant t) {
        return t == null || t.equals(Instant.EPOCH) ? "–" : TIME.format(t.atZone(zone));
    }

    public String day(Instant t) {
        return t == null ? "–" : DAY.format(t.atZone(zone));
    }

    /** "45 s", "12 min", "3 h 5 min", "2 d 4 h". */
    public String age(Duration d) {
        if (d == null) {
            return "–";
        }
        long s = Math.max(0, d.toSeconds());
        if (s < 60) {
            return s + " s";
        }
        if (s < 3600) {
            return s / 60 + " min";
        }
        if (s < 86_400) {
            return s / 3600 + " h " + (s % 3600) / 60 + " min";
        }
        return s / 86_400 + " d " + (s % 86_400) / 3600 + " h";
    }

    public String percent(double share) {
        return String.format(Locale.ROOT, "%.0f %%", share * 100);
    }
}
