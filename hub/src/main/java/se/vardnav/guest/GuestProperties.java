package se.vardnav.guest;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.hibernate.validator.constraints.URL;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;
import se.vardnav.config.Locations;
import se.vardnav.notification.SmsTemplates;

import java.io.IOException;
import java.io.InputStream;

/**
 * Guest invitations ({@code vardnav.notification.email-templates}, {@code .guest-link-*}).
 *
 * @param emailTemplates  the e-mail texts: {@code classpath:notification-templates/email-sv.properties} or a file
 * @param guestLinkBase   the link a guest opens, before its token
 * @param guestLinkSecret HMAC key of the link tokens
 */
@Validated
@ConfigurationProperties("vardnav.notification")
public record GuestProperties(@NotBlank String emailTemplates, @NotBlank @URL String guestLinkBase,
                              @NotNull @Size(min = GuestTokens.MIN_SECRET) String guestLinkSecret) {

    public SmsTemplates emailTexts() throws IOException {
        try (InputStream in = Locations.resource(emailTemplates).getInputStream()) {
            return new SmsTemplates(in);
        }
    }

    @Override
    public String toString() {
        return "GuestProperties[" + emailTemplates + ", " + guestLinkBase + "]";
    }
}
