package se.vardnav.notification;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Properties;

/** The region's SMS texts, read from a UTF-8 properties file; {name} placeholders are filled in. */
public class SmsTemplates {
    private static final String PROTECTED_IDENTITY = ".protected-identity";
    private static final String GUARDIAN = "-guardian";
    private final Properties templates = new Properties();

    public SmsTemplates(InputStream utf8Properties) {
        try (var reader = new InputStreamReader(utf8Properties, StandardCharsets.UTF_8)) {
            templates.load(reader);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Whether the region marked this template as sendable to a person with protected identity (default: no). */
    public boolean allowsProtectedIdentity(String template) {
        return "allowed".equalsIgnoreCase(templates.getProperty(template + PROTECTED_IDENTITY, "").strip());
    }

    /** The template's variant for a guardian ({@code <template>-guardian}) when the region defined one, else the template. */
    public String forGuardian(String template) {
        return templates.containsKey(template + GUARDIAN) ? template + GUARDIAN : template;
    }

    public String render(String template, Map<String, String> values) {
        String text = templates.getProperty(template);
        if (text == null) {
            throw new IllegalArgumentException("no SMS template '" + template + "' in the templates file");
        }
        for (var v : values.entrySet()) {
            text = text.replace("{" + v.getKey() + "}", v.getValue());
        }
        return text;
    }
}
