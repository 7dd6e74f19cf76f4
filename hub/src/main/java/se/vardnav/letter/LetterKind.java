package se.vardnav.letter;

import se.vardnav.letter.print.PrintType;

/**
 * What a letter from the journal system is. A kallelse (appointment letter) is tied to a booking
 * and needs no control code; an e-brev and a referral confirmation (e-remissbekräftelse) go out
 * electronically only when their template footer carries the control code, written without spaces.
 */
public enum LetterKind {
    KALLELSE(null, PrintType.KALLELSER_INVANARE),
    EBREV("[4US:LPAT]", PrintType.BREV_INVANARE),
    REMISSBEKRAFTELSE("[4US:RPAT]", PrintType.REMISSBEKRAFTELSER_INVANARE),
    /** A letter whose kind the hub cannot tell: paper only. */
    OVRIGT(null, PrintType.OVRIGA);

    private final String controlCode;
    private final PrintType printType;

    LetterKind(String controlCode, PrintType printType) {
        this.controlCode = controlCode;
        this.printType = printType;
    }

    /** The footer code that lets this kind go out electronically; null when none is needed or none exists. */
    public String controlCode() {
        return controlCode;
    }

    public PrintType printType() {
        return printType;
    }
}
