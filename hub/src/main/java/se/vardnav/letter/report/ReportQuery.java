package se.vardnav.letter.report;

import se.vardnav.letter.LetterKind;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The question parameters of the letter status report (Frågeparametrar): the days the letters were
 * created (inclusive, in the region's time zone; default the last 30 days), optionally the source
 * systems (TakeCare, Sectra, ...) and the kinds of letter.
 */
public record ReportQuery(LocalDate from, LocalDate to, List<String> sources, Set<LetterKind> kinds) {
    public static final int DEFAULT_DAYS = 30;
    /** A report covers at most about two years; a wider question is almost certainly a mistake. */
    public static final int MAX_DAYS = 731;

    /** A WHERE clause over {@code letter l} and its arguments, in order. */
    public record Where(String sql, List<Object> args) {}

    /** Where the previous page ended: rows are ordered newest first, then by letter id descending. */
    public record Cursor(Instant createdAt, String letterId) {
        /** An opaque token for the next page: {@code <epoch second>.<nanos>.<letter id>}. */
        public String token() {
            return createdAt.getEpochSecond() + "." + createdAt.getNano() + "." + letterId;
        }

        public static Cursor parse(String token) {
            String[] parts = token == null ? new String[0] : token.split("\\.", 3);
            try {
                if (parts.length == 3 && !parts[2].isEmpty()) {
                    return new Cursor(Instant.ofEpochSecond(Long.parseLong(parts[0]), Long.parseLong(parts[1])), parts[2]);
                }
            } catch (RuntimeException malformed) {
                // reported below
            }
            throw new IllegalArgumentException("'after' is not a cursor this report handed out");
        }
    }

    public ReportQuery {
        sources = sources == null ? List.of() : List.copyOf(sources);
        kinds = kinds == null || kinds.isEmpty() ? Set.of() : Collections.unmodifiableSet(EnumSet.copyOf(kinds));
    }

    /** From request parameters, defaults applied against {@code today}; IllegalArgumentException with a message for the caller. */
    public static ReportQuery of(LocalDate from, LocalDate to, List<String> sources, List<String> kinds, LocalDate today) {
        LocalDate end = to != null ? to : today;
        LocalDate start = from != null ? from : end.minusDays(DEFAULT_DAYS - 1L);
        if (end.isBefore(start)) {
            throw new IllegalArgumentException("'to' (" + end + ") is before 'from' (" + start + ")");
        }
        if (ChronoUnit.DAYS.between(start, end) >= MAX_DAYS) {
            throw new IllegalArgumentException("a report covers at most " + MAX_DAYS + " days; narrow 'from'/'to'");
        }
        List<String> cleanSources = new ArrayList<>();
        if (sources != null) {
            sources.stream().filter(s -> s != null && !s.isBlank()).map(String::strip).distinct().forEach(cleanSources::add);
        }
        Set<LetterKind> parsedKinds = EnumSet.noneOf(LetterKind.class);
        if (kinds != null) {
            for (String k : kinds) {
                if (k != null && !k.isBlank()) {
                    parsedKinds.add(kind(k));
                }
            }
        }
        return new ReportQuery(start, end, cleanSources, parsedKinds);
    }

    /** The letters of this question, after the cursor if there is one. */
    public Where where(ZoneId zone, Cursor after) {
        List<String> clauses = new ArrayList<>();
        List<Object> args = new ArrayList<>();
        clauses.add("l.created_at >= ?");
        args.add(Timestamp.from(from.atStartOfDay(zone).toInstant()));
        clauses.add("l.created_at < ?");
        args.add(Timestamp.from(to.plusDays(1).atStartOfDay(zone).toInstant()));
        if (!sources.isEmpty()) {
            clauses.add("l.source IN (" + String.join(", ", Collections.nCopies(sources.size(), "?")) + ")");
            args.addAll(sources);
        }
        if (!kinds.isEmpty()) {
            clauses.add("l.kind IN (" + String.join(", ", Collections.nCopies(kinds.size(), "?")) + ")");
            kinds.stream().sorted().forEach(k -> args.add(k.name()));
        }
        if (after != null) {
            Timestamp at = Timestamp.from(after.createdAt());
            clauses.add("(l.created_at < ? OR (l.created_at = ? AND l.id < ?))");
            args.add(at);
            args.add(at);
            args.add(after.letterId());
        }
        return new Where(String.join(" AND ", clauses), List.copyOf(args));
    }

    private static LetterKind kind(String value) {
        try {
            return LetterKind.valueOf(value.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown letter kind '" + value + "': use KALLELSE, EBREV, REMISSBEKRAFTELSE or OVRIGT");
        }
    }
}
