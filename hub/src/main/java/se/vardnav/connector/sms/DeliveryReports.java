package se.vardnav.connector.sms;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/** Parses the gateways' delivery-report callbacks. Pure functions; bad input is an IllegalArgumentException. */
public final class DeliveryReports {
    private DeliveryReports() {}

    /** Decodes an {@code application/x-www-form-urlencoded} body or a raw query string (UTF-8); first value wins. */
    public static Map<String, String> decodeForm(String encoded) {
        Map<String, String> out = new LinkedHashMap<>();
        if (encoded == null || encoded.isEmpty()) {
            return out;
        }
        for (String pair : encoded.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = decode(eq < 0 ? pair : pair.substring(0, eq));
            String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
            out.putIfAbsent(name, value);
        }
        return Collections.unmodifiableMap(out);
    }

    /**
     * A 46elks-style report: {@code id}, {@code status} (delivered|failed; "sent" is tolerated) and
     * {@code delivered}, a UTC time without zone such as {@code 2018-07-13T13:57:23.741000}.
     *
     * @param receivedAt used when the report has no usable time: the status matters more than the clock
     */
    public static DeliveryReport fromElks(Map<String, String> form, Instant receivedAt) {
        return fromElks(form, null, receivedAt);
    }

    /** As {@link #fromElks(Map, Instant)}, with the hub's business key from the callback URL (may be null). */
    public static DeliveryReport fromElks(Map<String, String> form, String businessKey, Instant receivedAt) {
        String id = required(form, "id");
        DeliveryReport.Status status = switch (required(form, "status")) {
            case "delivered" -> DeliveryReport.Status.DELIVERED;
            case "failed" -> DeliveryReport.Status.FAILED;
            case "sent" -> DeliveryReport.Status.SENT_TO_SMSC;
            default -> throw new IllegalArgumentException("unknown 46elks report status");
        };
        return new DeliveryReport(id, businessKey, status, utc(form.get("delivered"), receivedAt));
    }

    /** Kannel's dlr-url callback as {@link KannelSmsGateway} builds it: key, dlr-mask bit as status, epoch seconds. */
    public static DeliveryReport fromKannel(Map<String, String> query, Instant receivedAt) {
        String key = required(query, KannelSmsGateway.DLR_KEY);
        int code;
        try {
            code = Integer.parseInt(required(query, KannelSmsGateway.DLR_STATUS).strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("Kannel report status is not a number");
        }
        DeliveryReport.Status status = switch (code) {
            case 1 -> DeliveryReport.Status.DELIVERED;
            case 2 -> DeliveryReport.Status.FAILED;
            case 4 -> DeliveryReport.Status.QUEUED;
            case 8 -> DeliveryReport.Status.SENT_TO_SMSC;
            case 16 -> DeliveryReport.Status.REJECTED;
            default -> throw new IllegalArgumentException("unknown Kannel report status " + code);
        };
        return new DeliveryReport(key, key, status, epochSeconds(query.get(KannelSmsGateway.DLR_TIME), receivedAt));
    }

    static Instant utc(String value, Instant fallback) {
        Objects.requireNonNull(fallback, "fallback");
        if (value == null || value.isBlank()) {
            return fallback;
        }
        String v = value.strip().replace(' ', 'T');
        try {
            if (v.endsWith("Z") || v.matches(".*[+-]\\d\\d:?\\d\\d$")) {
                return OffsetDateTime.parse(v.endsWith("Z") ? v : v.replaceAll("([+-]\\d\\d)(\\d\\d)$", "$1:$2"))
                        .toInstant();
            }
            return LocalDateTime.parse(v).toInstant(ZoneOffset.UTC);
        } catch (DateTimeException e) {
            return fallback;
        }
    }

    private static Instant epochSeconds(String value, Instant fallback) {
        Objects.requireNonNull(fallback, "fallback");
        // Kannel leaves %T empty when the SMSC gave no time
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            return Instant.ofEpochSecond(Long.parseLong(value.strip()));
        } catch (NumberFormatException e) {
            return fallback;
        }
    }

    private static String required(Map<String, String> params, String name) {
        String v = params.get(name);
        if (v == null || v.isBlank()) {
            throw new IllegalArgumentException("delivery report without " + name);
        }
        return v;
    }

    private static String decode(String s) {
        return URLDecoder.decode(s, StandardCharsets.UTF_8);
    }
}
