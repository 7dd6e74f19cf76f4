package se.vardnav.bench;

import jakarta.jms.Connection;
import jakarta.jms.DeliveryMode;
import jakarta.jms.JMSException;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Queue;
import jakarta.jms.Session;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Plain JMS against the hub's embedded broker over TCP: persistent 1 KiB TextMessages, blocking
 * non-transacted sends from {@code producers} connections (as the hub's intake sends), one consumer.
 */
final class RawBrokerBaseline {
    record Result(int messages, long nanos, int received) {
        double perSecond() {
            return received * 1e9 / nanos;
        }
    }

    private RawBrokerBaseline() {}

    static Result run(String url, String user, String password, String queueName, int messages, int producers,
                      long maxWaitSeconds) throws Exception {
        ActiveMQConnectionFactory cf = new ActiveMQConnectionFactory(url, user, password);
        cf.setBlockOnDurableSend(true);
        String payload = "x".repeat(1024);
        AtomicInteger received = new AtomicInteger();
        CountDownLatch allReceived = new CountDownLatch(messages);
        long[] lastReceive = new long[1];
        try (Connection consumerConnection = cf.createConnection()) {
            Session cs = consumerConnection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            Queue queue = cs.createQueue(queueName);
            MessageConsumer consumer = cs.createConsumer(queue);
            consumer.setMessageListener(m -> {
                received.incrementAndGet();
                synchronized (lastReceive) {
                    lastReceive[0] = System.nanoTime();
                }
                allReceived.countDown();
            });
            consumerConnection.start();

            AtomicInteger next = new AtomicInteger();
            List<Thread> threads = new ArrayList<>();
            List<Connection> connections = new ArrayList<>();
            for (int p = 0; p < producers; p++) {
                connections.add(cf.createConnection());
            }
            long start = System.nanoTime();
            for (Connection c : connections) {
                Thread t = new Thread(() -> produce(c, queueName, payload, next, messages), "raw-producer");
                threads.add(t);
                t.start();
            }
            for (Thread t : threads) {
                t.join();
            }
            boolean complete = allReceived.await(maxWaitSeconds, TimeUnit.SECONDS);
            for (Connection c : connections) {
                c.close();
            }
            long end;
            synchronized (lastReceive) {
                end = lastReceive[0];
            }
            if (!complete) {
                System.err.println("raw baseline: only " + received.get() + " of " + messages + " received");
            }
            return new Result(messages, end - start, received.get());
        } finally {
            cf.close();
        }
    }

    private static void produce(Connection c, String queueName, String payload, AtomicInteger next, int messages) {
        try {
            Session s = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
            MessageProducer producer = s.createProducer(s.createQueue(queueName));
            producer.setDeliveryMode(DeliveryMode.PERSISTENT);
            while (next.getAndIncrement() < messages) {
                producer.send(s.createTextMessage(payload));
            }
        } catch (JMSException e) {
            throw new IllegalStateException("raw producer failed", e);
        }
    }
}
