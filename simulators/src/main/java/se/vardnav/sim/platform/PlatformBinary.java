package se.vardnav.sim.platform;

/** A Binary the simulated platform stored: id, content type, size, SHA-256 of the content, security context (a reference, or null). */
public record PlatformBinary(String id, String contentType, long size, String sha256, String securityContext) {
}
