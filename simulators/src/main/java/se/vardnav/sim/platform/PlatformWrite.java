package se.vardnav.sim.platform;

import java.time.Instant;

/**
 * One successful write the simulator applied: tests read these to check order and "exactly one effect".
 * @param state what the write left the booking as: its status and start ({@code booked@2027-01-11T08:00:00Z}), so a
 *              test can tell a later event applied before an earlier one
 */
public record PlatformWrite(String bookingId, int status, Instant receivedAt, String state) {
}
