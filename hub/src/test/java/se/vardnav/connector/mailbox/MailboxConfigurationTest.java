package se.vardnav.connector.mailbox;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.context.ConfigDataApplicationContextInitializer;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import se.vardnav.connector.mailbox.kivra.KivraOperator;
import se.vardnav.connector.mailbox.minameddelanden.MinaMeddelandenOperator;
import se.vardnav.document.LetterDocuments;

import se.vardnav.sim.mailbox.KivraSimulator;
import se.vardnav.sim.mailbox.MailboxSimProperties;
import se.vardnav.sim.mailbox.MinaMeddelandenSimulator;
import se.vardnav.support.TestPersons;

import java.nio.file.Path;
import java.time.Clock;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The shipped application.yml wires a directory and one operator per configured protocol. */
class MailboxConfigurationTest {

    @Test
    void defaultsGiveTheDirectoryAndBothOperatorKinds(@TempDir Path dir) {
        new ApplicationContextRunner()
                .withInitializer(new ConfigDataApplicationContextInitializer())
                .withBean(LetterDocuments.class, () -> new LetterDocuments(dir, se.vardnav.privacy.TestKeys.cipher()))
                .withBean(Clock.class, Clock::systemUTC)
                .withUserConfiguration(MailboxConfiguration.class)
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    assertThat(context).hasBean("mailboxDirectory").hasBean("mailboxOperators");
                    MailboxOperators operators = context.getBean(MailboxOperators.class);
                    assertThat(operators.ids()).containsExactly("165568402266", "162021005448");
                    assertThat(operators.byId("165568402266")).get().isInstanceOf(KivraOperator.class);
                    assertThat(operators.byId("162021005448")).get().isInstanceOf(MinaMeddelandenOperator.class);
                    assertThat(operators.byId("169999999999")).isEmpty();
                });
    }

    @Test
    void simulatorPropertiesPointTheBeansAtTheSimulators(@TempDir Path dir) {
        try (MinaMeddelandenSimulator mm = new MinaMeddelandenSimulator(0).start();
             KivraSimulator kivra = new KivraSimulator(0, "t", "c", "s").start()) {
            mm.addOperator("165568402266", "Kivra");
            mm.addOperator("162021005448", "Min myndighetspost");
            String viaKivra = TestPersons.next();
            String viaMyndighetspost = TestPersons.next();
            mm.reachableVia(viaKivra, "165568402266");
            mm.reachableVia(viaMyndighetspost, "162021005448");
            kivra.addUser(viaKivra);
            String[] properties = MailboxSimProperties.of(mm, kivra, "165568402266").entrySet().stream()
                    .map(e -> e.getKey() + "=" + e.getValue()).toArray(String[]::new);
            new ApplicationContextRunner()
                    .withInitializer(new ConfigDataApplicationContextInitializer())
                    .withPropertyValues(properties)
                    .withBean(LetterDocuments.class, () -> new LetterDocuments(dir, se.vardnav.privacy.TestKeys.cipher()))
                    .withBean(Clock.class, Clock::systemUTC)
                    .withUserConfiguration(MailboxConfiguration.class)
                    .run(context -> {
                        MailboxDirectory directory = context.getBean(MailboxDirectory.class);
                        MailboxOperators operators = context.getBean(MailboxOperators.class);
                        for (String pnr : List.of(viaKivra, viaMyndighetspost)) {
                            Reachability r = directory.isReachable(pnr);
                            assertThat(r.reachable()).isTrue();
                            MailboxLetter letter = new MailboxLetter("C-" + pnr.hashCode(), pnr, "Brev", "Hej",
                                    List.of(), null, r.serviceAddress());
                            assertThat(operators.byId(r.operatorId()).orElseThrow().deliver(letter).operatorId())
                                    .isEqualTo(r.operatorId());
                        }
                    });
            assertThat(kivra.contents()).singleElement().extracting(c -> c.ssn()).isEqualTo(viaKivra);
            assertThat(mm.operator("162021005448").deliveries()).singleElement()
                    .extracting(d -> d.recipient()).isEqualTo(viaMyndighetspost);
        }
    }
}
