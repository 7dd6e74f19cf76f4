package se.vardnav.fhir;

import ca.uhn.fhir.context.FhirContext;
import org.hl7.fhir.r4.model.Resource;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * SHA-256 of a resource as its sender gave it: without the resource id (a PUT carries it) and the hub's version, so
 * the same event sent again (a retry, a repeated notification) is recognised as the same content.
 */
public final class ContentHash {
    private ContentHash() {
    }

    public static String of(FhirContext fhir, Resource resource) {
        Resource copy = resource.copy();
        copy.setId((String) null);
        copy.getMeta().setVersionId(null);
        try {
            byte[] json = fhir.newJsonParser().encodeResourceToString(copy).getBytes(StandardCharsets.UTF_8);
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(json));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
