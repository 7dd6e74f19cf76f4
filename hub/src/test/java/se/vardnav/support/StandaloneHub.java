package se.vardnav.support;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import se.vardnav.VardnavApplication;

import java.io.IOException;
import java.net.Socket;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.UnaryOperator;

import static org.awaitility.Awaitility.await;

/**
 * A hub started outside the Spring test framework, on a data directory (broker journal, H2 file) that
 * a later start reuses: for tests that restart the hub. Returns once MLLP accepts connections.
 */
public final class StandaloneHub {
    private StandaloneHub() {
    }

    /**
     * @param peers     properties naming the simulators (platform, register, SMS gateway URLs, ...)
     * @param customise adds to the application before it runs (e.g. a settable clock bean)
     */
    public static ConfigurableApplicationContext start(Path data, int brokerPort, int mllpPort, Map<String, Object> peers,
                                                       UnaryOperator<SpringApplicationBuilder> customise) {
        Map<String, Object> props = new LinkedHashMap<>();
        props.put("vardnav.data-dir", data.toString());
        props.put("vardnav.broker.acceptor", "tcp://127.0.0.1:" + brokerPort);
        props.put("vardnav.broker.url", "tcp://127.0.0.1:" + brokerPort);
        props.put("vardnav.journal.mllp.port", mllpPort);
        props.put("vardnav.retry.initial-delay", 100);
        props.put("vardnav.retry.max-delay", 500);
        props.put("spring.datasource.url", "jdbc:h2:file:" + data.resolve("db"));
        props.put("server.port", 0);
        props.putAll(peers);
        // as arguments: SpringApplicationBuilder.properties() would rank below application.yml
        String[] args = props.entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue()).toArray(String[]::new);
        ConfigurableApplicationContext hub = customise.apply(new SpringApplicationBuilder(VardnavApplication.class)).run(args);
        // camel-mllp binds its server socket on a thread of its own, just after start-up
        await().until(() -> {
            try (Socket s = new Socket("127.0.0.1", mllpPort)) {
                return true;
            } catch (IOException notYet) {
                return false;
            }
        });
        return hub;
    }
}
