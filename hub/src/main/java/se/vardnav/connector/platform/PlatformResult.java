package se.vardnav.connector.platform;

/**
 * Outcome of an upsert on the visit platform.
 *
 * @param platformId the platform's logical id of the Appointment, without version
 * @param created    true when the platform created it, false when it updated an existing one
 */
public record PlatformResult(String platformId, boolean created) {
}
