package se.vardnav.demo;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import se.vardnav.identity.Personnummer;
import se.vardnav.sim.journal.JournalSimulator;
import se.vardnav.sim.journal.SiuMessages;
import se.vardnav.sim.platform.PlatformSimulator;
import se.vardnav.sim.register.RegisterSimulator;

import java.time.LocalDate;
import java.time.LocalDateTime;

/** A small stream of sample bookings for the demo: a video visit, a protected patient, a cancel. */
class SampleBookings {
    private static final Logger log = LoggerFactory.getLogger(SampleBookings.class);
    private final PlatformSimulator platform;
    private final RegisterSimulator register;
    private final int mllpPort;

    SampleBookings(PlatformSimulator platform, RegisterSimulator register, int mllpPort) {
        this.platform = platform;
        this.register = register;
        this.mllpPort = mllpPort;
    }

    void startInBackground() {
        Thread t = new Thread(this::run, "demo-journal");
        t.setDaemon(true);
        t.start();
    }

    private void run() {
        String anna = person("850312", "234");
        String hidden = person("900101", "345");
        register.markProtected(hidden);
        LocalDateTime tomorrow = LocalDate.now().plusDays(1).atTime(9, 0);
        LocalDateTime now = LocalDateTime.now(se.vardnav.booking.Hl7Time.JOURNAL_ZONE);
        try (JournalSimulator journal = new JournalSimulator("127.0.0.1", mllpPort)) {
            send(journal, "new video booking DEMO-1", SiuMessages.s12().bookingId("DEMO-1").messageTime(now)
                    .start(tomorrow).minutes(20).timeType("VIDEO", "Videobesök").patient(anna).patientMobile("070-123 45 67")
                    .staff("SE2321000016-1234", "Lind").unit("SE2321000016-A1B2").caseName("Uppföljning"));
            send(journal, "booking DEMO-2 of a patient with protected identity", SiuMessages.s12().bookingId("DEMO-2").messageTime(now)
                    .start(tomorrow.plusHours(1)).minutes(20).timeType("VIDEO", "Videobesök").patient(hidden)
                    .staff("SE2321000016-1234", "Lind"));
            send(journal, "new booking DEMO-3", SiuMessages.s12().bookingId("DEMO-3").messageTime(now)
                    .start(tomorrow.plusHours(2)).minutes(30).timeType("BESOK", "Mottagningsbesök").patient(anna)
                    .staff("SE2321000016-1234", "Lind"));
            send(journal, "cancel of DEMO-3", SiuMessages.s15().bookingId("DEMO-3").messageTime(now.plusSeconds(1))
                    .start(tomorrow.plusHours(2)).minutes(30).timeType("BESOK", "Mottagningsbesök").patient(anna)
                    .staff("SE2321000016-1234", "Lind"));
            log.info("Demo: sample bookings sent; the platform simulator at {} holds what arrived (GET {}/Appointment with a "
                            + "bearer token: curl -u {}:{} -d grant_type=client_credentials {})",
                    platform.baseUrl(), platform.baseUrl(), PlatformSimulator.DEMO_CLIENT_ID, PlatformSimulator.DEMO_CLIENT_SECRET,
                    platform.tokenUrl());
        } catch (Exception e) {
            log.warn("Demo: sample bookings could not be sent: {}", e.toString());
        }
    }

    private static void send(JournalSimulator journal, String what, SiuMessages message) throws Exception {
        String ack = journal.send(message.build());
        log.info("Demo journal system sent {}: {}", what, ack.contains("MSA|AA") ? "ACK AA" : "negative ACK");
    }

    private static String person(String yymmdd, String serial) {
        String nine = yymmdd + serial;
        return "19" + nine + Personnummer.luhn(nine);
    }
}
