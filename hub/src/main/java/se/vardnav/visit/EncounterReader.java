package se.vardnav.visit;

import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.IntegerType;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import se.vardnav.booking.PatientPrivacy;
import se.vardnav.booking.Protection;
import se.vardnav.fhir.Fhir;
import se.vardnav.identity.PatientIdentity;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads an Encounter from the visit platform into a {@link Visit}, or says everything that is wrong with it
 * (readable problems naming the element, never a personal number or a name). The profile is written in
 * connectors/visit-platform/README.md, "Visits".
 */
public final class EncounterReader {
    private static final Map<String, String> PATIENT_OIDS = Map.of(
            Fhir.PERSONNUMMER, Fhir.PERSONNUMMER_OID, Fhir.SAMORDNINGSNUMMER, Fhir.SAMORDNINGSNUMMER_OID,
            Fhir.RESERVNUMMER, Fhir.RESERVNUMMER_OID, "urn:oid:" + Fhir.PERSONNUMMER_OID, Fhir.PERSONNUMMER_OID,
            "urn:oid:" + Fhir.SAMORDNINGSNUMMER_OID, Fhir.SAMORDNINGSNUMMER_OID, "urn:oid:" + Fhir.RESERVNUMMER_OID, Fhir.RESERVNUMMER_OID);
    private static final Set<String> HSA_SYSTEMS = Set.of(Fhir.HSA_ID, "urn:oid:" + Fhir.HSA_ID_OID_INERA);
    /** ICD-10-SE: a letter, two digits, optionally a dot and up to two more characters (J06.9, U07.1, S52.5A). */
    private static final Pattern ICD_10 = Pattern.compile("[A-Z][0-9]{2}(\\.?[0-9A-Z]{1,2})?");
    static final int MAX_ID = 64;
    static final int MAX_TEXT = 20_000;

    private EncounterReader() {}

    public record Result(Visit visit, List<String> problems) {
        public boolean valid() {
            return problems.isEmpty();
        }
    }

    public static Result read(Encounter e) {
        List<String> problems = new ArrayList<>();
        String visitId = e.getIdentifier().stream().filter(i -> Fhir.PLATFORM_ENCOUNTER_ID.equals(i.getSystem()) && i.hasValue())
                .map(Identifier::getValue).findFirst().orElse(null);
        if (visitId == null) {
            problems.add("Encounter.identifier: the platform's visit id with system " + Fhir.PLATFORM_ENCOUNTER_ID + " is required");
        } else if (visitId.length() > MAX_ID || !visitId.matches("[A-Za-z0-9\\-.]+")) {
            problems.add("Encounter.identifier: the visit id must be 1–" + MAX_ID + " characters A–Z, a–z, 0–9, '-' or '.'");
        }
        if (!(Fhir.ACT_CODE.equals(e.getClass_().getSystem()) && Fhir.VIRTUAL.equals(e.getClass_().getCode()))) {
            problems.add("Encounter.class must be " + Fhir.ACT_CODE + "#" + Fhir.VIRTUAL + " (a virtual visit)");
        }
        Visit.Status status = e.hasStatus() ? Visit.Status.of(e.getStatus().toCode()) : null;
        if (status == null) {
            problems.add("Encounter.status must be one of planned, arrived, in-progress, finished, cancelled");
        }
        PatientIdentity patient = patient(e.getSubject(), problems);
        String unit = hsaId(e.getServiceProvider().getIdentifier());
        if (unit == null) {
            problems.add("Encounter.serviceProvider.identifier: the unit's HSA-id (system " + Fhir.HSA_ID + ") is required");
        }
        List<Visit.Clinician> clinicians = clinicians(e, problems);
        Instant start = e.getPeriod().hasStart() ? e.getPeriod().getStart().toInstant() : null;
        Instant end = e.getPeriod().hasEnd() ? e.getPeriod().getEnd().toInstant() : null;
        if (status != null && status.started() && start == null) {
            problems.add("Encounter.period.start is required for status " + status.code());
        }
        if (status == Visit.Status.FINISHED && end == null) {
            problems.add("Encounter.period.end is required for status finished");
        }
        if (start != null && end != null && end.isBefore(start)) {
            problems.add("Encounter.period.end must not be before Encounter.period.start");
        }
        String bookingId = null;
        if (e.hasAppointment()) {
            bookingId = e.getAppointmentFirstRep().getIdentifier().getValue();
            if (!Fhir.JOURNAL_BOOKING_ID.equals(e.getAppointmentFirstRep().getIdentifier().getSystem()) || bookingId == null) {
                problems.add("Encounter.appointment.identifier: the journal booking id with system " + Fhir.JOURNAL_BOOKING_ID + " is required when a booking is named");
            }
        }
        AsyncPhase phase = asyncPhase(e, status, problems);
        Visit.Note note = note(e, problems);
        Extension closed = e.getExtensionByUrl(Fhir.EXT_CASE_CLOSED);
        Set<Protection> flags = EnumSet.noneOf(Protection.class);
        e.getMeta().getSecurity().forEach(c -> PatientPrivacy.protectionOf(c.getSystem(), c.getCode()).ifPresent(flags::add));
        if (!problems.isEmpty()) {
            return new Result(null, List.copyOf(problems));
        }
        boolean caseClosed = closed != null && closed.getValue() != null && "true".equals(closed.getValue().primitiveValue());
        return new Result(new Visit(visitId, status, patient, unit, clinicians, start, end, bookingId, phase, note, caseClosed, flags), List.of());
    }

    private static PatientIdentity patient(Reference subject, List<String> problems) {
        Identifier id = subject.getIdentifier();
        String oid = id.hasSystem() ? PATIENT_OIDS.get(id.getSystem()) : null;
        if (oid == null || !id.hasValue()) {
            problems.add("Encounter.subject.identifier: the patient's personnummer, samordningsnummer or reservnummer (HL7 Sweden systems) is required");
            return null;
        }
        try {
            return PatientIdentity.classify(id.getValue(), oid);
        } catch (PatientIdentity.InvalidIdentityException invalid) {
            problems.add("Encounter.subject.identifier: " + invalid.getMessage());
            return null;
        }
    }

    private static String hsaId(Identifier id) {
        return id != null && HSA_SYSTEMS.contains(id.getSystem()) && id.hasValue() ? id.getValue().strip() : null;
    }

    private static List<Visit.Clinician> clinicians(Encounter e, List<String> problems) {
        List<Visit.Clinician> found = new ArrayList<>();
        for (int n = 0; n < e.getParticipant().size(); n++) {
            Encounter.EncounterParticipantComponent p = e.getParticipant().get(n);
            String hsa = hsaId(p.getIndividual().getIdentifier());
            if (hsa == null) {
                problems.add("Encounter.participant[" + n + "].individual.identifier: the clinician's HSA-id is required");
                continue;
            }
            Extension message = p.getExtensionByUrl(Fhir.EXT_HANDOVER_MESSAGE);
            Instant from = p.getPeriod().hasStart() ? p.getPeriod().getStart().toInstant() : null;
            if (message != null && from == null) {
                problems.add("Encounter.participant[" + n + "].period.start: a handover needs the time it was made");
            }
            found.add(new Visit.Clinician(hsa, from, message == null ? null : message.getValue().primitiveValue()));
        }
        if (found.isEmpty() && problems.stream().noneMatch(s -> s.startsWith("Encounter.participant"))) {
            problems.add("Encounter.participant: the responsible clinician (HSA-id) is required");
        }
        if (found.stream().filter(c -> c.handoverMessage() == null).count() > 1) {
            problems.add("Encounter.participant: only the first clinician may come without a handover message");
        }
        // the first clinician, then handovers in the order they were made
        found.sort(Comparator.comparing((Visit.Clinician c) -> c.handoverMessage() != null)
                .thenComparing(c -> c.from() == null ? Instant.MIN : c.from()));
        return List.copyOf(found);
    }

    private static AsyncPhase asyncPhase(Encounter e, Visit.Status status, List<String> problems) {
        Extension ext = e.getExtensionByUrl(Fhir.EXT_ASYNC_PHASE_DAYS);
        if (ext == null) {
            if (status == Visit.Status.FINISHED) {
                problems.add("Encounter.extension[" + Fhir.EXT_ASYNC_PHASE_DAYS + "]: an ended visit needs its asynchronous phase in days");
            }
            return null;
        }
        if (!(ext.getValue() instanceof IntegerType days) || days.getValue() == null) {
            problems.add("Encounter.extension[" + Fhir.EXT_ASYNC_PHASE_DAYS + "] must be a valueInteger");
            return null;
        }
        String problem = AsyncPhase.problem(days.getValue());
        if (problem != null) {
            problems.add("Encounter.extension[" + Fhir.EXT_ASYNC_PHASE_DAYS + "]: " + problem);
            return null;
        }
        return new AsyncPhase(days.getValue());
    }

    private static Visit.Note note(Encounter e, List<String> problems) {
        Extension ext = e.getExtensionByUrl(Fhir.EXT_VISIT_NOTE);
        if (ext == null) {
            if (e.hasDiagnosis()) {
                problems.add("Encounter.diagnosis: diagnoses belong to a visit note (extension " + Fhir.EXT_VISIT_NOTE + ")");
            }
            return null;
        }
        String author = null;
        Extension a = ext.getExtensionByUrl("author");
        if (a != null && a.getValue() instanceof Identifier id) {
            author = hsaId(id);
        }
        if (author == null) {
            problems.add("Encounter.extension[visit-note].author: the author's HSA-id (valueIdentifier) is required");
        }
        String status = text(ext, "status", problems);
        String assessment = text(ext, "assessment", problems);
        String text = text(ext, "text", problems);
        List<Visit.Diagnosis> main = new ArrayList<>();
        List<Visit.Diagnosis> secondary = new ArrayList<>();
        for (int n = 0; n < e.getDiagnosis().size(); n++) {
            Encounter.DiagnosisComponent d = e.getDiagnosis().get(n);
            Coding code = diagnosisCode(e, d.getCondition());
            if (code == null || !code.hasCode() || !ICD_10.matcher(code.getCode()).matches()) {
                problems.add("Encounter.diagnosis[" + n + "].condition: an ICD-10-SE code (system " + Fhir.ICD_10_SE + ") is required");
                continue;
            }
            Visit.Diagnosis diagnosis = new Visit.Diagnosis(code.getCode(), code.getDisplay());
            (d.hasRank() && d.getRank() == 1 ? main : secondary).add(diagnosis);
        }
        if (main.size() > 1) {
            problems.add("Encounter.diagnosis: at most one main diagnosis (rank 1)");
        }
        if (status == null && assessment == null && text == null && main.isEmpty() && secondary.isEmpty()) {
            problems.add("Encounter.extension[visit-note]: the note is empty");
        }
        return new Visit.Note(status, assessment, text, List.copyOf(main), List.copyOf(secondary), author);
    }

    private static String text(Extension note, String field, List<String> problems) {
        Extension f = note.getExtensionByUrl(field);
        String value = f == null || f.getValue() == null ? null : f.getValue().primitiveValue();
        if (value != null && value.length() > MAX_TEXT) {
            problems.add("Encounter.extension[visit-note]." + field + " is longer than " + MAX_TEXT + " characters");
        }
        return value == null || value.isBlank() ? null : value;
    }

    /** The diagnosis' code: a contained Condition's ICD-10-SE coding, or one on the reference's own concept. */
    private static Coding diagnosisCode(Encounter e, Reference condition) {
        CodeableConcept concept = null;
        if (condition.getResource() instanceof Condition c) {
            concept = c.getCode();
        } else if (condition.hasReference() && condition.getReference().startsWith("#")) {
            String id = condition.getReference().substring(1);
            for (Resource r : e.getContained()) {
                if (r instanceof Condition c && id.equals(r.getIdElement().getIdPart())) {
                    concept = c.getCode();
                }
            }
        }
        if (concept == null) {
            return null;
        }
        return concept.getCoding().stream().filter(c -> Fhir.ICD_10_SE.equals(c.getSystem())).findFirst().orElse(null);
    }
}
