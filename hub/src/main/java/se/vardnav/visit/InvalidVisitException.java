package se.vardnav.visit;

/** A visit event the hub cannot take: the reason names the element and rule, never personal data. */
public class InvalidVisitException extends Exception {
    public InvalidVisitException(String reason) {
        super(reason);
    }
}
