package se.vardnav.notification.email;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class EmailAddressesTest {
    @Test
    void plainAddressesAreValid() {
        assertThat(EmailAddresses.valid("arne.relative@example.se")).isTrue();
        assertThat(EmailAddresses.valid("tolk+bokning@tolkservice.example.com")).isTrue();
    }

    @Test
    void malformedOrUnroutableAddressesAreNot() {
        assertThat(EmailAddresses.valid(null)).isFalse();
        assertThat(EmailAddresses.valid("")).isFalse();
        assertThat(EmailAddresses.valid("nils")).isFalse();
        assertThat(EmailAddresses.valid("nils@@example.se")).isFalse();
        assertThat(EmailAddresses.valid("nils@localhost")).isFalse();
        assertThat(EmailAddresses.valid("Nils <nils@example.se>")).isFalse();
        assertThat(EmailAddresses.valid("a@b.se, c@d.se")).isFalse();
        assertThat(EmailAddresses.valid("nils @example.se")).isFalse();
    }
}
