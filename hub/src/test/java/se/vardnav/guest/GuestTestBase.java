package se.vardnav.guest;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.Message;
import jakarta.mail.internet.MimeMessage;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.UrlType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import se.vardnav.sim.journal.SiuMessages;
import se.vardnav.sim.platform.Guest;
import se.vardnav.sim.platform.HubGuests;
import se.vardnav.sim.sms.ReceivedSms;
import se.vardnav.support.HubTestBase;
import se.vardnav.support.TestPersons;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.LocalDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.awaitility.Awaitility.await;

/** The hub with a GreenMail SMTP server on a free port beside the base simulators. */
abstract class GuestTestBase extends HubTestBase {
    static final String LINK_BASE = "https://video.test/g/";
    static final Pattern LINK = Pattern.compile(Pattern.quote(LINK_BASE) + "[A-Za-z0-9_-]{20,}");
    static final LocalDateTime T0 = LocalDateTime.of(2026, 11, 20, 8, 0);
    static final LocalDateTime START = LocalDateTime.of(2026, 12, 1, 9, 0);
    static final ServerSetup SMTP = new ServerSetup(freePort(), "127.0.0.1", ServerSetup.PROTOCOL_SMTP);
    static final GreenMail mail = new GreenMail(SMTP);
    private static final HttpClient HTTP = se.vardnav.support.HubHttp.client();

    static {
        mail.start();
    }

    @DynamicPropertySource
    static void mailProperties(DynamicPropertyRegistry r) {
        r.add("vardnav.email.port", SMTP::getPort);
        r.add("vardnav.notification.guest-link-base", () -> LINK_BASE);
    }

    @BeforeEach
    void emptyMailbox() throws Exception {
        if (!mail.isRunning()) {
            mail.start();
        }
        mail.purgeEmailFromAllMailboxes();
    }

    @AfterEach
    void mailUp() {
        if (!mail.isRunning()) {
            mail.start();
        }
    }

    String hubFhir() {
        return "http://127.0.0.1:" + httpPort + "/fhir";
    }

    /** A video booking confirmed on the platform: delivered there and known confirmed for guests. */
    String confirmedBooking() {
        String id = newBookingId();
        send(booking(SiuMessages.s12(), id, 0, START).build());
        awaitOnPlatform(id, "booked");
        return id;
    }

    SiuMessages booking(SiuMessages m, String id, int minute, LocalDateTime start) {
        return m.bookingId(id).start(start).minutes(20).timeType("VIDEO", "Videobesök").patient(TestPersons.next())
                .staff("SE2321000016-1234", "Lind").messageTime(T0.plusMinutes(minute));
    }

    /** The platform has applied the booking (a booking without guests has no guest row: issue 15). */
    void awaitOnPlatform(String bookingId, String status) {
        await().until(() -> jdbc.queryForList("SELECT status FROM booking_link WHERE booking_id = ?", String.class, bookingId)
                .contains(status));
    }

    Parameters invite(String bookingId, Guest... guests) {
        HubGuests.Answer answer = platform.sendGuests(hubFhir(), bookingId, List.of(guests));
        if (answer.status() != 200) {
            throw new AssertionError("hub answered " + answer.status());
        }
        return (Parameters) answer.resource();
    }

    static String status(Parameters p) {
        return p.getParameter("status").getValue().primitiveValue();
    }

    static List<String> guestLinks(Parameters p) {
        return p.getParameter().stream().filter(x -> "guest".equals(x.getName()))
                .map(x -> x.getPart().stream().filter(y -> "link".equals(y.getName())).findFirst().orElseThrow().getValue().primitiveValue())
                .toList();
    }

    static String generalLink(Parameters p) {
        var general = p.getParameter("generalLink");
        return general == null ? null : ((UrlType) general.getValue()).getValue();
    }

    List<ReceivedSms> smsTo(String e164) {
        return smsGateway.received().stream().filter(r -> e164.equals(r.to())).toList();
    }

    static List<MimeMessage> mailTo(String address) {
        return Arrays.stream(mail.getReceivedMessages()).filter(m -> {
            try {
                return Arrays.stream(m.getRecipients(Message.RecipientType.TO)).anyMatch(a -> a.toString().equals(address));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }).toList();
    }

    static String text(MimeMessage m) {
        try {
            return m.getContent().toString();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static String link(String text) {
        Matcher matcher = LINK.matcher(text);
        if (!matcher.find()) {
            throw new AssertionError("no guest link in the text");
        }
        return matcher.group();
    }

    /** The hub's answer for a link: 200 active, 410 revoked, 404 unknown. */
    int linkStatus(String link) throws Exception {
        String token = link.substring(LINK_BASE.length());
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + "/guest-links/" + token)).GET().build(),
                HttpResponse.BodyHandlers.ofString()).statusCode();
    }
}
