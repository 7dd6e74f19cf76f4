package se.vardnav.guest;

import org.junit.jupiter.api.Test;
import se.vardnav.notification.SmsTemplates;

import java.io.FileInputStream;
import java.time.Instant;
import java.time.ZoneId;

import static org.assertj.core.api.Assertions.assertThat;

/** The region's real template files, rendered for a guest. */
class GuestNoticesTest {
    private final GuestTokens tokens = new GuestTokens("a-secret-of-sufficient-length");

    private GuestNotices notices() throws Exception {
        try (var sms = new FileInputStream("notification-templates/sms-sv.properties");
             var email = new FileInputStream("notification-templates/email-sv.properties")) {
            return new GuestNotices(new SmsTemplates(sms), new SmsTemplates(email), ZoneId.of("Europe/Stockholm"), "https://v.test/g/", tokens);
        }
    }

    @Test
    void anInvitationGoesByEveryChannelTheGuestHasWithTheGuestsOwnLink() throws Exception {
        GuestStore.Guest guest = new GuestStore.Guest(7, "interpreter", "+46705551001", "tove@example.se");
        GuestStore.Link link = new GuestStore.Link(1, 1000L, "7", 7L, tokens.newNonce(), "ACTIVE");
        var planned = notices().invitation(guest, link, "B-1", Instant.parse("2026-12-01T08:00:00Z"), false);
        String url = "https://v.test/g/" + tokens.token(link.nonce());
        assertThat(planned).hasSize(2);
        assertThat(planned.get(0).sms().text()).contains("tisdag 2026-12-01 kl 09:00", url);
        assertThat(planned.get(0).businessKey()).isEqualTo("guest|7|1000|invite|sms");
        assertThat(planned.get(1).email().subject()).isEqualTo("Inbjudan till videomöte 2026-12-01 kl 09:00");
        assertThat(planned.get(1).email().text()).contains(url).contains("\n");
        assertThat(planned.get(1).businessKey()).isEqualTo("guest|7|1000|invite|email");
    }

    @Test
    void aCancelCarriesNoLinkAndOnlyTheGuestsChannels() throws Exception {
        GuestStore.Guest guest = new GuestStore.Guest(8, "relative", null, "asta@example.se");
        var planned = notices().cancelled(guest, 2000L, "B-1", Instant.parse("2026-12-01T08:00:00Z"));
        assertThat(planned).hasSize(1);
        assertThat(planned.get(0).email().text()).contains("inställt").doesNotContain("https://");
        assertThat(planned.get(0).email().template()).isEqualTo(GuestNotices.CANCELLED);
    }
}
