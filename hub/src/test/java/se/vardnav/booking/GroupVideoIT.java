package se.vardnav.booking;

import org.hl7.fhir.r4.model.Appointment;
import org.hl7.fhir.r4.model.Extension;
import org.junit.jupiter.api.Test;
import se.vardnav.fhir.Fhir;
import se.vardnav.sim.journal.SiuMessages;
import se.vardnav.support.AdminClient;
import se.vardnav.support.HubTestBase;
import se.vardnav.support.TestPersons;

import java.time.Duration;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Group video: same start, same resource, group time type → one room, at most 20 participants. */
class GroupVideoIT extends HubTestBase {

    @Test
    void twentyShareOneRoomAndOneMoreIsRejectedWithAReason() {
        LocalDateTime start = LocalDateTime.of(2026, 12, 7, 14, 0);
        String staff = "SE2321000016-G" + System.nanoTime() % 100000;
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 21; i++) {
            String id = newBookingId();
            ids.add(id);
            assertThat(send(SiuMessages.s12().bookingId(id).start(start).minutes(60).timeType("GRUPPVIDEO", "Gruppmöte")
                    .patient(TestPersons.next()).staff(staff, "Gruppledare").build())).contains("MSA|AA");
        }
        AdminClient admin = new AdminClient(httpPort);
        // Bookings are ordered per booking, not across bookings: which of the 21 finds the room full depends
        // on the order the consumers take them, so the test asks for "exactly one", not "the last sent".
        await().atMost(Duration.ofSeconds(30)).until(() -> ids.stream().filter(id -> platform.findByBookingId(id).isPresent()).count() == 20
                && admin.deadLetters("DLQ.hub.appointment").stream().anyMatch(r -> ids.contains(r.get("bookingId"))));
        List<Map<String, Object>> refused = admin.deadLetters("DLQ.hub.appointment").stream().filter(r -> ids.contains(r.get("bookingId"))).toList();
        assertThat(refused).singleElement().satisfies(r -> assertThat(r.get("reason")).asString().contains("full"));
        String turnedAway = (String) refused.get(0).get("bookingId");
        assertThat(platform.findByBookingId(turnedAway)).isEmpty();

        Set<String> rooms = ids.stream().filter(id -> !id.equals(turnedAway)).map(id -> platform.findByBookingId(id).orElseThrow())
                .map(GroupVideoIT::sessionKey).collect(Collectors.toSet());
        assertThat(rooms).as("one room for the group").hasSize(1).doesNotContainNull();
    }

    static String sessionKey(Appointment a) {
        Extension vs = a.getExtensionByUrl(Fhir.EXT_VIRTUAL_SERVICE);
        Extension key = vs == null ? null : vs.getExtensionByUrl("sessionKey");
        return key == null ? null : key.getValue().primitiveValue();
    }
}
