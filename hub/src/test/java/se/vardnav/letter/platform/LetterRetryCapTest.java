package se.vardnav.letter.platform;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import se.vardnav.connector.platform.PlatformTransientException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Only failures that may be the letter's own count towards sending it to paper; an outage never does. */
class LetterRetryCapTest {
    private final LetterRetryCap cap = new LetterRetryCap(5);

    private static PlatformTransientException status(int s) {
        return new PlatformTransientException("platform answered HTTP " + s, s, null);
    }

    @ParameterizedTest
    @ValueSource(ints = {408, 500, 504})
    void errorsThatMayBeTheLettersOwnCount(int s) {
        assertThat(cap.counts(status(s))).isTrue();
    }

    @ParameterizedTest
    @ValueSource(ints = {429, 502, 503})
    void aBusyOrAbsentPlatformDoesNotCount(int s) {
        assertThat(cap.counts(status(s))).isFalse();
    }

    @Test
    void silenceAfterSendingCountsARefusedConnectionDoesNot() {
        assertThat(cap.counts(new PlatformTransientException("no answer", 0, true, null))).isTrue();
        assertThat(cap.counts(new PlatformTransientException("no answer from platform: HttpHostConnectException", 0, false, null))).isFalse();
    }

    @Test
    void theFifthCountedFailureIsTheLast() {
        assertThat(cap.exhausted(4)).isFalse();
        assertThat(cap.exhausted(5)).isTrue();
        assertThat(cap.printReason(5, new PlatformTransientException("x", 0, true, null)))
                .isEqualTo("the platform did not take the letter in 5 attempts (last: no answer in time)");
        assertThat(cap.printReason(5, status(500))).endsWith("(last: HTTP 500)");
        assertThatThrownBy(() -> new LetterRetryCap(0)).isInstanceOf(IllegalArgumentException.class);
    }
}
