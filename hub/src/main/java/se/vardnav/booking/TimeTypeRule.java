package se.vardnav.booking;

import org.hl7.fhir.r4.model.Coding;

/** What the region's ConceptMap says about one time type (tidstyp). */
public record TimeTypeRule(String timeType, Handling handling, Coding appointmentType) {

    /** How the hub treats a booking of this time type. */
    public enum Handling {
        ON_SITE("on-site"), VIDEO("video"), GROUP_VIDEO("group-video"), HIDDEN("hidden");

        public final String code;

        Handling(String code) {
            this.code = code;
        }

        static Handling ofCode(String code) {
            for (Handling h : values()) {
                if (h.code.equals(code)) {
                    return h;
                }
            }
            throw new IllegalArgumentException("unknown booking handling code '" + code + "' in the time type ConceptMap");
        }
    }

    public boolean video() {
        return handling == Handling.VIDEO || handling == Handling.GROUP_VIDEO;
    }
}
