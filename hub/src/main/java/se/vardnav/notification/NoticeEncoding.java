package se.vardnav.notification;

import ca.uhn.fhir.context.FhirContext;

/** How a notice travels on notify.sms and notify.email (and waits in the reminder table): FHIR JSON. */
public class NoticeEncoding {
    private final FhirContext fhir;

    public NoticeEncoding(FhirContext fhir) {
        this.fhir = fhir;
    }

    public String encode(Notice notice) {
        return fhir.newJsonParser().encodeResourceToString(notice.toFhir());
    }
}
