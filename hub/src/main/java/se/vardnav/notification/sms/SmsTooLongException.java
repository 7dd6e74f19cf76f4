package se.vardnav.notification.sms;

/** A message needing more SMS segments than allowed. The reason names counts only, never the text. */
public class SmsTooLongException extends Exception {
    private final int segments;
    private final int maxSegments;

    public SmsTooLongException(int segments, int maxSegments) {
        super(segments + " segments, at most " + maxSegments + " allowed");
        this.segments = segments;
        this.maxSegments = maxSegments;
    }

    public String reason() {
        return getMessage();
    }

    public int segments() {
        return segments;
    }

    public int maxSegments() {
        return maxSegments;
    }
}
