package se.vardnav.sim.journal;

import ca.uhn.hl7v2.model.Message;
import org.junit.jupiter.api.Test;
import se.vardnav.booking.InvalidBookingException;
import se.vardnav.booking.SiuParser;
import se.vardnav.journal.Hl7Acks;

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

    @Test
    void sendsRawBytesFramedOrNotAndSeesTheConnectionClosed() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 50, java.net.InetAddress.getByName("127.0.0.1"));
             JournalSimulator journal = JournalSimulator.from("127.0.0.2", "127.0.0.1", server.getLocalPort())) {
            byte[] latin1 = "MSH|åäö".getBytes(StandardCharsets.ISO_8859_1);
            Thread peer = new Thread(() -> {
                try (Socket s = server.accept()) {
                    assertThat(s.getInetAddress().getHostAddress()).isEqualTo("127.0.0.2");
                    byte[] framed = s.getInputStream().readNBytes(latin1.length + 3);
                    assertThat(framed).isEqualTo(JournalSimulator.frame(latin1));
                    s.getOutputStream().write(JournalSimulator.frame("ACK 1", StandardCharsets.UTF_8));
                    byte[] raw = s.getInputStream().readNBytes(5);
                    assertThat(new String(raw, StandardCharsets.US_ASCII)).isEqualTo("hello");
                    s.getOutputStream().write(JournalSimulator.frame("ACK 2", StandardCharsets.UTF_8));
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
            peer.start();
            assertThat(journal.sendBytes(latin1)).isEqualTo("ACK 1");
            assertThat(journal.closedByHub()).isFalse();
            assertThat(journal.sendUnframed("hello".getBytes(StandardCharsets.US_ASCII))).isEqualTo("ACK 2");
            peer.join();
            assertThat(journal.closedByHub()).as("the peer closed after its answer").isTrue();
        }
    }
}
