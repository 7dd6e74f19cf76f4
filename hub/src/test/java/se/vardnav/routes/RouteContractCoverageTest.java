package se.vardnav.routes;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** Every route file has a route-contract test: a class in this package whose contract names {@code routes/<file>}. */
class RouteContractCoverageTest {
    private static final Path ROUTES = Path.of("routes");
    private static final Path CONTRACTS = Path.of("hub/src/test/java/se/vardnav/routes");

    @Test
    void everyRouteFileIsTheSubjectOfAContractTest() throws IOException {
        String contracts;
        try (Stream<Path> files = Files.list(CONTRACTS)) {
            contracts = files.filter(f -> f.getFileName().toString().endsWith("RoutesTest.java"))
                    .map(RouteContractCoverageTest::read).reduce("", String::concat);
        }
        List<String> routeFiles;
        try (Stream<Path> files = Files.list(ROUTES)) {
            routeFiles = files.map(f -> f.getFileName().toString()).filter(n -> n.endsWith(".yaml")).sorted().toList();
        }
        assertThat(routeFiles).isNotEmpty();
        assertThat(routeFiles).as("route files whose contract no *RoutesTest states")
                .filteredOn(file -> !contracts.contains("routes/" + file)).isEmpty();
    }

    private static String read(Path f) {
        try {
            return Files.readString(f);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
