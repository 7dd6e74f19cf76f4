package se.vardnav.support;

import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import se.vardnav.security.SecretsCheck;

/**
 * Every hub the tests start runs with the repository's placeholder secrets, as the simulators expect them: the test
 * suite's own marker lets it past {@link SecretsCheck} (META-INF/spring.factories of the test classpath). A test of
 * the check itself passes {@code --vardnav.test.enforce-secrets=true}.
 */
public class TestSecretsInitializer implements ApplicationContextInitializer<ConfigurableApplicationContext> {
    @Override
    public void initialize(ConfigurableApplicationContext context) {
        if (!context.getEnvironment().getProperty("vardnav.test.enforce-secrets", Boolean.class, false)) {
            context.getBeanFactory().registerSingleton("acceptPlaceholderSecrets", new SecretsCheck.AcceptPlaceholderSecrets() {
            });
        }
    }
}
