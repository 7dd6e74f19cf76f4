package se.vardnav.letter.print;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/** A staff member's browser against the admin API: plain HTTP, the user in X-Vardnav-User (which the test client turns into its token). */
public record AdminHttp(int port) {
    private static final HttpClient HTTP = se.vardnav.support.HubHttp.client();
    public static final ObjectMapper JSON = new ObjectMapper();

    public HttpResponse<byte[]> get(String path, String accept) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).GET();
        if (accept != null) {
            request.header("Accept", accept);
        }
        return send(request.build());
    }

    /** POST with a JSON body (null: none); actor null sends no user header. */
    public HttpResponse<byte[]> post(String path, Object body, String actor) {
        return post(path, body, actor, null);
    }

    public HttpResponse<byte[]> post(String path, Object body, String actor, String accept) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path));
        if (accept != null) {
            request.header("Accept", accept);
        }
        try {
            request.POST(body == null ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        request.header("Content-Type", "application/json");
        if (actor != null) {
            request.header(se.vardnav.support.TestTokens.USER_HEADER, actor);
        }
        return send(request.build());
    }

    /** POST without a token: what a caller who is not signed in gets. */
    public HttpResponse<byte[]> postAnonymous(String path) {
        return send(HttpRequest.newBuilder(uri(path)).header("Authorization", se.vardnav.support.HubHttp.ANONYMOUS)
                .POST(HttpRequest.BodyPublishers.noBody()).build());
    }

    public Map<String, Object> getJson(String path) {
        return json(get(path, "application/json"));
    }

    public static Map<String, Object> json(HttpResponse<byte[]> response) {
        try {
            return JSON.readValue(response.body(), new TypeReference<>() {});
        } catch (Exception e) {
            throw new IllegalStateException("not a JSON object (" + response.statusCode() + "): " + text(response), e);
        }
    }

    public static List<Map<String, Object>> jsonList(HttpResponse<byte[]> response) {
        try {
            return JSON.readValue(response.body(), new TypeReference<>() {});
        } catch (Exception e) {
            throw new IllegalStateException("not a JSON array (" + response.statusCode() + "): " + text(response), e);
        }
    }

    public static String text(HttpResponse<byte[]> response) {
        return new String(response.body(), StandardCharsets.UTF_8);
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path.replace(" ", "%20"));
    }

    private static HttpResponse<byte[]> send(HttpRequest request) {
        try {
            return HTTP.send(request, HttpResponse.BodyHandlers.ofByteArray());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
