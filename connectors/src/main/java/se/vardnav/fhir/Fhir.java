package se.vardnav.fhir;

/** Identifier systems, code systems and extension URLs the hub reads and writes: one place, so no URL is spelled twice. */
public final class Fhir {
    private Fhir() {}

    // HL7 Sweden base profiles (docs/architecture.md, "Peer contracts")
    public static final String PERSONNUMMER = "http://electronichealth.se/identifier/personnummer";
    public static final String SAMORDNINGSNUMMER = "http://electronichealth.se/identifier/samordningsnummer";
    public static final String RESERVNUMMER = "http://electronichealth.se/identifier/nationelltReservnummer";
    public static final String HSA_ID = "urn:oid:1.2.752.29.4.19";
    public static final String PERSONNUMMER_OID = "1.2.752.129.2.1.3.1";
    public static final String SAMORDNINGSNUMMER_OID = "1.2.752.129.2.1.3.3";
    public static final String RESERVNUMMER_OID = "1.2.752.74.9.1";
    public static final String HSA_ID_OID = "1.2.752.29.4.19";
    public static final String HSA_ID_OID_INERA = "1.2.752.129.2.1.4.1";

    /** HL7 Sweden SecurityLabel code system: protected identity on the patient. */
    public static final String SECURITY_LABEL = "http://hl7.se/fhir/ig/base/CodeSystem/SecurityLabel";
    public static final String SEKRETESSMARKERING = "sekretessmarkering";
    public static final String SKYDDAD_FOLKBOKFORING = "skyddadFolkbokforing";
    /** Vårdnav's own code for a blocked journal (spärrad journal), which has no national code. */
    public static final String JOURNAL_RESTRICTION = "https://vardnav.se/fhir/CodeSystem/journal-restriction";
    public static final String SPARRAD_JOURNAL = "sparrad-journal";

    /** The hub's key of one notification (SMS or e-mail), on its CommunicationRequest and Communication. */
    public static final String NOTIFICATION_KEY = "https://vardnav.se/fhir/NamingSystem/notification-key";
    /** The journal system's booking id, the business key of every booking event. */
    public static final String JOURNAL_BOOKING_ID = "https://vardnav.se/fhir/NamingSystem/journal-booking-id";
    /** Time types (tidstyp) of the journal system; the ConceptMap in fhir-mapping/ maps them. */
    public static final String JOURNAL_TIME_TYPE = "https://vardnav.se/fhir/CodeSystem/journal-time-type";
    /** What the hub does with a time type: target system of the handling group of the ConceptMap. */
    public static final String BOOKING_HANDLING = "https://vardnav.se/fhir/CodeSystem/booking-handling";
    public static final String APPOINTMENT_TYPE = "http://terminology.hl7.org/CodeSystem/v2-0276";

    /**
     * The video room of an Appointment, shaped like R5's virtualService (channelType, sessionKey).
     * Not the R5 cross-version URL: HAPI 8.6's R4 validator refuses it ("invalid Version '5.0'"),
     * and every Appointment the hub emits must validate.
     */
    public static final String EXT_VIRTUAL_SERVICE = "https://vardnav.se/fhir/StructureDefinition/virtual-service";
    public static final String VIRTUAL_SERVICE_TYPE = "https://vardnav.se/fhir/CodeSystem/virtual-service-type";
    /** The case name (ärendenamn, ≤ 40 characters) of a booking. */
    public static final String EXT_CASE_NAME = "https://vardnav.se/fhir/StructureDefinition/case-name";
    public static final int CASE_NAME_MAX = 40;
    /** The patient's phone (PID-13) on the patient participant, for notifications; never sent to the platform. */
    public static final String EXT_NOTIFICATION_PHONE = "https://vardnav.se/fhir/StructureDefinition/notification-phone";
    /** The journal system's HL7 trigger event (S12…S26) that produced this version. */
    public static final String EXT_TRIGGER_EVENT = "https://vardnav.se/fhir/StructureDefinition/trigger-event";

    /**
     * "Behövs inte": on a platform Communication (valueBoolean true), the sender declined the SMS
     * notification of this message, e.g. a video invitation to a patient already in the chat.
     * R4 Communication has no doNotPerform (CommunicationRequest has), hence an extension.
     */
    public static final String EXT_NOTIFICATION_NOT_NEEDED = "https://vardnav.se/fhir/StructureDefinition/notification-not-needed";

    // Visits (the way back: visit platform -> journal system)
    /** The visit platform's own id of an Encounter: the business key of a visit. */
    public static final String PLATFORM_ENCOUNTER_ID = "https://vardnav.se/fhir/NamingSystem/platform-encounter-id";
    /** Encounter.class of a digital visit. */
    public static final String ACT_CODE = "http://terminology.hl7.org/CodeSystem/v3-ActCode";
    public static final String VIRTUAL = "VR";
    /** The asynchronous phase after a visit ended: days the patient may still write (valueInteger). */
    public static final String EXT_ASYNC_PHASE_DAYS = "https://vardnav.se/fhir/StructureDefinition/async-phase-days";
    /** On a handover participant: the handing-over clinician's message (valueString). */
    public static final String EXT_HANDOVER_MESSAGE = "https://vardnav.se/fhir/StructureDefinition/handover-message";
    /** The visit note as written on the platform, a draft for the journal: sub-extensions status, assessment, text, author. */
    public static final String EXT_VISIT_NOTE = "https://vardnav.se/fhir/StructureDefinition/visit-note";
    /** The patient closed the case (valueBoolean true): no more chat or bookings in it. */
    public static final String EXT_CASE_CLOSED = "https://vardnav.se/fhir/StructureDefinition/case-closed";
    /** ICD-10-SE (Socialstyrelsen), the diagnosis codes of a visit note. */
    public static final String ICD_10_SE = "urn:oid:1.2.752.116.1.1.1.1.3";
    /** Encounter.diagnosis.use for the main and secondary diagnoses. */
    public static final String DIAGNOSIS_ROLE = "http://terminology.hl7.org/CodeSystem/diagnosis-role";
    /** participant.type of the responsible clinician, and of one who took the visit over. */
    public static final String PARTICIPATION_TYPE = "http://terminology.hl7.org/CodeSystem/v3-ParticipationType";
}
