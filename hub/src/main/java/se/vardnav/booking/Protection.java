package se.vardnav.booking;

/** Privacy flags on a booking's patient; any of them stops the booking from reaching the visit platform. */
public enum Protection {
    /** PD1-12 = Y or PD1-11 = SEK. */
    SEKRETESSMARKERING,
    /** PD1-11 = SKF: skyddad folkbokföring (protected population record). */
    SKYDDAD_FOLKBOKFORING,
    /** PD1-11 = SPJ: spärrad journal (blocked journal). */
    SPARRAD_JOURNAL
}
