package se.vardnav.sim.journal;

import ca.uhn.hl7v2.model.Message;
import org.junit.jupiter.api.Test;
import se.vardnav.booking.InvalidBookingException;
import se.vardnav.booking.SiuParser;
import se.vardnav.connector.journal.Hl7Acks;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDateTime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class JournalSimulatorTest {
    private final SiuParser parser = new SiuParser();

    /** A minimal MLLP listener standing in for the hub: parses and answers AA, AE or AR. */
    private Thread serve(ServerSocket server) {
        Thread t = new Thread(() -> {
            try (Socket s = server.accept()) {
                while (true) {
                    String in = JournalSimulator.readFrame(s.getInputStream(), StandardCharsets.UTF_8);
                    String ack;
                    try {
                        Message m = parser.parseMessage(in);
                        try {
                            parser.toBooking(m);
                            ack = Hl7Acks.accept(m);
                        } catch (InvalidBookingException e) {
                            ack = Hl7Acks.error(m, e.reason(), e.errorCode());
                        }
                    } catch (Exception e) {
                        ack = Hl7Acks.reject(in, "message cannot be parsed");
                    }
                    s.getOutputStream().write(JournalSimulator.frame(ack, StandardCharsets.UTF_8));
                }
            } catch (IOException done) {
                // client closed
            }
        });
        t.setDaemon(true);
        t.start();
        return t;
    }

    @Test
    void sendsOverMllpAndReturnsTheAck() throws Exception {
        try (ServerSocket server = new ServerSocket(0)) {
            serve(server);
            try (JournalSimulator journal = new JournalSimulator("localhost", server.getLocalPort())) {
                String ok = journal.send(SiuMessages.s12().bookingId("B1").start(LocalDateTime.of(2025, 3, 10, 9, 30))
                        .minutes(20).timeType("VIDEO", "Videobesök").patient("191212121212").caseName("Åsa öppnar").build());
                assertThat(ok).contains("MSA|AA|");
                // same connection, next message
                String ae = journal.send(SiuMessages.s12().start(LocalDateTime.of(2025, 3, 10, 9, 30)).minutes(20)
                        .timeType("VIDEO", null).build());
                assertThat(ae).contains("MSA|AE|").contains("SCH-1: placer appointment id (booking id) missing");
                assertThat(journal.send("garbage")).contains("MSA|AR");
            }
        }
    }

    @Test
    void timesOutWhenNoAckComes() throws Exception {
        try (ServerSocket silent = new ServerSocket(0);
             JournalSimulator journal = new JournalSimulator("localhost", silent.getLocalPort(),
                     Duration.ofMillis(300), StandardCharsets.UTF_8)) {
            assertThatThrownBy(() -> journal.send(SiuMessages.s12().build())).isInstanceOf(IOException.class)
                    .hasMessageContaining("no ACK within 300 ms");
        }
    }

    @Test
    void builderEscapesDelimitersInFreeText() throws Exception {
        String er7 = SiuMessages.s12().bookingId("B1").start(LocalDateTime.of(2025, 3, 10, 9, 30)).minutes(20)
                .timeType("T1", null).comment("a|b^c&d~e").build();
        assertThat(parser.parse(er7).comment()).isEqualTo("a|b^c&d~e");
    }
}
