package se.vardnav.letter;

/** Identifier and code systems of the letter flow (journal → hub → platform), spelled once. */
public final class LetterFhir {
    private LetterFhir() {}

    /** The journal system's own letter id; {@code Identifier.assigner.display} names the source system (TakeCare, Sectra). */
    public static final String JOURNAL_LETTER_ID = "https://vardnav.se/fhir/NamingSystem/journal-letter-id";
    /** The hub's letter id: the platform's Communication is keyed on it (conditional update), receipts refer to it. */
    public static final String HUB_LETTER_ID = "https://vardnav.se/fhir/NamingSystem/hub-letter-id";
    /** The kind, when the journal system knows it: kallelse | ebrev | remissbekraftelse. */
    public static final String LETTER_KIND = "https://vardnav.se/fhir/CodeSystem/letter-kind";
    /** The document name staff see in the status report and the print list. */
    public static final String EXT_DOCUMENT_NAME = "https://vardnav.se/fhir/StructureDefinition/document-name";
    /** Events about a letter in the platform; {@code read} is the read receipt. */
    public static final String LETTER_EVENT = "https://vardnav.se/fhir/CodeSystem/letter-event";
    public static final String READ = "read";
    /** Control codes of letter templates ([4US:LPAT], ...), the source system of the control-code ConceptMap. */
    public static final String CONTROL_CODE = "https://vardnav.se/fhir/CodeSystem/letter-control-code";
}
