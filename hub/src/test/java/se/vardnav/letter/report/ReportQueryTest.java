package se.vardnav.letter.report;

import org.junit.jupiter.api.Test;
import se.vardnav.letter.LetterKind;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ReportQueryTest {
    private static final ZoneId STOCKHOLM = ZoneId.of("Europe/Stockholm");
    private static final LocalDate TODAY = LocalDate.of(2026, 11, 22);

    @Test
    void defaultsToTheLast30DaysIncludingToday() {
        ReportQuery q = ReportQuery.of(null, null, null, null, TODAY);
        assertThat(q.from()).isEqualTo(LocalDate.of(2026, 10, 24));
        assertThat(q.to()).isEqualTo(TODAY);
        ReportQuery.Where w = q.where(STOCKHOLM, null);
        assertThat(w.sql()).isEqualTo("l.created_at >= ? AND l.created_at < ?");
        assertThat(w.args()).containsExactly(Timestamp.from(Instant.parse("2026-10-23T22:00:00Z")),
                Timestamp.from(Instant.parse("2026-11-22T23:00:00Z")));
    }

    @Test
    void onlyFromOrOnlyTo() {
        assertThat(ReportQuery.of(LocalDate.of(2026, 11, 1), null, null, null, TODAY).to()).isEqualTo(TODAY);
        assertThat(ReportQuery.of(null, LocalDate.of(2026, 5, 31), null, null, TODAY).from()).isEqualTo(LocalDate.of(2026, 5, 2));
    }

    @Test
    void sourcesAndKinds() {
        ReportQuery q = ReportQuery.of(TODAY, TODAY, List.of("TakeCare", " Sectra ", "", "TakeCare"), List.of("kallelse", "EBREV"), TODAY);
        assertThat(q.sources()).containsExactly("TakeCare", "Sectra");
        assertThat(q.kinds()).containsExactlyInAnyOrder(LetterKind.KALLELSE, LetterKind.EBREV);
        ReportQuery.Where w = q.where(STOCKHOLM, null);
        assertThat(w.sql()).endsWith("AND l.source IN (?, ?) AND l.kind IN (?, ?)");
        assertThat(w.args().subList(2, 6)).containsExactly("TakeCare", "Sectra", "KALLELSE", "EBREV");
    }

    @Test
    void thePageAfterACursorStartsBelowIt() {
        Instant at = Instant.parse("2026-11-20T08:15:30.123456Z");
        ReportQuery.Cursor cursor = ReportQuery.Cursor.parse(new ReportQuery.Cursor(at, "L-a.b").token());
        assertThat(cursor).isEqualTo(new ReportQuery.Cursor(at, "L-a.b"));
        ReportQuery.Where w = ReportQuery.of(TODAY, TODAY, null, null, TODAY).where(STOCKHOLM, cursor);
        assertThat(w.sql()).endsWith("AND (l.created_at < ? OR (l.created_at = ? AND l.id < ?))");
        assertThat(w.args().subList(2, 5)).containsExactly(Timestamp.from(at), Timestamp.from(at), "L-a.b");
    }

    @Test
    void refusesWhatItCannotRead() {
        assertThatThrownBy(() -> ReportQuery.of(TODAY, TODAY.minusDays(1), null, null, TODAY)).hasMessageContaining("before");
        assertThatThrownBy(() -> ReportQuery.of(TODAY.minusYears(3), TODAY, null, null, TODAY)).hasMessageContaining("at most");
        assertThatThrownBy(() -> ReportQuery.of(null, null, null, List.of("faktura"), TODAY)).hasMessageContaining("KALLELSE");
        assertThatThrownBy(() -> ReportQuery.Cursor.parse("garbage")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void csvWhenTheCallerPrefersIt() {
        assertThat(LetterReportController.wantsCsv("text/csv")).isTrue();
        assertThat(LetterReportController.wantsCsv("application/json;q=0.5, text/csv")).isTrue();
        assertThat(LetterReportController.wantsCsv("application/json, text/csv;q=0.1")).isFalse();
        assertThat(LetterReportController.wantsCsv("*/*")).isFalse();
        assertThat(LetterReportController.wantsCsv(null)).isFalse();
        assertThat(LetterReportController.wantsCsv("not a type")).isFalse();
    }
}
