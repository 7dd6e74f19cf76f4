package se.vardnav.booking;

import ca.uhn.fhir.context.FhirContext;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Appointment;
import org.hl7.fhir.r4.model.Appointment.AppointmentParticipantComponent;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import se.vardnav.fhir.Fhir;
import se.vardnav.identity.IdentityKind;
import se.vardnav.identity.PatientIdentity;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Who the patient of a booking event is: the one rule the FHIR intake, the privacy policy and the notices
 * share. A patient is recognised by its identifier's system (personnummer, samordningsnummer,
 * reservnummer; as URI or {@code urn:oid:}), wherever a participant carries it (its actor's identifier or
 * a contained resource the actor refers to) and whatever else the participant says (actor.type,
 * actor.reference, display). Every such identifier is validated. Fails closed: an invalid number, two
 * different persons, a participant marked as the patient without a usable identifier, or a participant
 * that cannot be told apart from a patient (display only, an unknown identifier) means the patient
 * cannot be determined. Problems name the rule, never the number or a name.
 */
public final class AppointmentPatient {
    /** Participants that are not the patient when they carry no person identifier: staff, units, devices, relatives. */
    private static final Set<String> NOT_PATIENT_TYPES = Set.of(
            "Practitioner", "PractitionerRole", "Location", "Device", "HealthcareService", "RelatedPerson");
    private static final Map<String, IdentityKind> PERSON_SYSTEMS = Map.of(
            Fhir.PERSONNUMMER, IdentityKind.PERSONNUMMER,
            Fhir.SAMORDNINGSNUMMER, IdentityKind.SAMORDNINGSNUMMER,
            Fhir.RESERVNUMMER, IdentityKind.RESERVNUMMER,
            "urn:oid:" + Fhir.PERSONNUMMER_OID, IdentityKind.PERSONNUMMER,
            "urn:oid:" + Fhir.SAMORDNINGSNUMMER_OID, IdentityKind.SAMORDNINGSNUMMER,
            "urn:oid:" + Fhir.RESERVNUMMER_OID, IdentityKind.RESERVNUMMER);
    private static final Set<String> RESOURCE_SYSTEMS = Set.of(Fhir.HSA_ID, "urn:oid:" + Fhir.HSA_ID_OID_INERA);

    private AppointmentPatient() {}

    /** The patient and the participant that carries it. */
    public record Patient(PatientIdentity identity, AppointmentParticipantComponent participant) {
        public Identifier identifier() {
            return new Identifier().setSystem(identity.system()).setValue(identity.value());
        }
    }

    /**
     * @param patient  empty for a booking without a patient ("Utan invånare") or when it cannot be determined
     * @param problems why the patient cannot be determined; empty when it can
     */
    public record Result(Optional<Patient> patient, List<String> problems) {
        public boolean determined() {
            return problems.isEmpty();
        }
    }

    public static Result of(Appointment a) {
        List<String> problems = new ArrayList<>();
        Set<PatientIdentity> persons = new LinkedHashSet<>();
        Map<PatientIdentity, AppointmentParticipantComponent> carriers = new java.util.HashMap<>();
        Map<Resource, Boolean> reached = new IdentityHashMap<>();
        List<AppointmentParticipantComponent> participants = a.getParticipant();
        for (int i = 0; i < participants.size(); i++) {
            AppointmentParticipantComponent p = participants.get(i);
            if (!p.hasActor()) {
                continue; // a role without an actor (participant.type only) is nobody in particular
            }
            String where = "Appointment.participant[" + i + "]";
            Reference actor = p.getActor();
            Resource target = resolve(a, actor);
            if (target != null) {
                reached.put(target, true);
            }
            List<Identifier> identifiers = new ArrayList<>();
            if (actor.hasIdentifier()) {
                identifiers.add(actor.getIdentifier());
            }
            identifiers.addAll(identifiersOf(target));
            List<PatientIdentity> found = persons(identifiers, where, problems);
            found.forEach(id -> carriers.putIfAbsent(id, p));
            persons.addAll(found);
            boolean invalidPerson = identifiers.stream().anyMatch(AppointmentPatient::isPersonSystem) && found.isEmpty();
            if (found.isEmpty() && !invalidPerson) {
                if (markedAsPatient(actor, target)) {
                    problems.add(where + " (patient): no identifier with the personnummer, samordningsnummer or reservnummer system");
                } else if (!isResource(actor, target, identifiers)) {
                    problems.add(where + ": cannot tell whether this participant is the patient; give the patient an identifier"
                            + " with the personnummer, samordningsnummer or reservnummer system, others their type");
                }
            }
        }
        for (Resource contained : a.getContained()) {
            if (!reached.containsKey(contained) && !persons(identifiersOf(contained), "Appointment.contained", new ArrayList<>()).isEmpty()) {
                problems.add("Appointment.contained: a person's identifier that no participant refers to");
            }
        }
        if (persons.size() > 1) {
            problems.add("Appointment.participant: more than one person (personnummer, samordningsnummer or reservnummer);"
                    + " a booking has one patient");
        }
        if (!problems.isEmpty() || persons.isEmpty()) {
            return new Result(Optional.empty(), List.copyOf(problems));
        }
        PatientIdentity patient = persons.iterator().next();
        return new Result(Optional.of(new Patient(patient, carriers.get(patient))), List.of());
    }

    /**
     * Rewrites the patient participant the way the SIU intake writes it: {@code actor.type} Patient and the
     * identifier (normalised number, the system's URI) only; no reference, no display, no contained copy
     * (the hub does not carry the patient's name). Only for an event whose patient is determined.
     */
    public static void normalise(Appointment a) {
        Result r = of(a);
        if (!r.determined()) {
            throw new IllegalArgumentException("the patient cannot be determined");
        }
        r.patient().ifPresent(p -> {
            Resource copy = resolve(a, p.participant().getActor());
            if (copy != null) {
                a.getContained().remove(copy);
            }
            p.participant().setActor(new Reference().setType("Patient").setIdentifier(p.identifier()));
        });
    }

    /** A participant that is a scheduled resource (staff, unit, device), safe to show without the patient. */
    public static boolean isResource(AppointmentParticipantComponent p) {
        Reference actor = p.getActor();
        List<Identifier> ids = actor.hasIdentifier() ? List.of(actor.getIdentifier()) : List.of();
        return p.hasActor() && ids.stream().noneMatch(AppointmentPatient::isPersonSystem)
                && !"RelatedPerson".equals(actor.getType()) && isResource(actor, null, ids);
    }

    private static boolean isResource(Reference actor, Resource target, List<Identifier> identifiers) {
        String type = typeOf(actor, target);
        return (type != null && NOT_PATIENT_TYPES.contains(type))
                || identifiers.stream().anyMatch(i -> i.hasSystem() && RESOURCE_SYSTEMS.contains(i.getSystem()));
    }

    private static boolean markedAsPatient(Reference actor, Resource target) {
        return "Patient".equals(typeOf(actor, target));
    }

    /** actor.type, else the type of the contained resource, else the type in a relative reference ("Patient/123"). */
    private static String typeOf(Reference actor, Resource target) {
        if (actor.hasType()) {
            return actor.getType();
        }
        if (target != null) {
            return target.fhirType();
        }
        String ref = actor.getReference();
        if (ref != null && !ref.startsWith("#") && ref.contains("/")) {
            String[] parts = ref.split("/");
            // [base/]Type/id[/_history/v]
            int at = parts.length >= 4 && "_history".equals(parts[parts.length - 2]) ? parts.length - 4 : parts.length - 2;
            return at >= 0 ? parts[at] : null;
        }
        return null;
    }

    private static List<PatientIdentity> persons(List<Identifier> identifiers, String where, List<String> problems) {
        List<PatientIdentity> found = new ArrayList<>();
        for (Identifier id : identifiers) {
            IdentityKind kind = kindOf(id.getSystem());
            if (kind == null) {
                continue;
            }
            try {
                found.add(PatientIdentity.classify(id.getValue(), kind.oid()));
            } catch (PatientIdentity.InvalidIdentityException e) {
                // the reason names the rule that failed, never the number itself
                problems.add(where + " (patient): " + e.getMessage());
            }
        }
        return found;
    }

    private static boolean isPersonSystem(Identifier id) {
        return kindOf(id.getSystem()) != null;
    }

    private static IdentityKind kindOf(String system) {
        if (system == null) {
            return null;
        }
        String s = system.strip();
        IdentityKind kind = PERSON_SYSTEMS.get(s);
        return kind != null ? kind : PERSON_SYSTEMS.get("urn:oid:" + s.toLowerCase(Locale.ROOT).replace("urn:oid:", ""));
    }

    /** The contained resource an actor refers to ("#id"), if any. */
    private static Resource resolve(Appointment a, Reference actor) {
        if (actor.getResource() instanceof Resource r && a.getContained().contains(r)) {
            return r;
        }
        String ref = actor.getReference();
        if (ref == null || !ref.startsWith("#")) {
            return null;
        }
        String id = ref.substring(1);
        return a.getContained().stream()
                .filter(c -> c.hasIdElement() && id.equals(c.getIdElement().getIdPart().replaceFirst("^#", "")))
                .findFirst().orElse(null);
    }

    private static List<Identifier> identifiersOf(IBaseResource resource) {
        FhirContext fhir = FhirContext.forR4Cached();
        if (resource == null || fhir.getResourceDefinition(resource).getChildByName("identifier") == null) {
            return List.of();
        }
        return fhir.newTerser().getValues(resource, "identifier", Identifier.class);
    }
}
