package se.vardnav.guest;

import java.util.List;

/** A guest post that cannot be used, with every problem found; the problems never carry a contact detail or name. */
public class InvalidGuestsException extends RuntimeException {
    private final List<String> problems;

    public InvalidGuestsException(List<String> problems) {
        super(String.join("; ", problems));
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}
