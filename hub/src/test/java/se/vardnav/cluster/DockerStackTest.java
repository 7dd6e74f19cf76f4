package se.vardnav.cluster;

import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Docker stack's files agree with each other and with what several hubs need (README "Running several hubs",
 * docker/README.md "Adding a hub"): every hub has a name and a data volume of its own, shares the letters' volume,
 * the secrets, the database and the broker pair's failover URL; HAProxy and Prometheus know every hub; Docker waits
 * longer than a hub's graceful shutdown before it kills it. No Docker engine needed: the files are read as text.
 */
class DockerStackTest {
    private static final Path DOCKER = Path.of("docker");
    private static final String FAILOVER_URL = "(tcp://artemis-primary:61616,tcp://artemis-backup:61616)?ha=true&reconnectAttempts=-1";

    @SuppressWarnings("unchecked")
    private static Map<String, Map<String, Object>> services() throws IOException {
        Map<String, Object> compose = new Yaml().load(Files.readString(DOCKER.resolve("compose.yaml")));
        return (Map<String, Map<String, Object>>) compose.get("services");
    }

    private static Map<String, Map<String, Object>> hubs() throws IOException {
        return services().entrySet().stream().filter(e -> e.getKey().startsWith("hub-"))
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> env(Map<String, Object> service) {
        return (Map<String, Object>) service.get("environment");
    }

    @SuppressWarnings("unchecked")
    private static List<String> volumes(Map<String, Object> service) {
        return (List<String>) service.get("volumes");
    }

    @Test
    void everyHubHasANameAndDataOfItsOwnAndSharesTheRest() throws IOException {
        Map<String, Map<String, Object>> hubs = hubs();
        assertThat(hubs).containsKeys("hub-a", "hub-b");
        assertThat(hubs.values().stream().map(h -> env(h).get("VARDNAV_CLUSTER_INSTANCE")).distinct()).hasSize(hubs.size());
        assertThat(hubs.values().stream().map(h -> volumes(h).stream().filter(v -> v.endsWith(":/app/data")).findFirst().orElseThrow())
                .distinct()).as("data volumes").hasSize(hubs.size());
        hubs.forEach((name, hub) -> {
            assertThat(env(hub).get("VARDNAV_CLUSTER_INSTANCE")).as(name).isEqualTo(name);
            assertThat(env(hub).get("VARDNAV_BROKER_URL")).as(name).isEqualTo(FAILOVER_URL);
            assertThat(env(hub).get("VARDNAV_BROKER_EMBEDDED")).as(name).isEqualTo("false");
            assertThat(env(hub).get("SPRING_DATASOURCE_URL")).as(name).isEqualTo(env(hubs.get("hub-a")).get("SPRING_DATASOURCE_URL"));
            assertThat(volumes(hub)).as(name).contains("hub-shared:/app/shared", "./secrets:/run/secrets/vardnav:ro");
            assertThat(String.valueOf(env(hub).get("VARDNAV_LETTER_DOCUMENTSDIR"))).as(name).startsWith("/app/shared/");
            assertThat(String.valueOf(env(hub).get("VARDNAV_LETTER_DROPDIR"))).as(name).startsWith("/app/shared/");
        });
    }

    @Test
    void theBrokerPairMountsItsTwoConfigurations() throws IOException {
        assertThat(volumes(services().get("artemis-primary"))).anyMatch(v -> v.startsWith("./artemis/primary.xml:"));
        assertThat(volumes(services().get("artemis-backup"))).anyMatch(v -> v.startsWith("./artemis/backup.xml:"));
    }

    @Test
    void dockerWaitsLongerThanAHubsGracefulShutdown() throws IOException {
        String timeout = String.valueOf(env(hubs().get("hub-a")).get("VARDNAV_SHUTDOWN_TIMEOUT")); // ${VARDNAV_SHUTDOWN_TIMEOUT:-15}
        long seconds = Long.parseLong(timeout.replaceAll(".*:-(\\d+)}$", "$1"));
        hubs().forEach((name, hub) -> assertThat(Duration.parse("PT" + hub.get("stop_grace_period")))
                .as(name + ": two waits of the shutdown timeout and the closing of connections")
                .isGreaterThan(Duration.ofSeconds(2 * seconds + 5)));
    }

    @Test
    void theLoadBalancerAndPrometheusKnowEveryHub() throws IOException {
        String haproxy = Files.readString(DOCKER.resolve("haproxy/haproxy.cfg"));
        String prometheus = Files.readString(DOCKER.resolve("prometheus/prometheus.yml"));
        for (String hub : hubs().keySet()) {
            assertThat(haproxy).as("MLLP backend").contains("server " + hub + " " + hub + ":2575 check port 8080");
            assertThat(haproxy).as("HTTP backend").contains("server " + hub + " " + hub + ":8080 check");
            assertThat(prometheus).contains("\"" + hub + ":8080\"");
        }
    }
}
