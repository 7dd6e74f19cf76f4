package se.vardnav.security;

import ca.uhn.fhir.context.FhirContext;
import jakarta.servlet.DispatcherType;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.convert.converter.Converter;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.security.web.SecurityFilterChain;

/**
 * Every HTTP endpoint but the health probes and the SMS delivery reports needs a bearer token (JWT) from the
 * region's issuer, with a role the endpoint admits ({@link AccessRules}). Stateless: no session, no cookie login;
 * the console's forms carry their own token against cross-site posts (ConsoleGuard), so Spring's CSRF is off.
 * The body-limit filter runs before this chain (a body over its limit is refused unread, token or not); the letter
 * filter that stores PDFs runs after it, so nothing is stored for an anonymous caller.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(HubSecurityProperties.class)
public class SecurityConfiguration {

    @Bean
    SecurityFilterChain hubSecurity(HttpSecurity http, SecurityProblems problems, Converter<Jwt, AbstractAuthenticationToken> tokens) throws Exception {
        http.csrf(AbstractHttpConfigurer::disable)
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .requestCache(AbstractHttpConfigurer::disable)
                .formLogin(AbstractHttpConfigurer::disable)
                .httpBasic(AbstractHttpConfigurer::disable)
                .logout(AbstractHttpConfigurer::disable)
                // the console sets its own cache and frame headers
                .headers(h -> h.frameOptions(f -> f.sameOrigin()).cacheControl(c -> c.disable()))
                .exceptionHandling(e -> e.authenticationEntryPoint(problems).accessDeniedHandler(problems))
                .oauth2ResourceServer(o -> o.jwt(j -> j.jwtAuthenticationConverter(tokens))
                        .bearerTokenResolver(openEndpointsCarryTheirOwnTokens())
                        .authenticationEntryPoint(problems).accessDeniedHandler(problems))
                .authorizeHttpRequests(a -> {
                    // the container's error page for a request already let in (or refused) above
                    a.dispatcherTypeMatchers(DispatcherType.ERROR, DispatcherType.ASYNC).permitAll();
                    for (AccessRules.Rule rule : AccessRules.RULES) {
                        if (rule.open()) {
                            a.requestMatchers(rule.matcher()).permitAll();
                        } else {
                            a.requestMatchers(rule.matcher()).hasAnyAuthority(rule.authorities());
                        }
                    }
                    a.anyRequest().denyAll();
                });
        return http.build();
    }

    /**
     * The open endpoints with a bearer token of their own (the visit platform's rest-hook notifications send back the
     * subscription's token as {@code Authorization: Bearer ...}): it is not a JWT from the issuer, so it is not read as one.
     */
    private static org.springframework.security.oauth2.server.resource.web.BearerTokenResolver openEndpointsCarryTheirOwnTokens() {
        var standard = new org.springframework.security.oauth2.server.resource.web.DefaultBearerTokenResolver();
        return request -> AccessRules.OWN_TOKEN.matches(request) ? null : standard.resolve(request);
    }

    /** A token's caller: named by the user claim (the subject if the token lacks it), roles from the roles claim. */
    @Bean
    Converter<Jwt, AbstractAuthenticationToken> hubTokens(HubSecurityProperties props) {
        RolesClaim roles = new RolesClaim(props);
        return jwt -> {
            String name = jwt.getClaimAsString(props.userClaim());
            return new JwtAuthenticationToken(jwt, roles.convert(jwt), name == null || name.isBlank() ? jwt.getSubject() : name);
        };
    }

    /** Spring Boot adds this to its token decoder's checks (issuer-uri checks the issuer by itself). */
    @Bean
    @ConditionalOnProperty("vardnav.security.issuer")
    OAuth2TokenValidator<Jwt> expectedIssuer(HubSecurityProperties props) {
        return new JwtIssuerValidator(props.issuer());
    }

    /** Static: a bean factory post-processor, run before any other bean is made. */
    @Bean
    static SecretsCheck secretsCheck(org.springframework.core.env.Environment env) {
        return new SecretsCheck(env);
    }

    @Bean
    SecurityProblems securityProblems(FhirContext fhir) {
        return new SecurityProblems(fhir);
    }
}
