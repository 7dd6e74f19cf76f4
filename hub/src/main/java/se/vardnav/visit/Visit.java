package se.vardnav.visit;

import se.vardnav.booking.Protection;
import se.vardnav.identity.PatientIdentity;

import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * One version of a digital visit as the hub understands an Encounter from the visit platform
 * ({@link EncounterReader} makes it; invalid Encounters never become one).
 *
 * @param visitId     the platform's Encounter id (business key)
 * @param bookingId   the journal booking it belongs to; null for a drop-in visit
 * @param clinicians  the responsible clinicians in order: the first took the visit, each later one by a handover
 * @param asyncPhase  null until the visit ended
 * @param note        the draft visit note, null until one is written
 */
public record Visit(String visitId, Status status, PatientIdentity patient, String unitHsaId, List<Clinician> clinicians,
                   Instant start, Instant end, String bookingId, AsyncPhase asyncPhase, Note note, boolean caseClosed,
                   Set<Protection> protections) {

    public enum Status {
        PLANNED("planned"), ARRIVED("arrived"), IN_PROGRESS("in-progress"), FINISHED("finished"), CANCELLED("cancelled");

        private final String code;

        Status(String code) {
            this.code = code;
        }

        public String code() {
            return code;
        }

        public static Status of(String code) {
            for (Status s : values()) {
                if (s.code.equals(code)) {
                    return s;
                }
            }
            return null;
        }

        /** The patient has come: the visit started (the journal's booking becomes Kommit). */
        public boolean started() {
            return this == ARRIVED || this == IN_PROGRESS || this == FINISHED;
        }
    }

    /** A responsible clinician (HSA-id); {@code handoverMessage} is null for the one who took the visit first. */
    public record Clinician(String hsaId, Instant from, String handoverMessage) {}

    /** A diagnosis, ICD-10-SE. */
    public record Diagnosis(String code, String display) {}

    /**
     * The visit note's fields (Status, Bedömning = assessment, free text), its diagnoses (main first) and author.
     */
    public record Note(String status, String assessment, String text, List<Diagnosis> mainDiagnoses,
                       List<Diagnosis> secondaryDiagnoses, String authorHsaId) {}

    /** The clinician responsible now (the last handover's receiver). */
    public Clinician responsible() {
        return clinicians.get(clinicians.size() - 1);
    }

    public int handovers() {
        return clinicians.size() - 1;
    }
}
