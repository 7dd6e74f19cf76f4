package se.vardnav.sim.mailbox;

import java.util.Map;

/** One HTTP request as the Kivra simulator received it (API calls; token requests are not kept). */
public record KivraRequest(String method, String path, Map<String, String> headers, String body) {
    /** Never the body (it carries the personnummer and the letter). */
    @Override
    public String toString() {
        return "KivraRequest[" + method + " " + path + "]";
    }
}
