package se.vardnav.fhir;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.validation.SingleValidationMessage;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Appointment;
import org.hl7.fhir.r4.model.CodeSystem;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.StringType;
import org.hl7.fhir.r4.model.StructureDefinition;
import ca.uhn.fhir.context.support.DefaultProfileValidationSupport;
import ca.uhn.fhir.context.support.ValidationSupportContext;
import org.hl7.fhir.common.hapi.validation.support.SnapshotGeneratingValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.ValidationSupportChain;
import org.junit.jupiter.api.Test;
import se.vardnav.support.HubConformance;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The shipped conformance resources are valid FHIR R4 themselves, and the validator built on them is strict. */
class ConformanceResourcesTest {

    private static String describe(List<SingleValidationMessage> messages) {
        return messages.stream().map(m -> m.getSeverity() + " " + m.getLocationString() + ": " + m.getMessage()).reduce("", (a, b) -> a + "\n" + b);
    }

    @Test
    void everyShippedResourceValidates() {
        List<IBaseResource> all = ConformanceResources.load(FhirContext.forR4Cached(), HubConformance.FOLDER).all();
        assertThat(all).hasSizeGreaterThan(20);
        for (IBaseResource r : all) {
            // HAPI's validator cannot re-derive a StructureDefinition's snapshot without the core NPM package
            // ("Unable to resolve package id hl7.fhir.r4.core#null"); that the snapshot can be generated is checked below
            List<SingleValidationMessage> errors = HubConformance.errors(r).stream()
                    .filter(m -> !(r instanceof StructureDefinition && m.getMessage().contains("Unable to resolve package id"))).toList();
            assertThat(errors).as(r.getIdElement().getValue() + describe(errors)).isEmpty();
        }
    }

    @Test
    void everyExtensionHasASnapshotAPlatformCanGenerate() {
        FhirContext ctx = FhirContext.forR4Cached();
        ValidationSupportChain core = new ValidationSupportChain(new DefaultProfileValidationSupport(ctx));
        for (StructureDefinition sd : ConformanceResources.load(ctx, HubConformance.FOLDER).ofType(StructureDefinition.class)) {
            StructureDefinition generated = (StructureDefinition) new SnapshotGeneratingValidationSupport(ctx)
                    .generateSnapshot(new ValidationSupportContext(core), sd.copy(), sd.getUrl(), null, sd.getName());
            assertThat(generated.getSnapshot().getElement()).as(sd.getUrl()).isNotEmpty()
                    .anySatisfy(e -> assertThat(e.getPath()).isEqualTo("Extension.url"));
            assertThat(sd.getUrl()).startsWith("https://vardnav.se/fhir/StructureDefinition/").endsWith("/" + sd.getIdElement().getIdPart());
        }
    }

    private static Appointment booked() {
        Appointment a = new Appointment().setStatus(Appointment.AppointmentStatus.BOOKED);
        a.setStart(new java.util.Date(1_800_000_000_000L)).setEnd(new java.util.Date(1_800_001_800_000L));
        a.addParticipant().setStatus(Appointment.ParticipationStatus.ACCEPTED).getActor().setDisplay("x");
        return a;
    }

    @Test
    void anExtensionOrACodeSystemDefinedNowhereIsAnError() {
        Appointment a = booked();
        a.addExtension(Fhir.EXT_CASE_NAME, new StringType("Kontroll"));
        assertThat(HubConformance.errors(a)).as(describe(HubConformance.messages(a))).isEmpty();

        Appointment unknownExtension = a.copy();
        unknownExtension.addExtension("https://vardnav.se/fhir/StructureDefinition/no-such-thing", new StringType("x"));
        assertThat(HubConformance.errors(unknownExtension)).isNotEmpty();

        Appointment unknownCodeSystem = a.copy();
        unknownCodeSystem.setAppointmentType(new CodeableConcept(new Coding("https://vardnav.se/fhir/CodeSystem/no-such-thing", "x", null)));
        assertThat(HubConformance.errors(unknownCodeSystem)).isNotEmpty();

        Appointment unknownCode = a.copy();
        unknownCode.addServiceType(new CodeableConcept(new Coding(Fhir.VIRTUAL_SERVICE_TYPE, "hologram", null)));
        assertThat(HubConformance.errors(unknownCode)).as("a code the hub's code system does not have").isNotEmpty();

        Appointment tooLong = booked();
        tooLong.addExtension(Fhir.EXT_CASE_NAME, new StringType("x".repeat(41)));
        assertThat(HubConformance.errors(tooLong)).as("case-name is at most 40 characters").isNotEmpty();
    }

    /**
     * Every canonical URL of the hub's (StructureDefinition, CodeSystem, NamingSystem, SearchParameter,
     * OperationDefinition) written anywhere in the code, the mappings or the connector docs has its resource in the
     * folder: a new extension or code system cannot be added without its definition.
     */
    @Test
    void everyHubUrlInTheCodeAndDocsIsDefined() throws Exception {
        java.util.regex.Pattern url = java.util.regex.Pattern.compile(
                "https://vardnav\\.se/fhir/(StructureDefinition|CodeSystem|NamingSystem|SearchParameter|OperationDefinition)/[A-Za-z0-9._-]*[A-Za-z0-9]");
        java.util.Set<String> used = new java.util.TreeSet<>();
        for (String root : List.of("hub/src/main", "simulators/src/main", "demo/src/main", "connectors/src/main", "fhir-mapping", "connectors", "routes", "README.md", "docs")) {
            try (var files = java.nio.file.Files.walk(java.nio.file.Path.of(root))) {
                for (java.nio.file.Path f : files.filter(java.nio.file.Files::isRegularFile)
                        .filter(f -> f.toString().matches(".*\\.(java|json|md|yaml|yml|properties)$"))
                        .filter(f -> !f.startsWith(HubConformance.FOLDER)).toList()) {
                    java.util.regex.Matcher m = url.matcher(java.nio.file.Files.readString(f));
                    while (m.find()) {
                        used.add(m.group());
                    }
                }
            }
        }
        java.util.Set<String> defined = new java.util.HashSet<>();
        for (IBaseResource r : ConformanceResources.load(FhirContext.forR4Cached(), HubConformance.FOLDER).all()) {
            if (r instanceof org.hl7.fhir.r4.model.MetadataResource mr) {
                defined.add(mr.getUrl());
            }
            if (r instanceof org.hl7.fhir.r4.model.NamingSystem ns) {
                ns.getUniqueId().forEach(u -> defined.add(u.getValue()));
            }
        }
        assertThat(used).hasSizeGreaterThan(20);
        assertThat(used).allSatisfy(u -> assertThat(defined).as("a resource for " + u).contains(u));
    }

    /** Each template the region's texts define is a code of notification-template (the Communications name it). */
    @Test
    void everyNotificationTemplateIsACode() throws Exception {
        CodeSystem templates = ConformanceResources.load(FhirContext.forR4Cached(), HubConformance.FOLDER).ofType(CodeSystem.class).stream()
                .filter(c -> c.getUrl().endsWith("/notification-template")).findFirst().orElseThrow();
        java.util.Set<String> codes = new java.util.HashSet<>();
        templates.getConcept().forEach(c -> codes.add(c.getCode()));
        for (String file : List.of("notification-templates/sms-sv.properties", "notification-templates/email-sv.properties")) {
            java.util.Properties p = new java.util.Properties();
            try (var in = java.nio.file.Files.newBufferedReader(java.nio.file.Path.of(file), java.nio.charset.StandardCharsets.UTF_8)) {
                p.load(in);
            }
            for (String key : p.stringPropertyNames()) {
                String template = key.replaceFirst("\\.(subject|body|protected-identity)$", "");
                assertThat(codes).as(file + ": " + key).contains(template);
            }
        }
    }
}
