package se.vardnav.letter.print;

/** The action does not fit the row's state (undo of a row not handled, a letter without a PDF); nothing was done. */
public class PrintItemConflict extends RuntimeException {
    public PrintItemConflict(String message) {
        super(message);
    }
}
