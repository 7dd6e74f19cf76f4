package se.vardnav.letter.print;

import java.util.List;

/** Some of the rows an action named are not on the print list; nothing was done. */
public class PrintItemsNotFound extends RuntimeException {
    private final List<Long> ids;

    public PrintItemsNotFound(List<Long> ids) {
        super((ids.size() == 1 ? "no print list row with id " : "no print list rows with ids ") + ids
                .toString().replaceAll("[\\[\\]]", "") + "; nothing was done");
        this.ids = List.copyOf(ids);
    }

    public List<Long> ids() {
        return ids;
    }
}
