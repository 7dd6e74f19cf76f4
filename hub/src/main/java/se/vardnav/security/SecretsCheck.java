package se.vardnav.security;

import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.core.env.Environment;

import java.util.List;

/**
 * Runs before any bean is created (no broker, route or port is started): outside the demo profile the hub refuses
 * to start while a secret is a shipped placeholder, naming each setting. Only the test suite skips it, by
 * registering an {@link AcceptPlaceholderSecrets} object in its contexts (test code; no setting turns this off).
 */
public class SecretsCheck implements BeanFactoryPostProcessor {
    private final Environment env;

    public SecretsCheck(Environment env) {
        this.env = env;
    }

    /** Marker: this context runs the test suite's simulated peers with the repository's placeholder secrets. */
    public interface AcceptPlaceholderSecrets {
    }

    @Override
    public void postProcessBeanFactory(ConfigurableListableBeanFactory beanFactory) {
        if (beanFactory.getBeanNamesForType(AcceptPlaceholderSecrets.class, false, false).length > 0) {
            return;
        }
        List<PlaceholderSecrets.Problem> problems = PlaceholderSecrets.check(env);
        if (!problems.isEmpty()) {
            throw new PlaceholderSecretsException(problems);
        }
    }

    /** Why the hub did not start. */
    public static class PlaceholderSecretsException extends IllegalStateException {
        private final transient List<PlaceholderSecrets.Problem> problems;

        public PlaceholderSecretsException(List<PlaceholderSecrets.Problem> problems) {
            super("the hub will not start with placeholder secrets outside the demo profile; set: " + problems);
            this.problems = List.copyOf(problems);
        }

        public List<PlaceholderSecrets.Problem> problems() {
            return problems;
        }
    }
}
