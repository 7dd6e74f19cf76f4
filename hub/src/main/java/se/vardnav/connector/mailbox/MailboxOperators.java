package se.vardnav.connector.mailbox;

import java.util.List;
import java.util.Optional;

/**
 * The mailbox operators the region has configured, by ServiceSupplier id. Each one's letters go
 * through a queue of its own, {@code <vardnav.queue.mailbox-prefix><id>}.
 */
public interface MailboxOperators {

    Optional<MailboxOperator> byId(String operatorId);

    List<String> ids();
}
