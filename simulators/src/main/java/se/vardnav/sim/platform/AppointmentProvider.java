package se.vardnav.sim.platform;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.annotation.ConditionalUrlParam;
import ca.uhn.fhir.rest.annotation.Create;
import ca.uhn.fhir.rest.annotation.IdParam;
import ca.uhn.fhir.rest.annotation.Read;
import ca.uhn.fhir.rest.annotation.ResourceParam;
import ca.uhn.fhir.rest.annotation.Search;
import ca.uhn.fhir.rest.annotation.Update;
import ca.uhn.fhir.rest.api.MethodOutcome;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.param.TokenParam;
import ca.uhn.fhir.rest.server.IResourceProvider;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import org.hl7.fhir.r4.model.Appointment;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Identifier;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The Appointment endpoint of the simulated platform: HAPI bindings only; state and faults live in {@link PlatformState}. */
final class AppointmentProvider implements IResourceProvider {
    private final PlatformState state;
    private final SearchParameters searchParameters;
    private final SearchCache cache;

    AppointmentProvider(PlatformState state, SearchParameters searchParameters, SearchCache cache) {
        this.state = state;
        this.searchParameters = searchParameters;
        this.cache = cache;
    }

    @Override
    public Class<Appointment> getResourceType() {
        return Appointment.class;
    }

    @Create
    public MethodOutcome create(@ResourceParam Appointment appointment) {
        Instant received = Instant.now();
        state.beforeWrite(appointment);
        return outcome(state.upsertById(null, appointment, received));
    }

    @Update
    public MethodOutcome update(@IdParam IdType id, @ResourceParam Appointment appointment,
                                @ConditionalUrlParam String conditional) {
        Instant received = Instant.now();
        state.beforeWrite(appointment);
        if (id != null && id.hasIdPart()) {
            return outcome(state.upsertById(id.getIdPart(), appointment, received));
        }
        if (conditional != null) {
            Identifier key = identifierOf(conditional);
            return outcome(state.upsertByIdentifier(key.getSystem(), key.getValue(), appointment, received));
        }
        throw new InvalidRequestException("update needs an id or a conditional URL");
    }

    @Read
    public Appointment read(@IdParam IdType id) {
        state.beforeRead();
        Appointment found = state.read(id.getIdPart());
        if (found == null) {
            throw new ResourceNotFoundException(id);
        }
        return found;
    }

    /**
     * Searches as a standard server (HAPI JPA) answers them: by {@code identifier}, by an installed custom
     * SearchParameter's code, and nothing else. The {@code :identifier} modifier on a reference parameter
     * ({@code patient:identifier=…}) is refused as HAPI refuses it (HAPI-2498), as is an unknown parameter.
     * Results come from the search cache unless the request says {@code Cache-Control: no-cache}.
     */
    @Search(allowUnknownParams = true)
    public List<Appointment> search(RequestDetails request) {
        state.beforeRead();
        Map<String, TokenParam> criteria = new LinkedHashMap<>();
        for (Map.Entry<String, String[]> p : request.getParameters().entrySet()) {
            String name = p.getKey();
            if (name.startsWith("_")) {
                continue; // _format, _count, _summary, …
            }
            if (name.endsWith(":identifier")) {
                throw new InvalidRequestException("HAPI-2498: Unsupported search modifier(s): \":identifier\" for resource type \"Appointment\"."
                        + " Valid search modifiers are: [:contains, :exact, :missing, ...]");
            }
            if (!"identifier".equals(name) && searchParameters.find("Appointment", name).isEmpty()) {
                throw new InvalidRequestException("Unknown search parameter \"" + name + "\" for resource type \"Appointment\"");
            }
            TokenParam token = new TokenParam();
            token.setValueAsQueryToken(FhirContext.forR4Cached(), name, null, p.getValue()[0]);
            criteria.put(name, token);
        }
        TokenParam byId = criteria.get("identifier");
        return cache.search(request, () -> (byId != null ? state.search(byId.getSystem(), byId.getValue()) : state.all()).stream()
                .filter(a -> criteria.entrySet().stream().allMatch(c -> matches(a, c.getKey(), c.getValue()))).toList());
    }

    private boolean matches(Appointment a, String name, TokenParam token) {
        if ("identifier".equals(name)) {
            return a.getIdentifier().stream().anyMatch(i -> (token.getSystem() == null || token.getSystem().isEmpty()
                    || token.getSystem().equals(i.getSystem())) && token.getValue().equals(i.getValue()));
        }
        return searchParameters.matches(searchParameters.find("Appointment", name).orElseThrow(), a, token);
    }

    private static MethodOutcome outcome(PlatformState.Stored stored) {
        MethodOutcome outcome = new MethodOutcome(stored.appointment().getIdElement(), stored.created());
        outcome.setResource(stored.appointment());
        return outcome;
    }

    /** Parses "Appointment?identifier=system|value" (the only condition this platform supports). */
    static Identifier identifierOf(String conditionalUrl) {
        String query = conditionalUrl.substring(conditionalUrl.indexOf('?') + 1);
        for (String pair : query.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0 && "identifier".equals(pair.substring(0, eq))) {
                // TokenParam undoes FHIR search escaping (a '|' inside the value arrives as "\|")
                TokenParam token = new TokenParam();
                token.setValueAsQueryToken(FhirContext.forR4Cached(), "identifier", null, decode(pair.substring(eq + 1)));
                return new Identifier().setSystem(token.getSystem()).setValue(token.getValue());
            }
        }
        throw new InvalidRequestException("conditional update supports identifier=system|value only");
    }

    private static String decode(String s) {
        // HAPI hands over the query still percent-encoded (a booking id may hold '&' or '%')
        return URLDecoder.decode(s, StandardCharsets.UTF_8);
    }
}
