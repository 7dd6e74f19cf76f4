package se.vardnav.http;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.server.exceptions.PayloadTooLargeException;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import org.hl7.fhir.r4.model.OperationOutcome;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.Charset;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Refuses a request body over its endpoint's limit ({@link BodyLimits}) with 413, stating the limit: an
 * OperationOutcome (issue {@code too-long}) under {@code /fhir}, problem JSON elsewhere. A declared
 * Content-Length is checked before anything is read. A chunked body is counted as it is read: under
 * {@code /fhir} a stream that throws HAPI's PayloadTooLargeException at the limit (HAPI answers it, and so does
 * this filter when it comes from the letter filter before HAPI; letters are never held in memory), elsewhere
 * it is read into memory up to the (small) limit first.
 */
public class BodyLimitFilter implements Filter {
    private final BodyLimits limits;
    private final FhirContext fhir;

    public BodyLimitFilter(BodyLimits limits, FhirContext fhir) {
        this.limits = limits;
        this.fhir = fhir;
    }

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain) throws IOException, ServletException {
        if (!(request instanceof HttpServletRequest http) || !(response instanceof HttpServletResponse out)) {
            chain.doFilter(request, response);
            return;
        }
        BodyLimits.Limit limit = limits.forPath(http.getRequestURI().substring(http.getContextPath().length()));
        long declared = http.getContentLengthLong();
        if (declared > limit.bytes()) {
            refuse(out, limit, limit.reason(declared));
            return;
        }
        if (declared >= 0 || !hasBody(http)) {
            chain.doFilter(request, response); // the container never reads past a declared length
            return;
        }
        if (!limit.fhir()) {
            byte[] body = readUpTo(http.getInputStream(), limit.bytes());
            if (body == null) {
                refuse(out, limit, limit.reason(-1));
                return;
            }
            chain.doFilter(new BufferedBody(http, body), response);
            return;
        }
        try {
            chain.doFilter(new CountedBody(http, limit), response);
        } catch (PayloadTooLargeException tooLarge) {
            if (out.isCommitted()) {
                throw tooLarge;
            }
            out.reset();
            refuse(out, limit, limit.reason(-1));
        }
    }

    private static boolean hasBody(HttpServletRequest http) {
        return http.getHeader("Transfer-Encoding") != null;
    }

    private void refuse(HttpServletResponse out, BodyLimits.Limit limit, String reason) throws IOException {
        out.setStatus(HttpServletResponse.SC_REQUEST_ENTITY_TOO_LARGE);
        out.setHeader("Connection", "close"); // the unread rest of the body is not worth keeping the connection for
        byte[] body;
        if (limit.fhir()) {
            OperationOutcome outcome = new OperationOutcome();
            outcome.addIssue().setSeverity(OperationOutcome.IssueSeverity.ERROR).setCode(OperationOutcome.IssueType.TOOLONG)
                    .setDiagnostics(reason);
            out.setContentType("application/fhir+json;charset=UTF-8");
            body = fhir.newJsonParser().encodeResourceToString(outcome).getBytes(StandardCharsets.UTF_8);
        } else {
            out.setContentType("application/problem+json");
            body = ("{\"type\":\"about:blank\",\"title\":\"Payload Too Large\",\"status\":413,\"detail\":\""
                    + reason.replace("\"", "'") + "\"}").getBytes(StandardCharsets.UTF_8);
        }
        out.setContentLength(body.length);
        out.getOutputStream().write(body);
        out.flushBuffer();
    }

    /** The body if it has at most max bytes, else null (having read max + 1). */
    static byte[] readUpTo(InputStream in, long max) throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        byte[] chunk = new byte[8192];
        long total = 0;
        for (int n; (n = in.read(chunk)) >= 0; ) {
            total += n;
            if (total > max) {
                return null;
            }
            body.write(chunk, 0, n);
        }
        return body.toByteArray();
    }

    /** A chunked body that fails at the limit as it is read. */
    private static final class CountedBody extends HttpServletRequestWrapper {
        private final BodyLimits.Limit limit;
        private ServletInputStream stream;

        CountedBody(HttpServletRequest request, BodyLimits.Limit limit) {
            super(request);
            this.limit = limit;
        }

        @Override
        public synchronized ServletInputStream getInputStream() throws IOException {
            if (stream == null) {
                ServletInputStream in = super.getInputStream();
                stream = new ServletInputStream() {
                    private long read;

                    @Override
                    public int read() throws IOException {
                        int b = in.read();
                        count(b < 0 ? 0 : 1);
                        return b;
                    }

                    @Override
                    public int read(byte[] b, int off, int len) throws IOException {
                        int n = in.read(b, off, len);
                        count(Math.max(n, 0));
                        return n;
                    }

                    private void count(int n) {
                        read += n;
                        if (read > limit.bytes()) {
                            throw new PayloadTooLargeException(limit.reason(-1));
                        }
                    }

                    @Override
                    public boolean isFinished() {
                        return in.isFinished();
                    }

                    @Override
                    public boolean isReady() {
                        return in.isReady();
                    }

                    @Override
                    public void setReadListener(ReadListener listener) {
                        in.setReadListener(listener);
                    }
                };
            }
            return stream;
        }

        @Override
        public BufferedReader getReader() throws IOException {
            String enc = getCharacterEncoding();
            return new BufferedReader(new InputStreamReader(getInputStream(), enc == null ? StandardCharsets.UTF_8 : Charset.forName(enc)));
        }
    }

    /** A small chunked body, read already; a form's parameters come from it (the container can no longer read it). */
    private static final class BufferedBody extends ReplayedBody {
        private Map<String, String[]> parameters;

        BufferedBody(HttpServletRequest request, byte[] body) {
            super(request, body);
        }

        @Override
        public synchronized Map<String, String[]> getParameterMap() {
            if (parameters == null) {
                Map<String, List<String>> all = new LinkedHashMap<>();
                super.getParameterMap().forEach((k, v) -> all.computeIfAbsent(k, x -> new ArrayList<>()).addAll(List.of(v)));
                String type = getContentType();
                if (type != null && type.toLowerCase(Locale.ROOT).startsWith("application/x-www-form-urlencoded")) {
                    for (String pair : new String(body(), StandardCharsets.ISO_8859_1).split("&")) {
                        if (!pair.isEmpty()) {
                            int eq = pair.indexOf('=');
                            String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
                            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
                            all.computeIfAbsent(name, x -> new ArrayList<>()).add(value);
                        }
                    }
                }
                Map<String, String[]> map = new LinkedHashMap<>();
                all.forEach((k, v) -> map.put(k, v.toArray(String[]::new)));
                parameters = Collections.unmodifiableMap(map);
            }
            return parameters;
        }

        @Override
        public String getParameter(String name) {
            String[] values = getParameterMap().get(name);
            return values == null || values.length == 0 ? null : values[0];
        }

        @Override
        public Enumeration<String> getParameterNames() {
            return Collections.enumeration(getParameterMap().keySet());
        }

        @Override
        public String[] getParameterValues(String name) {
            return getParameterMap().get(name);
        }
    }
}
