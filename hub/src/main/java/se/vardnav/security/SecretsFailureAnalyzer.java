package se.vardnav.security;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

import java.util.stream.Collectors;

/** "APPLICATION FAILED TO START" with the settings to fix, one a line, instead of a stack trace. */
public class SecretsFailureAnalyzer extends AbstractFailureAnalyzer<SecretsCheck.PlaceholderSecretsException> {
    @Override
    protected FailureAnalysis analyze(Throwable root, SecretsCheck.PlaceholderSecretsException cause) {
        String settings = cause.problems().stream().map(p -> "  " + p).collect(Collectors.joining("\n"));
        return new FailureAnalysis("Placeholder or missing secrets outside the demo profile:\n" + settings,
                "Set each one in the environment (the variable named in brackets) or as a file under "
                        + "VARDNAV_SECRETS_DIR (default /run/secrets/vardnav/, one file per setting, named like it); "
                        + "README \"Secrets\". The demo (profile demo) runs with the placeholders.", cause);
    }
}
