package se.vardnav.fhir;

/**
 * Marks a HAPI resource or plain provider that belongs on the hub's own FHIR endpoint (/fhir).
 * Each concern declares its provider as a bean; the endpoint registers them all, so adding a
 * resource type never touches the endpoint's configuration.
 */
public interface HubFhirProvider {
}
