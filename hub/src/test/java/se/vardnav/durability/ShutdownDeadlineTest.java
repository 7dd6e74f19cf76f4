package se.vardnav.durability;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class ShutdownDeadlineTest {
    @Test
    void aShutdownPastItsDeadlineIsHaltedWithItsOwnStatus() throws InterruptedException {
        AtomicInteger halted = new AtomicInteger(-1);
        Thread watch = new ShutdownDeadline(Duration.ofMillis(200), halted::set).watch();
        assertThat(watch.isDaemon()).as("never what keeps the JVM alive").isTrue();
        await().atMost(Duration.ofSeconds(30)).until(() -> halted.get() == ShutdownDeadline.HALTED);
        watch.join(30_000);
        assertThat(watch.isAlive()).isFalse();
    }
}
