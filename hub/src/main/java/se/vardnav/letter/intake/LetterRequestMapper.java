package se.vardnav.letter.intake;

import org.hl7.fhir.r4.model.Appointment;
import org.hl7.fhir.r4.model.Attachment;
import org.hl7.fhir.r4.model.CommunicationRequest;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.StringType;
import se.vardnav.fhir.Fhir;
import se.vardnav.identity.IdentityKind;
import se.vardnav.identity.PatientIdentity;
import se.vardnav.letter.LetterAppointment;
import se.vardnav.document.LetterDocuments;
import se.vardnav.letter.LetterFhir;
import se.vardnav.letter.LetterKind;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads a journal letter from a FHIR CommunicationRequest (the profile is in connectors/journal-letters/README.md).
 * Problems are collected as messages that never quote the content: they go back to the sender and into logs.
 */
public final class LetterRequestMapper {
    public static final long MAX_ATTACHMENT_BYTES = 20L * 1024 * 1024;

    private LetterRequestMapper() {}

    /** The letter, or the problems that make it invalid. */
    public record Result(IncomingLetter letter, List<String> problems) {}

    public static Result read(CommunicationRequest cr) {
        return read(cr, Map.of());
    }

    /**
     * @param staged the attachments' content already streamed from the request body into the document store
     *               ({@link StreamedLetterBody}), by payload position (1-based); their {@code data} is absent
     */
    public static Result read(CommunicationRequest cr, Map<Integer, LetterDocuments.Staged> staged) {
        List<String> problems = new ArrayList<>();
        Identifier id = cr.getIdentifier().stream().filter(i -> LetterFhir.JOURNAL_LETTER_ID.equals(i.getSystem())).findFirst().orElse(null);
        String sourceLetterId = id == null ? null : blankToNull(id.getValue());
        String source = id == null || !id.hasAssigner() ? null : blankToNull(id.getAssigner().getDisplay());
        if (sourceLetterId == null) {
            problems.add("identifier with system " + LetterFhir.JOURNAL_LETTER_ID + " and a value is required");
        }
        if (source == null) {
            problems.add("identifier.assigner.display must name the source system");
        }
        var ext = cr.getExtensionByUrl(LetterFhir.EXT_DOCUMENT_NAME);
        String documentName = ext != null && ext.getValue() instanceof StringType s ? blankToNull(s.getValue()) : null;
        if (documentName == null) {
            problems.add("extension " + LetterFhir.EXT_DOCUMENT_NAME + " (document name) is required");
        } else if (documentName.length() > 255) {
            problems.add("document name longer than 255 characters");
        }
        PatientIdentity patient = patient(cr.getSubject(), problems);
        LetterKind hint = null;
        for (var coding : cr.getCategory().stream().flatMap(c -> c.getCoding().stream()).toList()) {
            if (LetterFhir.LETTER_KIND.equals(coding.getSystem())) {
                try {
                    hint = ControlCodes.kindOfCode(coding.getCode());
                } catch (IllegalArgumentException unknown) {
                    problems.add("category: unknown letter kind code");
                }
            }
        }
        String bookingId = cr.getAbout().stream().filter(r -> r.hasIdentifier() && Fhir.JOURNAL_BOOKING_ID.equals(r.getIdentifier().getSystem()))
                .map(r -> blankToNull(r.getIdentifier().getValue())).filter(v -> v != null).findFirst().orElse(null);
        Appointment contained = appointmentAbout(cr);
        LetterAppointment appointment = contained == null ? null : appointment(contained, problems);
        if (bookingId == null && contained != null) {
            bookingId = contained.getIdentifier().stream().filter(i -> Fhir.JOURNAL_BOOKING_ID.equals(i.getSystem()))
                    .map(i -> blankToNull(i.getValue())).filter(v -> v != null).findFirst().orElse(null);
        }
        Set<String> labels = new LinkedHashSet<>();
        cr.getMeta().getSecurity().forEach(c -> {
            if (Fhir.SECURITY_LABEL.equals(c.getSystem()) || Fhir.JOURNAL_RESTRICTION.equals(c.getSystem())) {
                labels.add(c.getCode());
            }
        });
        String text = null;
        List<IncomingLetter.Attachment> attachments = new ArrayList<>();
        int n = 0;
        for (var payload : cr.getPayload()) {
            n++;
            if (payload.hasContentStringType()) {
                text = text == null ? payload.getContentStringType().getValue() : text + "\n" + payload.getContentStringType().getValue();
            } else if (payload.getContent() instanceof Attachment a) {
                attachment(a, n, staged.get(n), problems).ifPresent(attachments::add);
            } else {
                problems.add("payload " + n + ": only a string or an Attachment is accepted");
            }
        }
        if (text == null && attachments.isEmpty()) {
            problems.add("payload: the letter text or a PDF attachment is required");
        }
        if (!problems.isEmpty()) {
            return new Result(null, problems);
        }
        return new Result(new IncomingLetter(source, sourceLetterId, documentName, hint, patient, bookingId, text, labels, attachments,
                appointment), List.of());
    }

    /** The contained Appointment an {@code about} reference points at ({@code "#id"}), if the journal sent one. */
    static Appointment appointmentAbout(CommunicationRequest cr) {
        for (Reference about : cr.getAbout()) {
            if (about.getResource() instanceof Appointment a) {
                return a; // HAPI links a "#id" reference to its contained resource when parsing
            }
            String ref = about.getReference();
            if (ref != null && ref.startsWith("#")) {
                for (var resource : cr.getContained()) {
                    if (resource instanceof Appointment a && ref.substring(1).equals(a.getIdElement().getIdPart())) {
                        return a;
                    }
                }
            }
        }
        return null;
    }

    /**
     * description → title, start, end, the Location participant's display → location, patientInstruction →
     * description. Title and start are what a mailbox needs to show a booking.
     */
    static LetterAppointment appointment(Appointment a, List<String> problems) {
        String title = blankToNull(a.getDescription());
        if (title == null || !a.hasStart()) {
            problems.add("about: the contained Appointment needs description (its title) and start");
            return null;
        }
        if (title.length() > 255) {
            problems.add("about: Appointment.description longer than 255 characters");
            return null;
        }
        String location = a.getParticipant().stream().map(p -> p.getActor())
                .filter(r -> "Location".equals(r.getType()) || (r.getReference() != null && r.getReference().startsWith("Location")))
                .map(r -> blankToNull(r.getDisplay())).filter(d -> d != null).findFirst().orElse(null);
        String instruction = blankToNull(a.getPatientInstruction());
        return new LetterAppointment(title, a.getStart().toInstant(), a.hasEnd() ? a.getEnd().toInstant() : null,
                location == null || location.length() <= 255 ? location : location.substring(0, 255),
                instruction == null || instruction.length() <= 1000 ? instruction : instruction.substring(0, 1000));
    }

    static PatientIdentity patient(Reference subject, List<String> problems) {
        if (subject == null || !subject.hasIdentifier() || !subject.getIdentifier().hasValue()) {
            problems.add("subject: the patient's identifier is required");
            return null;
        }
        Identifier i = subject.getIdentifier();
        IdentityKind kind = null;
        for (IdentityKind k : IdentityKind.values()) {
            if (k.system().equals(i.getSystem())) {
                kind = k;
            }
        }
        if (kind == null) {
            problems.add("subject.identifier.system must be personnummer, samordningsnummer or nationelltReservnummer");
            return null;
        }
        try {
            return PatientIdentity.classify(i.getValue(), kind.oid());
        } catch (PatientIdentity.InvalidIdentityException e) {
            problems.add("subject: " + e.getMessage()); // the reason never holds the number
            return null;
        }
    }

    private static java.util.Optional<IncomingLetter.Attachment> attachment(Attachment a, int n, LetterDocuments.Staged staged,
                                                                            List<String> problems) {
        if (!"application/pdf".equals(a.getContentType())) {
            problems.add("payload " + n + ": attachments must be application/pdf");
            return java.util.Optional.empty();
        }
        long size = staged != null ? staged.size() : a.hasData() ? a.getData().length : 0;
        if (size == 0) {
            problems.add("payload " + n + ": attachment data (base64) is required; URLs are not fetched");
            return java.util.Optional.empty();
        }
        if (size > MAX_ATTACHMENT_BYTES) {
            problems.add("payload " + n + ": attachment larger than " + MAX_ATTACHMENT_BYTES + " bytes");
            return java.util.Optional.empty();
        }
        String name = a.hasTitle() ? a.getTitle() : "bilaga-" + n + ".pdf";
        return java.util.Optional.of(staged != null ? new IncomingLetter.Attachment(name, a.getContentType(), null, staged)
                : new IncomingLetter.Attachment(name, a.getContentType(), a.getData()));
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
