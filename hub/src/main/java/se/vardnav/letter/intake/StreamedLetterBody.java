package se.vardnav.letter.intake;

import com.fasterxml.jackson.core.Base64Variant;
import com.fasterxml.jackson.core.Base64Variants;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.JsonToken;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import ca.uhn.fhir.context.FhirContext;
import org.hl7.fhir.r4.model.OperationOutcome;
import se.vardnav.document.LetterDocuments;
import se.vardnav.http.ReplayedBody;

import java.io.ByteArrayOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Streams the PDFs of a JSON {@code POST /fhir/CommunicationRequest} straight from the request body into the
 * document store's staging area, so the hub never holds a letter's PDF (nor its base64 text) in memory: a
 * Jackson streaming parse copies the resource to a small body without {@code payload[n].contentAttachment.data},
 * decoding each such value into a staged file on the way. HAPI then handles that small body as before (the
 * same validation, 201/200/422 and OperationOutcome); {@link LetterRequestProvider} picks the staged content up
 * from the request ({@link #STAGED}) and {@link LetterIntake} stores it only when it accepts the letter.
 * Anything else (XML, a compressed body, another charset) goes to HAPI untouched.
 */
public class StreamedLetterBody implements Filter {
    /** Request attribute: {@code Map<Integer, LetterDocuments.Staged>}, by payload position (1-based). */
    public static final String STAGED = StreamedLetterBody.class.getName() + ".staged";
    private static final JsonFactory JSON = new JsonFactory();
    /** FHIR base64Binary as senders write it: standard alphabet, padding usually but not always there. */
    private static final Base64Variant BASE64 = Base64Variants.MIME_NO_LINEFEEDS
            .withReadPadding(Base64Variant.PaddingReadBehaviour.PADDING_ALLOWED);

    private final FhirContext fhir;
    private final LetterDocuments documents;
    private final long maxBytes;

    public StreamedLetterBody(FhirContext fhir, LetterDocuments documents, long maxBytes) {
        this.fhir = fhir;
        this.documents = documents;
        this.maxBytes = maxBytes;
    }

    /** A body that is not JSON, or an attachment whose data is not base64: the sender is told which. */
    static final class MalformedBody extends Exception {
        MalformedBody(String reason) {
            super(reason);
        }
    }

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain) throws IOException, ServletException {
        if (!(request instanceof HttpServletRequest http) || !applies(http)) {
            chain.doFilter(request, response);
            return;
        }
        Map<Integer, LetterDocuments.Staged> staged = new HashMap<>();
        try {
            byte[] slim = slim(http.getInputStream(), staged);
            http.setAttribute(STAGED, Collections.unmodifiableMap(staged));
            chain.doFilter(new ReplayedBody(http, slim), response); // HAPI reads the small body instead of the original
        } catch (MalformedBody malformed) {
            refuse((HttpServletResponse) response, malformed.getMessage());
        } finally {
            staged.values().forEach(documents::discard); // the accepted ones were moved into the store already
        }
    }

    static boolean applies(HttpServletRequest http) {
        if (!"POST".equals(http.getMethod())) {
            return false;
        }
        String type = http.getContentType() == null ? "" : http.getContentType().toLowerCase(Locale.ROOT);
        String encoding = http.getHeader("Content-Encoding");
        String charset = http.getCharacterEncoding();
        return (type.startsWith("application/fhir+json") || type.startsWith("application/json") || type.startsWith("application/json+fhir"))
                && (encoding == null || encoding.isBlank() || "identity".equalsIgnoreCase(encoding.strip()))
                && (charset == null || "UTF-8".equalsIgnoreCase(charset));
    }

    /** 400 with an OperationOutcome, as HAPI answers a body it cannot parse, but saying what is wrong. */
    private void refuse(HttpServletResponse response, String reason) throws IOException {
        OperationOutcome outcome = new OperationOutcome();
        outcome.addIssue().setSeverity(OperationOutcome.IssueSeverity.ERROR).setCode(OperationOutcome.IssueType.STRUCTURE)
                .setDiagnostics(reason);
        response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
        response.setContentType("application/fhir+json;charset=UTF-8");
        response.getOutputStream().write(fhir.newJsonParser().encodeResourceToString(outcome).getBytes(StandardCharsets.UTF_8));
    }

    /** The resource without the attachments' data, which is staged on the way. */
    byte[] slim(InputStream body, Map<Integer, LetterDocuments.Staged> staged) throws IOException, MalformedBody {
        ByteArrayOutputStream out = new ByteArrayOutputStream(4096);
        try (JsonParser p = JSON.createParser(body); JsonGenerator g = JSON.createGenerator(out)) {
            try {
                for (JsonToken t = p.nextToken(); t != null; t = p.nextToken()) {
                    int position = t == JsonToken.FIELD_NAME && "data".equals(p.currentName()) ? payloadPosition(p.getParsingContext()) : -1;
                    if (position < 0) {
                        g.copyCurrentEventExact(p);
                    } else if (p.nextToken() == JsonToken.VALUE_STRING) {
                        try {
                            discardOld(staged.put(position, documents.stage(o -> p.readBinaryValue(BASE64, new Limited(o, maxBytes)))));
                        } catch (IllegalArgumentException bad) { // how Jackson reports a character outside base64
                            throw new MalformedBody("payload " + position + ": contentAttachment.data is not valid base64");
                        } catch (java.io.UncheckedIOException e) { // the store wraps what the parser threw while decoding
                            if (e.getCause() instanceof JsonProcessingException cut) {
                                throw notJson(cut);
                            }
                            throw e;
                        }
                    } else {
                        g.writeFieldName("data");
                        g.copyCurrentStructure(p);
                    }
                }
            } catch (JsonProcessingException malformed) {
                throw notJson(malformed);
            }
        }
        return out.toByteArray();
    }

    private static MalformedBody notJson(JsonProcessingException e) {
        return new MalformedBody("the body is not valid JSON (line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")");
    }

    private void discardOld(LetterDocuments.Staged previous) {
        if (previous != null) {
            documents.discard(previous); // "data" twice in one attachment: HAPI keeps the last as well
        }
    }

    /** 1-based position in {@code payload} when the context is a top-level {@code payload[i].contentAttachment}; else -1. */
    static int payloadPosition(JsonStreamContext attachment) {
        JsonStreamContext element = attachment.getParent();
        if (!attachment.inObject() || element == null || !element.inObject() || !"contentAttachment".equals(element.getCurrentName())) {
            return -1;
        }
        JsonStreamContext array = element.getParent();
        JsonStreamContext resource = array == null ? null : array.getParent();
        if (array == null || !array.inArray() || resource == null || !resource.inObject() || !"payload".equals(resource.getCurrentName())
                || resource.getParent() == null || !resource.getParent().inRoot()) {
            return -1;
        }
        return array.getCurrentIndex() + 1;
    }

    /** Writes at most max + 1 bytes and counts the rest away: enough for the intake to say "too large". */
    private static final class Limited extends FilterOutputStream {
        private long room;

        Limited(OutputStream out, long max) {
            super(out);
            this.room = max + 1;
        }

        @Override
        public void write(int b) throws IOException {
            if (room > 0) {
                out.write(b);
                room--;
            }
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            int n = (int) Math.min(len, room);
            if (n > 0) {
                out.write(b, off, n);
                room -= n;
            }
        }
    }
}
