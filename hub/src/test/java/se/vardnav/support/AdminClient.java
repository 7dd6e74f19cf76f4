package se.vardnav.support;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;

/** The operator's view over HTTP: dead letters and their replay. */
public record AdminClient(int port) {
    private static final HttpClient HTTP = se.vardnav.support.HubHttp.client();
    private static final ObjectMapper JSON = new ObjectMapper();

    public List<Map<String, Object>> deadLetters(String queue) {
        try {
            var response = HTTP.send(HttpRequest.newBuilder(URI.create(base() + queue)).GET().build(), HttpResponse.BodyHandlers.ofString());
            return JSON.readValue(response.body(), new TypeReference<>() {});
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    public int replay(String queue, String messageId) {
        try {
            var request = HttpRequest.newBuilder(URI.create(base() + queue + "/" + messageId + "/replay"))
                    .POST(HttpRequest.BodyPublishers.noBody()).build();
            return HTTP.send(request, HttpResponse.BodyHandlers.ofString()).statusCode();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private String base() {
        return "http://127.0.0.1:" + port + "/admin/dead-letters/";
    }
}
