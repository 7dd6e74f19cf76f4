package se.vardnav.sim.mailbox;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.SimpleRequest;
import com.atlassian.oai.validator.model.SimpleResponse;
import com.atlassian.oai.validator.report.ValidationReport;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URL;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Kivra's published OpenAPI 3.1 (connectors/mailbox/kivra/swagger.yml and _partials/, on the classpath
 * under {@value #CLASSPATH_DIR}), unchanged, as a validator of requests (path, method, headers, body)
 * and of the simulator's own answers. The published files reference each other by relative {@code $ref}
 * and the content path's partial uses {@code #/components/...} of the main document, as Kivra's own
 * documentation build does; they are inlined here in memory (files untouched) before parsing.
 */
public final class KivraContract {
    public static final String CLASSPATH_DIR = "contracts/mailbox/kivra/";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static volatile KivraContract published;

    private final OpenApiInteractionValidator validator;

    private KivraContract(OpenApiInteractionValidator validator) {
        this.validator = validator;
    }

    /** Parsed once per JVM (a couple of seconds); the validator is thread-safe. */
    public static KivraContract load() {
        KivraContract c = published;
        if (c == null) {
            synchronized (KivraContract.class) {
                if (published == null) {
                    published = parse();
                }
                c = published;
            }
        }
        return c;
    }

    private static KivraContract parse() {
        URL spec = KivraContract.class.getClassLoader().getResource(CLASSPATH_DIR + "swagger.yml");
        if (spec == null) {
            throw new IllegalStateException("Kivra's OpenAPI is not on the classpath: " + CLASSPATH_DIR + "swagger.yml");
        }
        try {
            JsonNode bundled = inline(read(spec), spec.toURI());
            ParseOptions options = new ParseOptions();
            options.setResolve(true);
            SwaggerParseResult result = new OpenAPIV3Parser().readContents(JSON.writeValueAsString(bundled), null, options);
            if (result.getOpenAPI() == null) {
                throw new IllegalStateException("Kivra's OpenAPI does not parse: " + result.getMessages());
            }
            // the published document lacks info.version and the oauth2 scopes map: reported, harmless for validation
            return new KivraContract(OpenApiInteractionValidator.createFor(result.getOpenAPI()).build());
        } catch (IOException | java.net.URISyntaxException e) {
            throw new IllegalStateException("cannot read Kivra's OpenAPI", e);
        }
    }

    /** Problems of one request against the published operation (empty: valid). */
    public List<String> requestProblems(String method, String path, Map<String, String> headers, String body) {
        SimpleRequest.Builder b = new SimpleRequest.Builder(Request.Method.valueOf(method), path);
        headers.forEach(b::withHeader);
        if (body != null) {
            b.withBody(body);
        }
        return messages(validator.validateRequest(b.build()));
    }

    /** Problems of one answer of the simulator against the published operation (empty: valid). */
    public List<String> responseProblems(String method, String path, int status, Map<String, String> headers, String body) {
        SimpleResponse.Builder b = SimpleResponse.Builder.status(status);
        headers.forEach(b::withHeader);
        if (body != null) {
            b.withBody(body);
        }
        return messages(validator.validateResponse(path, Request.Method.valueOf(method), b.build()));
    }

    private static List<String> messages(ValidationReport report) {
        return report.getMessages().stream()
                .filter(m -> m.getLevel() == ValidationReport.Level.ERROR)
                .map(m -> m.getKey() + ": " + m.getMessage())
                .collect(Collectors.toList());
    }

    /** Replaces every {@code $ref} to another file (with an optional JSON pointer) by that file's content, recursively. */
    static JsonNode inline(JsonNode node, URI base) throws IOException, java.net.URISyntaxException {
        if (node instanceof ObjectNode object) {
            JsonNode ref = object.get("$ref");
            if (ref != null && ref.isTextual() && !ref.asText().startsWith("#")) {
                String[] parts = ref.asText().split("#", 2);
                URI target = resolve(base, parts[0]);
                JsonNode content = read(target.toURL());
                if (parts.length > 1) {
                    content = content.at(parts[1]);
                }
                return inline(content.deepCopy(), target);
            }
            List<String> names = new ArrayList<>();
            object.fieldNames().forEachRemaining(names::add);
            for (String name : names) {
                object.set(name, inline(object.get(name), base));
            }
        } else if (node instanceof ArrayNode array) {
            for (int i = 0; i < array.size(); i++) {
                array.set(i, inline(array.get(i), base));
            }
        }
        return node;
    }

    /** Relative to a jar: URL too (URI.resolve does not resolve against opaque jar: URIs). */
    private static URI resolve(URI base, String relative) throws java.net.MalformedURLException, java.net.URISyntaxException {
        return new URL(base.toURL(), relative).toURI();
    }

    private static JsonNode read(URL url) throws IOException {
        try (InputStream in = url.openStream()) {
            return (url.getPath().endsWith(".json") ? JSON : YAML).readTree(in);
        }
    }
}
