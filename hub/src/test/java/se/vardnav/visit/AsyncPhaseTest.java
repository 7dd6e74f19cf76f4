package se.vardnav.visit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.LocalDate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AsyncPhaseTest {
    private static final LocalDate ENDED = LocalDate.of(2026, 12, 1);

    @Test
    void threeDaysAreShownAsFourBecauseTodayCounts() {
        assertThat(new AsyncPhase(3).shownDays()).isEqualTo(4);
        assertThat(new AsyncPhase(3).lastDay(ENDED)).isEqualTo(LocalDate.of(2026, 12, 4));
    }

    @Test
    void theEdgesOfTheRangeAreAPhase() {
        assertThat(new AsyncPhase(1).shownDays()).isEqualTo(2);
        assertThat(new AsyncPhase(1).lastDay(ENDED)).isEqualTo(LocalDate.of(2026, 12, 2));
        assertThat(new AsyncPhase(3650).shownDays()).isEqualTo(3651);
        assertThat(new AsyncPhase(3650).lastDay(ENDED)).isEqualTo(ENDED.plusDays(3650));
    }

    @ParameterizedTest
    @ValueSource(ints = {0, -1, 3651, Integer.MAX_VALUE, Integer.MIN_VALUE})
    void outsideTheRangeIsRefusedWithTheRule(int days) {
        assertThat(AsyncPhase.valid(days)).isFalse();
        assertThat(AsyncPhase.problem(days)).contains("1–3650 days").contains(Integer.toString(days));
        assertThatThrownBy(() -> new AsyncPhase(days)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void thePatientMayWriteFromTheEndDayThroughTheLastDay() {
        AsyncPhase phase = new AsyncPhase(3);
        assertThat(phase.open(ENDED, ENDED.minusDays(1))).isFalse();
        assertThat(phase.open(ENDED, ENDED)).isTrue();
        assertThat(phase.open(ENDED, ENDED.plusDays(3))).isTrue();
        assertThat(phase.open(ENDED, ENDED.plusDays(4))).isFalse();
    }
}
