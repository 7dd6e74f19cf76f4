package se.vardnav.sim.platform;

import java.time.Instant;

/** One successful write the simulator applied: tests read these to check order and "exactly one effect". */
public record PlatformWrite(String bookingId, int status, Instant receivedAt) {
}
