package se.vardnav.guest;

import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class GuestTokensTest {
    private final GuestTokens tokens = new GuestTokens("a-secret-of-sufficient-length");

    @Test
    void aTokenIsReproducibleFromItsNonceButNotWithAnotherSecret() {
        String nonce = tokens.newNonce();
        assertThat(tokens.token(nonce)).isEqualTo(tokens.token(nonce)).matches("[A-Za-z0-9_-]{43}");
        assertThat(new GuestTokens("another-secret-of-length").token(nonce)).isNotEqualTo(tokens.token(nonce));
    }

    @Test
    void noncesAndTokensDoNotRepeat() {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 1000; i++) {
            assertThat(seen.add(tokens.token(tokens.newNonce()))).isTrue();
        }
    }

    @Test
    void theStoredHashIsNotTheToken() {
        String token = tokens.token(tokens.newNonce());
        assertThat(GuestTokens.hash(token)).hasSize(64).doesNotContain(token);
    }

    @Test
    void aShortSecretIsRefused() {
        assertThatThrownBy(() -> new GuestTokens("short")).isInstanceOf(IllegalArgumentException.class);
    }
}
