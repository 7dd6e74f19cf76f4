package se.vardnav.guest;

/** The hub's FHIR names for guests: one place, so no URL is spelled twice. */
public final class GuestFhir {
    private GuestFhir() {}

    /** {@code POST /fhir/Appointment/$guests}: the platform tells the hub about a booking's guests. */
    public static final String OPERATION = "$guests";
    /** Appointment.participant.type of a guest: interpreter, relative or other. */
    public static final String GUEST_ROLE = "https://vardnav.se/fhir/CodeSystem/guest-role";
    public static final java.util.Set<String> ROLES = java.util.Set.of("interpreter", "relative", "other");
    public static final String DEFAULT_ROLE = "other";
    /** Suggested system for the platform's own guest id (any system is accepted). */
    public static final String PLATFORM_GUEST_ID = "https://vardnav.se/fhir/NamingSystem/platform-guest-id";
}
