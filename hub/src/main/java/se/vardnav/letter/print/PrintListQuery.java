package se.vardnav.letter.print;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * A selection from the print list as staff make it in Utskriftslistan: types (none = all), status,
 * and optionally the days the row was put on the list (inclusive, in the region's time zone).
 */
public record PrintListQuery(Set<PrintType> types, PrintStatusFilter status, Instant from, Instant to) {

    /** A WHERE clause over {@code print_item p} and its arguments, in order. */
    public record Where(String sql, List<Object> args) {}

    public PrintListQuery {
        types = types == null || types.isEmpty() ? Set.of() : Collections.unmodifiableSet(EnumSet.copyOf(types));
        status = status == null ? PrintStatusFilter.TODO : status;
    }

    /** From request parameters; throws IllegalArgumentException with a message fit for the caller. */
    public static PrintListQuery of(List<String> types, String status, LocalDate from, LocalDate to, ZoneId zone) {
        Set<PrintType> parsed = EnumSet.noneOf(PrintType.class);
        if (types != null) {
            for (String t : types) {
                // "Alla" (all) in the type box is the same as no type at all
                if (t != null && !t.isBlank() && !PrintStatusFilter.fold(t).equals("alla") && !PrintStatusFilter.fold(t).equals("all")) {
                    parsed.add(PrintType.parse(t));
                }
            }
        }
        if (from != null && to != null && to.isBefore(from)) {
            throw new IllegalArgumentException("'to' (" + to + ") is before 'from' (" + from + ")");
        }
        return new PrintListQuery(parsed, PrintStatusFilter.parse(status),
                from == null ? null : from.atStartOfDay(zone).toInstant(),
                to == null ? null : to.plusDays(1).atStartOfDay(zone).toInstant());
    }

    public Where where() {
        List<String> clauses = new ArrayList<>();
        List<Object> args = new ArrayList<>();
        switch (status) {
            case TODO -> {
                clauses.add("p.status = ?");
                args.add(PrintList.TODO);
            }
            case HISTORY -> {
                clauses.add("p.status = ?");
                args.add(PrintList.HANDLED);
            }
            case ALL -> { }
        }
        if (!types.isEmpty()) {
            clauses.add("p.print_type IN (" + placeholders(types.size()) + ")");
            types.stream().sorted().forEach(t -> args.add(t.name()));
        }
        if (from != null) {
            clauses.add("p.created_at >= ?");
            args.add(Timestamp.from(from));
        }
        if (to != null) {
            clauses.add("p.created_at < ?");
            args.add(Timestamp.from(to));
        }
        return new Where(clauses.isEmpty() ? "1 = 1" : String.join(" AND ", clauses), List.copyOf(args));
    }

    static String placeholders(int n) {
        return String.join(", ", Collections.nCopies(n, "?"));
    }
}
