package se.vardnav.console.deadletter;

/** No such message in that dead-letter queue (replayed or discarded meanwhile). */
public class DeadLetterNotFound extends RuntimeException {
    public DeadLetterNotFound(String queue, String messageId) {
        super("no message " + messageId + " in " + queue);
    }
}
