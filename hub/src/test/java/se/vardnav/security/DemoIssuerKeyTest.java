package se.vardnav.security;

import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;

import java.io.InputStream;
import java.security.KeyFactory;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.time.Duration;
import java.util.Base64;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The demo's committed key pair: a token the demo prints is one the demo hub accepts, with its roles. */
class DemoIssuerKeyTest {

    @Test
    void aPrintedDemoTokenIsValidForTheDemoIssuersPublicKey() throws Exception {
        TokenMinter minter;
        try (InputStream key = getClass().getResourceAsStream("/security/demo-issuer.key")) {
            minter = new TokenMinter(TokenMinter.readPrivateKey(key), "https://demo-issuer.vardnav.invalid", "vardnav-hub");
        }
        RSAPublicKey publicKey;
        try (InputStream pem = getClass().getResourceAsStream("/security/demo-issuer.pub")) {
            String base64 = new String(pem.readAllBytes()).replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
            publicKey = (RSAPublicKey) KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(base64)));
        }
        NimbusJwtDecoder decoder = NimbusJwtDecoder.withPublicKey(publicKey).build();
        decoder.setJwtValidator(new JwtIssuerValidator("https://demo-issuer.vardnav.invalid"));
        Jwt jwt = decoder.decode(minter.mint("demo-staff", List.of(HubRole.PRINT, HubRole.REPORT), Duration.ofMinutes(1)));
        assertThat(jwt.getSubject()).isEqualTo("demo-staff");
        assertThat(jwt.getClaimAsStringList("roles")).containsExactly("print", "report");
        assertThat(jwt.getAudience()).containsExactly("vardnav-hub");
    }
}
