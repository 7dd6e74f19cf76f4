package se.vardnav.sim.sms;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/** Calls the delivery-report URLs back, off the request thread, as a gateway does after the SMSC answers. */
final class DeliveryReporter implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(DeliveryReporter.class);
    /** 46elks retries a report the callback did not take with 200–204; a few short tries keep tests fast. */
    static final int ELKS_ATTEMPTS = 4;
    static final Duration ELKS_FIRST_BACKOFF = Duration.ofMillis(100);
    private static final DateTimeFormatter ELKS_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSS");

    private final ScheduledExecutorService pool = Executors.newScheduledThreadPool(2, r -> {
        Thread t = new Thread(r, "sms-sim-dlr");
        t.setDaemon(true);
        return t;
    });
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2)).build();
    private final AtomicInteger attempts = new AtomicInteger();

    void report(ReceivedSms sms, boolean delivered) {
        if (sms.reportUrl() == null) {
            return;
        }
        Instant at = Instant.now();
        if (sms.protocol() == ReceivedSms.Protocol.ELKS) {
            pool.execute(() -> elks(sms, delivered, at, 1));
        } else {
            pool.execute(() -> kannel(sms, delivered, at));
        }
    }

    /** Callback requests made so far, retries included. */
    int attempts() {
        return attempts.get();
    }

    private void elks(ReceivedSms sms, boolean delivered, Instant at, int attempt) {
        String form = "id=" + enc(sms.id()) + "&status=" + (delivered ? "delivered" : "failed")
                + "&delivered=" + enc(ELKS_TIME.format(at.atOffset(ZoneOffset.UTC)));
        HttpRequest request = HttpRequest.newBuilder(URI.create(sms.reportUrl()))
                .timeout(Duration.ofSeconds(5))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form))
                .build();
        int status = call(request);
        if ((status < 200 || status > 204) && attempt < ELKS_ATTEMPTS && !pool.isShutdown()) {
            long backoff = ELKS_FIRST_BACKOFF.toMillis() << (attempt - 1);
            log.debug("delivery report for {} answered {}, retry {} in {} ms", sms.id(), status, attempt, backoff);
            pool.schedule(() -> elks(sms, delivered, at, attempt + 1), backoff, TimeUnit.MILLISECONDS);
        }
    }

    private void kannel(ReceivedSms sms, boolean delivered, Instant at) {
        String url = substitute(sms, delivered ? 1 : 2, at);
        try {
            call(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5)).GET().build());
        } catch (IllegalArgumentException e) {
            log.warn("dlr-url of {} is not a valid URI once filled in", sms.id());
        }
    }

    /**
     * Kannel's dlr-url escapes, including those that look like percent-encoding ({@code %A}, {@code %C},
     * {@code %F}…), so that a client which does not escape its own '%' breaks here as it would on Kannel.
     */
    static String substitute(ReceivedSms sms, int status, Instant at) {
        String pattern = sms.reportUrl();
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < pattern.length(); i++) {
            char c = pattern.charAt(i);
            if (c != '%' || i + 1 >= pattern.length()) {
                out.append(c);
                continue;
            }
            char code = pattern.charAt(++i);
            switch (code) {
                case 'd' -> out.append(status);
                case 'T' -> out.append(at.getEpochSecond());
                case 'A' -> out.append(enc("id:" + sms.id() + " stat:" + (status == 1 ? "DELIVRD" : "UNDELIV")));
                case 'C' -> out.append(enc(sms.charset() == null ? "" : sms.charset()));
                case 'F' -> out.append(sms.id());
                case 'p' -> out.append(enc(nullToEmpty(sms.from())));
                case 'P' -> out.append(enc(sms.to()));
                case 'B', 'D' -> { } // billing and meta-data: none in the simulator
                case '%' -> out.append('%');
                default -> out.append('%').append(code);
            }
        }
        return out.toString();
    }

    private int call(HttpRequest request) {
        attempts.incrementAndGet();
        try {
            return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        pool.shutdownNow();
    }
}
