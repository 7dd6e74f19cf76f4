package se.vardnav.support;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.slf4j.LoggerFactory;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every log line the hub writes during a test (message and exception message), for the checks that
 * personal data stays out of logs. Register with {@code @RegisterExtension}. Lines of the tests' own
 * peers (GreenMail) are left out: they are not the hub.
 */
public final class CapturedLogs implements BeforeEachCallback, AfterEachCallback {
    private final ListAppender<ILoggingEvent> appender = new ListAppender<>();

    @Override
    public void beforeEach(ExtensionContext context) {
        appender.list.clear();
        appender.start();
        root().addAppender(appender);
    }

    @Override
    public void afterEach(ExtensionContext context) {
        root().detachAppender(appender);
    }

    public List<String> lines() {
        return List.copyOf(appender.list).stream()
                .filter(e -> !e.getLoggerName().startsWith("com.icegreen"))
                .map(e -> e.getFormattedMessage() + (e.getThrowableProxy() == null ? "" : e.getThrowableProxy().getMessage()))
                .toList();
    }

    /** No line contains any of the values (callers check separately that the flow logged at all, where it must). */
    public void assertNoLineContains(String... values) {
        List<String> lines = lines();
        for (String line : lines) {
            assertThat(line).doesNotContain(values);
        }
    }

    private static Logger root() {
        return (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    }
}
