package se.vardnav.console;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;
import se.vardnav.console.deadletter.DeadLetter;
import se.vardnav.console.deadletter.DeadLetterNotFound;
import se.vardnav.console.deadletter.DeadLetterQueues;
import se.vardnav.audit.AccessLog;
import se.vardnav.audit.AuditAction;
import se.vardnav.console.deadletter.DeadLetterAudit;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Dead letters for monitoring staff over JSON: what is in a DLQ and why, and replay of one message to the
 * queue it came from. Payloads are never shown: they carry personal data. The console's page does the same
 * through {@link DeadLetterQueues}, with search across every DLQ.
 */
@RestController
@RequestMapping("/admin/dead-letters")
public class DeadLetterController {
    private final DeadLetterQueues queues;
    private final AccessLog accessLog;

    public DeadLetterController(DeadLetterQueues queues, AccessLog accessLog) {
        this.queues = queues;
        this.accessLog = accessLog;
    }

    @GetMapping("/{queue}")
    public List<Map<String, Object>> list(@PathVariable String queue) {
        requireDeadLetterQueue(queue);
        List<DeadLetter> letters = queues.browse(queue);
        letters.forEach(d -> DeadLetterAudit.record(accessLog, AuditAction.DEAD_LETTER_VIEW, d));
        return letters.stream().map(DeadLetterController::row).toList();
    }

    /** Moves one message back to its origin queue in one transaction: it is never in both, never in neither. */
    @PostMapping("/{queue}/{messageId}/replay")
    public Map<String, Object> replay(@PathVariable String queue, @PathVariable String messageId) {
        requireDeadLetterQueue(queue);
        // logged before the move: the broker's transaction is not the database's, and an attempt is access too
        queues.find(queue, messageId).ifPresent(d -> DeadLetterAudit.record(accessLog, AuditAction.DEAD_LETTER_REPLAY, d));
        try {
            return Map.of("messageId", messageId, "replayedTo", queues.replay(queue, messageId));
        } catch (DeadLetterNotFound e) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND, e.getMessage());
        } catch (IllegalStateException e) {
            throw new ResponseStatusException(e.getMessage() != null && e.getMessage().startsWith("broker")
                    ? HttpStatus.SERVICE_UNAVAILABLE : HttpStatus.CONFLICT, e.getMessage());
        }
    }

    private static Map<String, Object> row(DeadLetter d) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("messageId", d.messageId());
        row.put("bookingId", d.keys().bookingId());
        row.put("letterId", d.keys().letterId());
        row.put("smsKey", d.keys().smsKey());
        row.put("reason", d.reason());
        row.put("origin", d.origin());
        row.put("at", d.deadAt() == null ? null : d.deadAt().toString());
        row.put("attempts", d.attempts());
        return row;
    }

    private static void requireDeadLetterQueue(String queue) {
        if (!DeadLetterQueues.isDeadLetterQueue(queue)) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "only dead-letter queues (DLQ.*) can be browsed here");
        }
    }
}
