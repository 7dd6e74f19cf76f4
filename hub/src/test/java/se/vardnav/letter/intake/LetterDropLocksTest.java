package se.vardnav.letter.intake;

import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;

import javax.sql.DataSource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two file consumers (two hubs) on one folder with the letter drop's read lock on one database: each file is taken
 * by one of them, once. The endpoint options are those of routes/letters-in.yaml.
 */
class LetterDropLocksTest {
    @org.junit.jupiter.api.RepeatedTest(3)
    void twoConsumersOfOneFolderTakeEachFileOnce() throws Exception {
        DataSource ds = new SimpleDriverDataSource(new org.h2.Driver(), "jdbc:h2:mem:drop-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", "sa", "");
        Flyway.configure().dataSource(ds).locations("classpath:db/migration").load().migrate();
        Path dir = Files.createTempDirectory("drop");
        Map<String, AtomicInteger> taken = new ConcurrentHashMap<>();
        List<CamelContext> hubs = List.of(new DefaultCamelContext(), new DefaultCamelContext());
        try {
            for (CamelContext hub : hubs) {
                hub.getRegistry().bind("letterDropLocks", new LetterDropLocks(ds, hub, Duration.ofMinutes(1)));
                hub.addRoutes(new RouteBuilder() {
                    @Override
                    public void configure() {
                        from("file:" + dir + "?antInclude=*.json&move=.done&moveFailed=.error&delay=50&readLock=idempotent"
                                + "&idempotentRepository=#letterDropLocks&idempotentKey=${file:name}-${file:size}-${file:modified}")
                                .process(e -> {
                                    taken.computeIfAbsent(e.getMessage().getHeader("CamelFileName", String.class), k -> new AtomicInteger())
                                            .incrementAndGet();
                                    Thread.sleep(20); // taking a letter takes a moment: the other consumer polls meanwhile
                                });
                    }
                });
                hub.start();
            }
            for (int i = 0; i < 40; i++) {
                Path tmp = dir.resolve(".l" + i + ".tmp");
                Files.writeString(tmp, "{}");
                Files.move(tmp, dir.resolve("l" + i + ".json"), StandardCopyOption.ATOMIC_MOVE);
            }
            await().atMost(Duration.ofSeconds(60)).until(() -> taken.size() == 40 && Files.list(dir).filter(p -> p.toString().endsWith(".json")).count() == 0);
            assertThat(taken.values()).allMatch(n -> n.get() == 1);
            assertThat(dir.resolve(".error")).doesNotExist();
        } finally {
            for (CamelContext hub : hubs) {
                hub.close();
            }
        }
    }
}
