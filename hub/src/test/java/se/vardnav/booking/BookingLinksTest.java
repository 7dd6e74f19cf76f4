package se.vardnav.booking;

import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

import java.sql.Timestamp;

import static org.assertj.core.api.Assertions.assertThat;

class BookingLinksTest {
    private final JdbcTemplate jdbc = MigratedH2.create();
    private final BookingLinks links = new BookingLinks(jdbc, MigratedH2.CLOCK);

    private static BookingKey v(long version) {
        return new BookingKey("TAKECARE", "B1", version);
    }

    @Test
    void firstApplyInsertsTheLink() {
        assertThat(links.find("TAKECARE", "B1")).isEmpty();
        links.applied(v(1), "P-1", "booked");
        assertThat(links.find("TAKECARE", "B1")).contains(new BookingLinks.Link("TAKECARE", "B1", "P-1", 1, "booked"));
        assertThat(jdbc.queryForObject("SELECT updated_at FROM booking_link", Timestamp.class).toInstant())
                .isEqualTo(MigratedH2.CLOCK.instant());
    }

    @Test
    void newerVersionMovesTheLinkForward() {
        links.applied(v(1), "P-1", "booked");
        links.applied(v(2), "P-1", "cancelled");
        assertThat(links.find("TAKECARE", "B1").orElseThrow().lastVersion()).isEqualTo(2);
        assertThat(links.find("TAKECARE", "B1").orElseThrow().status()).isEqualTo("cancelled");
    }

    @Test
    void olderVersionNeverMovesTheLinkBackwards() {
        links.applied(v(2), "P-1", "cancelled");
        links.applied(v(1), "P-1", "booked");
        // a late, older event must not resurrect a cancelled booking
        BookingLinks.Link link = links.find("TAKECARE", "B1").orElseThrow();
        assertThat(link.lastVersion()).isEqualTo(2);
        assertThat(link.status()).isEqualTo("cancelled");
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM booking_link", Integer.class)).isEqualTo(1);
    }

    @Test
    void isNewerOnlyForVersionsAfterTheLastApplied() {
        assertThat(links.isNewer(v(1))).as("nothing applied yet").isTrue();
        links.applied(v(5), "P-1", "booked");
        assertThat(links.isNewer(v(6))).isTrue();
        assertThat(links.isNewer(v(5))).as("duplicate").isFalse();
        assertThat(links.isNewer(v(4))).as("stale").isFalse();
    }

    @Test
    void bookingsOfDifferentSourcesAreSeparate() {
        links.applied(v(5), "P-1", "booked");
        assertThat(links.isNewer(new BookingKey("COSMIC", "B1", 1))).isTrue();
    }
}
