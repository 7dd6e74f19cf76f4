package se.vardnav.letter.intake;

import ca.uhn.fhir.context.FhirContext;
import org.hl7.fhir.r4.model.ConceptMap;
import se.vardnav.letter.LetterFhir;
import se.vardnav.letter.LetterKind;

import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Decides a letter's kind from the control code in its template footer (ConceptMap in fhir-mapping/).
 * The code must be written exactly, without spaces; a kallelse needs none. A code written with spaces
 * (`[4US: LPAT]`) or a missing code sends the letter to the print list with that reason.
 */
public class ControlCodes {
    /** Anything shaped like a control code, spaces allowed, so a mistyped one can be named. */
    private static final Pattern LOOSE = Pattern.compile("\\[\\s*4US\\s*:\\s*([A-Za-z]+)\\s*]");
    private final Map<String, LetterKind> codes;

    public ControlCodes(Map<String, LetterKind> codes) {
        this.codes = Map.copyOf(codes);
    }

    public static ControlCodes read(FhirContext fhir, InputStream conceptMapJson) {
        ConceptMap map = fhir.newJsonParser().parseResource(ConceptMap.class, conceptMapJson);
        Map<String, LetterKind> codes = new LinkedHashMap<>();
        for (var group : map.getGroup()) {
            if (!LetterFhir.CONTROL_CODE.equals(group.getSource())) {
                continue;
            }
            for (var element : group.getElement()) {
                for (var target : element.getTarget()) {
                    codes.put(element.getCode(), kindOfCode(target.getCode()));
                }
            }
        }
        return new ControlCodes(codes);
    }

    /** The kind and whether it may go out electronically; {@code printReason} says why not. */
    public record Classification(LetterKind kind, String printReason) {
        public boolean electronic() {
            return printReason == null;
        }
    }

    /**
     * @param text       the letter text with its footer
     * @param hint       the kind the journal system gave, or null
     * @param hasBooking the letter refers to a booking (a kallelse when no code says otherwise)
     */
    public Classification classify(String text, LetterKind hint, boolean hasBooking) {
        String body = text == null ? "" : text;
        for (var code : codes.entrySet()) {
            if (body.contains(code.getKey())) {
                return new Classification(code.getValue(), null);
            }
        }
        if (hint == LetterKind.KALLELSE || (hint == null && hasBooking)) {
            return new Classification(LetterKind.KALLELSE, null);
        }
        Matcher loose = LOOSE.matcher(body);
        while (loose.find()) {
            String normalised = "[4US:" + loose.group(1).toUpperCase(Locale.ROOT) + "]";
            LetterKind kind = codes.get(normalised);
            if (kind != null) {
                return new Classification(kind, "control code written with spaces or wrong case; must be exactly " + normalised);
            }
        }
        if (hint != null && hint != LetterKind.OVRIGT) {
            return new Classification(hint, "control code " + codeOf(hint) + " missing in the template footer");
        }
        return new Classification(LetterKind.OVRIGT, "no control code in the template footer");
    }

    /**
     * The text as the patient reads it: every control code (also one written with spaces or in the wrong
     * case) taken out, with the blank lines and spaces it leaves at the end of the footer. The code is the
     * journal's instruction to the hub, not a message to the patient; {@link #found} keeps it as metadata.
     */
    public String patientText(String text) {
        if (text == null) {
            return null;
        }
        String stripped = LOOSE.matcher(text).replaceAll("");
        // the footer line that held only the code goes with it; text before it is kept as it was
        return stripped.replaceAll("(?m)[ \\t]+$", "").replaceAll("\\s+$", "");
    }

    /** The control code(s) the text carries, as written, comma-separated; null when none. */
    public String found(String text) {
        if (text == null) {
            return null;
        }
        Matcher m = LOOSE.matcher(text);
        java.util.LinkedHashSet<String> all = new java.util.LinkedHashSet<>();
        while (m.find()) {
            all.add(m.group());
        }
        return all.isEmpty() ? null : String.join(",", all);
    }

    private String codeOf(LetterKind kind) {
        return codes.entrySet().stream().filter(e -> e.getValue() == kind).map(Map.Entry::getKey).findFirst()
                .orElse(String.valueOf(kind.controlCode()));
    }

    /** ConceptMap target codes are the lower-case kind names (ebrev, remissbekraftelse, kallelse). */
    public static LetterKind kindOfCode(String code) {
        try {
            return LetterKind.valueOf(code.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new IllegalArgumentException("unknown letter kind code '" + code + "'");
        }
    }
}
