package se.vardnav.sim;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import se.vardnav.sim.journal.JournalReceiver;
import se.vardnav.sim.journal.ScheduleSimulator;
import se.vardnav.sim.mailbox.KivraSimulator;
import se.vardnav.sim.mailbox.MinaMeddelandenSimulator;
import se.vardnav.sim.platform.PlatformSimulator;
import se.vardnav.sim.register.RegisterSimulator;
import se.vardnav.sim.smpp.SmppSimulator;
import se.vardnav.sim.sms.HttpSmsGatewaySimulator;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.function.IntFunction;

/**
 * The simulators on their own, so a person can point a real hub at them (or a hub at a peer's real test system and
 * the rest at these): {@code java -jar vardnav-simulators-<version>-exec.jar platform=8091 register=8092 sms=8093}.
 * Each argument names a peer and the port it listens on; the process runs until it is stopped.
 */
public final class Simulators {
    private Simulators() {}

    /** Every peer that can run on its own, by the name given on the command line. */
    static final Map<String, IntFunction<AutoCloseable>> PEERS = new LinkedHashMap<>();
    static {
        // the demo client's credentials (application-demo.yml): a hub with profile demo fetches a token first
        PEERS.put("platform", port -> new PlatformSimulator(port).requireTokens().start());
        PEERS.put("register", port -> new RegisterSimulator(port).start());
        PEERS.put("sms", port -> {
            HttpSmsGatewaySimulator sim = new HttpSmsGatewaySimulator(port).start();
            sim.autoReport(true);
            return sim;
        });
        PEERS.put("smpp", port -> new SmppSimulator("vardnav", "secret", port).start());
        PEERS.put("minameddelanden", port -> {
            MinaMeddelandenSimulator sim = new MinaMeddelandenSimulator(port).start();
            sim.addOperator("162021005448", "Min myndighetspost");
            sim.everyoneElse(MinaMeddelandenSimulator.Status.REACHABLE, "162021005448");
            return sim;
        });
        PEERS.put("kivra", port -> new KivraSimulator(port, "vardnav-demo", "vardnav", "sim-secret").start());
        PEERS.put("journal-receiver", port -> new JournalReceiver(port).start());
        PEERS.put("schedule", port -> new ScheduleSimulator(port).start());
        PEERS.put("smtp", port -> {
            GreenMail mail = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
            mail.start();
            return mail::stop;
        });
    }

    /** With both started, the journal receiver answers SQM^S25 from the schedule the RIV-TA service serves. */
    private static void linkScheduleQueries(List<AutoCloseable> started) {
        JournalReceiver receiver = started.stream().filter(JournalReceiver.class::isInstance).map(JournalReceiver.class::cast).findFirst().orElse(null);
        ScheduleSimulator schedule = started.stream().filter(ScheduleSimulator.class::isInstance).map(ScheduleSimulator.class::cast).findFirst().orElse(null);
        if (receiver != null && schedule != null) {
            receiver.answerQueriesFrom(schedule.hl7());
        }
    }

    public static void main(String[] args) throws InterruptedException {
        if (args.length == 0 || args[0].equals("--help")) {
            System.out.println("usage: java -jar vardnav-simulators.jar <peer>=<port> ...   peers: " + String.join(", ", PEERS.keySet()));
            return;
        }
        List<AutoCloseable> started = new ArrayList<>();
        for (String arg : args) {
            String[] nameAndPort = arg.split("=", 2);
            IntFunction<AutoCloseable> peer = PEERS.get(nameAndPort[0]);
            if (peer == null || nameAndPort.length != 2) {
                throw new IllegalArgumentException("unknown argument '" + arg + "': expected <peer>=<port>, peers: " + PEERS.keySet());
            }
            int port = Integer.parseInt(nameAndPort[1]);
            started.add(peer.apply(port));
            linkScheduleQueries(started);
            System.out.println(nameAndPort[0] + " simulator listening on port " + port);
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            for (AutoCloseable sim : started) {
                try {
                    sim.close();
                } catch (Exception e) {
                    System.err.println("closing a simulator failed: " + e);
                }
            }
            stopped.countDown();
        }));
        stopped.await();
    }
}
