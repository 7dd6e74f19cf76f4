package se.vardnav.letter.print;

import org.junit.jupiter.api.Test;

import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PrintListQueryTest {
    private static final ZoneId STOCKHOLM = ZoneId.of("Europe/Stockholm");

    @Test
    void opensOnRowsToHandleOfEveryType() {
        PrintListQuery q = PrintListQuery.of(null, null, null, null, STOCKHOLM);
        assertThat(q.status()).isEqualTo(PrintStatusFilter.TODO);
        assertThat(q.where().sql()).isEqualTo("p.status = ?");
        assertThat(q.where().args()).containsExactly("TODO");
    }

    @Test
    void historyAndAll() {
        assertThat(PrintListQuery.of(null, "Historik", null, null, STOCKHOLM).where().args()).containsExactly("HANDLED");
        assertThat(PrintListQuery.of(null, "alla", null, null, STOCKHOLM).where().sql()).isEqualTo("1 = 1");
        assertThat(PrintListQuery.of(null, "att-atgarda", null, null, STOCKHOLM).status()).isEqualTo(PrintStatusFilter.TODO);
        assertThat(PrintListQuery.of(null, "HISTORY", null, null, STOCKHOLM).status()).isEqualTo(PrintStatusFilter.HISTORY);
    }

    @Test
    void typesByConstantOrLabelAndAllMeansNone() {
        PrintListQuery q = PrintListQuery.of(List.of("Remissbekräftelser invånare", "brev_invanare"), "ALL", null, null, STOCKHOLM);
        assertThat(q.types()).containsExactlyInAnyOrder(PrintType.BREV_INVANARE, PrintType.REMISSBEKRAFTELSER_INVANARE);
        assertThat(q.where().sql()).isEqualTo("p.print_type IN (?, ?)");
        assertThat(q.where().args()).containsExactly("BREV_INVANARE", "REMISSBEKRAFTELSER_INVANARE");
        assertThat(PrintListQuery.of(List.of("Alla"), "ALL", null, null, STOCKHOLM).types()).isEmpty();
        assertThat(PrintListQuery.of(List.of("Övriga"), "ALL", null, null, STOCKHOLM).types()).containsExactly(PrintType.OVRIGA);
    }

    @Test
    void daysAreWholeDaysInTheRegionsZone() {
        PrintListQuery q = PrintListQuery.of(null, "ALL", LocalDate.of(2026, 3, 29), LocalDate.of(2026, 3, 29), STOCKHOLM);
        // the day summer time starts has 23 hours
        assertThat(q.from()).isEqualTo(java.time.Instant.parse("2026-03-28T23:00:00Z"));
        assertThat(q.to()).isEqualTo(java.time.Instant.parse("2026-03-29T22:00:00Z"));
        assertThat(q.where().sql()).isEqualTo("p.created_at >= ? AND p.created_at < ?");
        assertThat(q.where().args()).containsExactly(Timestamp.from(q.from()), Timestamp.from(q.to()));
    }

    @Test
    void refusesWhatItCannotRead() {
        assertThatThrownBy(() -> PrintListQuery.of(null, "klar", null, null, STOCKHOLM))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Att åtgärda");
        assertThatThrownBy(() -> PrintListQuery.of(List.of("Brev"), null, null, null, STOCKHOLM))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("BREV_INVANARE");
        assertThatThrownBy(() -> PrintListQuery.of(null, null, LocalDate.of(2026, 2, 2), LocalDate.of(2026, 2, 1), STOCKHOLM))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("before");
    }

    @Test
    void actionsNeedDistinctRowsAndAUser() {
        assertThat(PrintActions.checkIds(List.of(3L, 1L, 2L))).containsExactly(3L, 1L, 2L);
        assertThatThrownBy(() -> PrintActions.checkIds(List.of())).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> PrintActions.checkIds(List.of(1L, 2L, 1L))).hasMessageContaining("row(s) 1 named more than once");
        assertThat(PrintActions.checkActor("  anna ")).isEqualTo("anna");
        assertThatThrownBy(() -> PrintActions.checkActor(" ")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> PrintActions.checkActor("a\nb")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> PrintActions.checkActor("x".repeat(129))).isInstanceOf(IllegalArgumentException.class);
    }
}
