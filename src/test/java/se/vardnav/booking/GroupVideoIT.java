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
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Group video: same start, same resource, group time type → one room, at most 20 participants. */
class GroupVideoIT extends HubTestBase {

    @Test
    void twentyShareOneRoomAndTheTwentyFirstIsRejectedWithAReason() {
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
        String last = ids.get(20);
        await().atMost(Duration.ofSeconds(30)).until(() -> ids.subList(0, 20).stream().allMatch(id -> platform.findByBookingId(id).isPresent()));
        await().until(() -> admin.deadLetters("DLQ.hub.appointment").stream().anyMatch(r -> last.equals(r.get("bookingId"))));
        assertThat(admin.deadLetters("DLQ.hub.appointment").stream().filter(r -> last.equals(r.get("bookingId"))).findFirst().orElseThrow()
                .get("reason")).asString().contains("full");
        assertThat(platform.findByBookingId(last)).isEmpty();

        Set<String> rooms = ids.subList(0, 20).stream().map(id -> platform.findByBookingId(id).orElseThrow())
                .map(GroupVideoIT::sessionKey).collect(Collectors.toSet());
        assertThat(rooms).as("one room for the group").hasSize(1).doesNotContainNull();
    }

    static String sessionKey(Appointment a) {
        Extension vs = a.getExtensionByUrl(Fhir.EXT_VIRTUAL_SERVICE);
        Extension key = vs == null ? null : vs.getExtensionByUrl("sessionKey");
        return key == null ? null : key.getValue().primitiveValue();
    }
}
