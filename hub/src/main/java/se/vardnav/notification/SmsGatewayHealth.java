package se.vardnav.notification;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import se.vardnav.connector.sms.SmsGatewayFaultException;

import java.time.Clock;
import java.time.Instant;

/**
 * Whether the SMS gateway takes messages, as the last try found it: {@code /actuator/health} component
 * {@code smsGateway}, gauge {@code vardnav_sms_gateway_up{gateway}} (1/0) and counter
 * {@code vardnav_sms_gateway_failures_total{gateway,kind}} (kind {@code configuration}: credentials, account,
 * address; {@code unavailable}: down, timeout, 5xx). SMS wait on their queue while it is down; the alert rule
 * {@code VardnavSmsGatewayFailing} fires. Not part of readiness: a failing gateway must not stop bookings.
 */
public class SmsGatewayHealth implements HealthIndicator {
    private final String gateway;
    private final Clock clock;
    private final Counter configuration;
    private final Counter unavailable;
    private volatile Failure failure;

    private record Failure(String kind, String reason, Instant since) {}

    public SmsGatewayHealth(String gateway, Clock clock, MeterRegistry meters) {
        this.gateway = gateway;
        this.clock = clock;
        this.configuration = meters.counter("vardnav.sms.gateway.failures", "gateway", gateway, "kind", "configuration");
        this.unavailable = meters.counter("vardnav.sms.gateway.failures", "gateway", gateway, "kind", "unavailable");
        Gauge.builder("vardnav.sms.gateway.up", this, h -> h.failure == null ? 1 : 0)
                .tag("gateway", gateway).description("1 while the SMS gateway takes messages").register(meters);
    }

    /** The gateway answered (taken or refused for the message's own sake). */
    public void answered() {
        failure = null;
    }

    /** The gateway could not take the message: the reason holds no number and no text. */
    public void failed(RuntimeException e) {
        boolean config = e instanceof SmsGatewayFaultException;
        (config ? configuration : unavailable).increment();
        Failure previous = failure;
        String kind = config ? "configuration" : "unavailable";
        Instant since = previous != null && previous.kind().equals(kind) ? previous.since() : clock.instant();
        failure = new Failure(kind, e.getMessage(), since);
    }

    public boolean isUp() {
        return failure == null;
    }

    @Override
    public Health health() {
        Failure f = failure;
        if (f == null) {
            return Health.up().withDetail("gateway", gateway).build();
        }
        return Health.down().withDetail("gateway", gateway).withDetail("kind", f.kind())
                .withDetail("reason", f.reason()).withDetail("since", f.since().toString()).build();
    }
}
