package se.vardnav.connector.mailbox;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The operators from vardnav.mailbox.operators, by ServiceSupplier id, in configuration order. */
public final class ConfiguredMailboxOperators implements MailboxOperators, AutoCloseable {
    private final Map<String, MailboxOperator> byId = new LinkedHashMap<>();

    public ConfiguredMailboxOperators(List<MailboxOperator> operators) {
        for (MailboxOperator operator : operators) {
            if (byId.putIfAbsent(operator.id(), operator) != null) {
                throw new IllegalArgumentException("mailbox operator " + operator.id() + " configured twice");
            }
        }
    }

    @Override
    public Optional<MailboxOperator> byId(String operatorId) {
        return Optional.ofNullable(operatorId == null ? null : byId.get(operatorId));
    }

    @Override
    public List<String> ids() {
        return List.copyOf(byId.keySet());
    }

    @Override
    public void close() throws Exception {
        for (MailboxOperator operator : byId.values()) {
            if (operator instanceof AutoCloseable closeable) {
                closeable.close();
            }
        }
    }
}
