package se.vardnav.demo;

import se.vardnav.sim.mailbox.KivraSimulator;
import se.vardnav.sim.mailbox.MinaMeddelandenSimulator;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;

/**
 * The "demo" profile's digital mail: Mina meddelanden (Recipient service on 8094, operator Service
 * endpoints on free ports, handed out as ServiceAdress) where everyone is reachable through Min
 * myndighetspost, and a Kivra sender API on 8095 matching no one until told (see application.yml).
 */
@Configuration(proxyBeanMethods = false)
@Profile("demo")
public class MailboxDemoConfiguration {
    static final String KIVRA_ID = "165568402266";
    static final String MYNDIGHETSPOST_ID = "162021005448";

    @Bean(destroyMethod = "close")
    MinaMeddelandenSimulator minaMeddelandenSimulator(@Value("${vardnav.demo.minameddelanden-port:8094}") int port) {
        MinaMeddelandenSimulator sim = new MinaMeddelandenSimulator(port).start();
        sim.addOperator(KIVRA_ID, "Kivra");
        sim.addOperator(MYNDIGHETSPOST_ID, "Min myndighetspost");
        sim.everyoneElse(MinaMeddelandenSimulator.Status.REACHABLE, MYNDIGHETSPOST_ID);
        return sim;
    }

    @Bean(destroyMethod = "close")
    KivraSimulator kivraSimulator(@Value("${vardnav.demo.kivra-port:8095}") int port) {
        return new KivraSimulator(port, "vardnav-demo", "vardnav", "sim-secret").start();
    }
}
