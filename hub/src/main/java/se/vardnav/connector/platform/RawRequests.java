package se.vardnav.connector.platform;

import ca.uhn.fhir.context.FhirContext;
import org.apache.http.NoHttpResponseException;
import org.apache.http.client.HttpClient;
import org.apache.http.client.config.RequestConfig;
import org.apache.http.client.methods.HttpPut;
import org.apache.http.conn.ConnectTimeoutException;
import org.apache.http.entity.AbstractHttpEntity;
import org.apache.http.util.EntityUtils;
import org.hl7.fhir.r4.model.OperationOutcome;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;

/**
 * Requests whose body the caller streams (a PDF from the document store), sent with Apache HttpClient directly:
 * HAPI's client would encode a Binary as base64 JSON in memory. Each gets a timeout for its size, and a deadline
 * after which it is aborted, because a socket timeout only bounds each read, not an upload the server stopped reading.
 */
final class RawRequests implements AutoCloseable {
    private static final double MEGABYTE = 1024 * 1024;
    private final String baseUrl;
    private final HttpClient http;
    private final FhirContext ctx;
    private final Duration socketTimeout;
    private final Duration connectTimeout;
    private final Duration perMegabyte;
    private final PlatformTokens tokens;
    private final ScheduledExecutorService deadlines = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "platform-deadlines");
        t.setDaemon(true);
        return t;
    });

    RawRequests(String baseUrl, HttpClient http, FhirContext ctx, Duration socketTimeout, Duration connectTimeout, Duration perMegabyte,
                PlatformTokens tokens) {
        this.tokens = tokens;
        this.baseUrl = baseUrl;
        this.http = http;
        this.ctx = ctx;
        this.socketTimeout = socketTimeout;
        this.connectTimeout = connectTimeout;
        this.perMegabyte = perMegabyte;
    }

    Duration timeoutFor(long bytes) {
        return socketTimeout.plusMillis((long) Math.ceil(perMegabyte.toMillis() * (Math.max(0, bytes) / MEGABYTE)));
    }

    /** PUT of a raw body of known length; true when the server answered 201 (created). */
    boolean put(String path, String contentType, long size, String securityContext, PlatformClient.BodyWriter body) {
        HttpPut put = new HttpPut(baseUrl + path);
        put.setHeader("Content-Type", contentType);
        put.setHeader("Accept", "application/fhir+json");
        put.setHeader("Prefer", "return=minimal");
        if (securityContext != null) {
            put.setHeader("X-Security-Context", securityContext);
        }
        String token = tokens.forRequest();
        if (token != null) {
            put.setHeader("Authorization", "Bearer " + token);
        }
        put.setEntity(new WrittenEntity(size, body));
        Duration timeout = timeoutFor(size);
        int connect = Math.toIntExact(connectTimeout.toMillis());
        put.setConfig(RequestConfig.custom().setSocketTimeout(Math.toIntExact(timeout.toMillis()))
                .setConnectTimeout(connect).setConnectionRequestTimeout(connect).build());
        AtomicBoolean late = new AtomicBoolean();
        ScheduledFuture<?> deadline = deadlines.schedule(() -> {
            late.set(true);
            put.abort();
        }, connectTimeout.plus(timeout).toMillis(), TimeUnit.MILLISECONDS);
        try {
            return http.execute(put, response -> {
                int status = response.getStatusLine().getStatusCode();
                String answer = response.getEntity() == null ? "" : EntityUtils.toString(response.getEntity(), StandardCharsets.UTF_8);
                if (status / 100 == 2) {
                    return status == 201;
                }
                String diagnostics = outcomeOf(answer);
                throw byStatus(status, "platform answered HTTP " + status + (diagnostics.isEmpty() ? "" : ": " + diagnostics));
            });
        } catch (IOException e) {
            throw noAnswerFrom(e, late.get());
        } finally {
            deadline.cancel(false);
        }
    }

    /** The OperationOutcome's diagnostics, without the rest of the answer (which may echo the content). */
    private String outcomeOf(String body) {
        if (body.isBlank()) {
            return "";
        }
        try {
            var outcome = ctx.newJsonParser().parseResource(OperationOutcome.class, body);
            return outcome.getIssue().stream().map(OperationOutcome.OperationOutcomeIssueComponent::getDiagnostics)
                    .filter(d -> d != null && !d.isBlank()).collect(Collectors.joining("; "));
        } catch (RuntimeException notAnOutcome) {
            return "";
        }
    }

    static RuntimeException byStatus(int status, String message) {
        if (status >= 500 || status == 408 || status == 429) {
            return new PlatformTransientException(message, status, null);
        }
        if (status >= 400) {
            return new PlatformRejectedException(message, status, null);
        }
        return new PlatformTransientException(message, status, null);
    }

    /**
     * No answer: refused or unreachable (the platform is down), or connected and silent until the timeout or the
     * deadline ({@link PlatformTransientException#noAnswer()}: the request may have been too much for the time).
     */
    static PlatformTransientException noAnswerFrom(Throwable failure, boolean pastDeadline) {
        IOException deepest = null;
        boolean unreachable = false;
        boolean timedOut = false;
        for (Throwable c = failure; c != null && c.getCause() != c; c = c.getCause()) {
            if (c instanceof ConnectException || c instanceof ConnectTimeoutException || c instanceof NoHttpResponseException) {
                unreachable = true;
            }
            if (c instanceof SocketTimeoutException) {
                timedOut = true;
            }
            if (c instanceof IOException io) {
                deepest = io; // the deepest one names the real reason (refused, timed out)
            }
        }
        boolean noAnswer = pastDeadline || (timedOut && !unreachable);
        String what = pastDeadline ? "no answer before the deadline for its size"
                : deepest == null ? "connection failure" : deepest.getClass().getSimpleName();
        return new PlatformTransientException("no answer from platform: " + what, 0, noAnswer, deepest);
    }

    @Override
    public void close() {
        deadlines.shutdownNow();
    }

    /** A body the caller writes; repeatable, since the writer can write it again. */
    private static final class WrittenEntity extends AbstractHttpEntity {
        private final long length;
        private final PlatformClient.BodyWriter writer;

        WrittenEntity(long length, PlatformClient.BodyWriter writer) {
            this.length = length;
            this.writer = writer;
            setChunked(length < 0);
        }

        @Override
        public boolean isRepeatable() {
            return true;
        }

        @Override
        public long getContentLength() {
            return length;
        }

        @Override
        public InputStream getContent() {
            throw new UnsupportedOperationException("written, not read");
        }

        @Override
        public void writeTo(OutputStream out) throws IOException {
            writer.writeTo(out);
        }

        @Override
        public boolean isStreaming() {
            return false;
        }
    }
}
