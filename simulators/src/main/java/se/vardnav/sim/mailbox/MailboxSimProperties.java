package se.vardnav.sim.mailbox;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The hub settings ({@code vardnav.mailbox.*}) that point it at running mailbox simulators, for a
 * test's {@code @DynamicPropertySource}: {@code MailboxSimProperties.of(mm, kivra, KIVRA_ID).forEach((k, v) -> r.add(k, () -> v))}.
 * Every operator of the Mina meddelanden simulator becomes a {@code mina-meddelanden} operator,
 * except {@code kivraOperatorId}, which speaks Kivra's REST API to {@code kivra}. The list replaces
 * the operators of application.yml as a whole.
 */
public final class MailboxSimProperties {
    private MailboxSimProperties() {
    }

    /** @param kivra may be null (then every operator is a Mina meddelanden one) */
    public static Map<String, String> of(MinaMeddelandenSimulator mm, KivraSimulator kivra, String kivraOperatorId) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("vardnav.mailbox.recipient-url", mm.recipientUrl());
        int i = 0;
        for (OperatorSimulator op : mm.operators()) {
            String prefix = "vardnav.mailbox.operators[" + i++ + "].";
            p.put(prefix + "id", op.id());
            p.put(prefix + "name", op.name());
            if (kivra != null && op.id().equals(kivraOperatorId)) {
                p.put(prefix + "protocol", "kivra");
                p.put(prefix + "kivra.base-url", kivra.baseUrl());
                p.put(prefix + "kivra.tenant-key", kivra.tenantKey());
                p.put(prefix + "kivra.client-id", kivra.clientId());
                p.put(prefix + "kivra.client-secret", kivra.clientSecret());
                p.put(prefix + "kivra.token-path", KivraSimulator.TOKEN_PATH);
            } else {
                p.put(prefix + "protocol", "mina-meddelanden");
            }
        }
        return p;
    }
}
