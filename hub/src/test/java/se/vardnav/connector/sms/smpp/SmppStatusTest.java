package se.vardnav.connector.sms.smpp;

import org.apache.camel.component.smpp.SmppException;
import org.jsmpp.extra.NegativeResponseException;
import org.jsmpp.extra.ResponseTimeoutException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import java.io.IOException;

import static org.assertj.core.api.Assertions.assertThat;
import static se.vardnav.connector.sms.smpp.SmppStatus.Outcome.DELIVERED;
import static se.vardnav.connector.sms.smpp.SmppStatus.Outcome.FAILED;
import static se.vardnav.connector.sms.smpp.SmppStatus.Outcome.PENDING;

class SmppStatusTest {

    @ParameterizedTest
    @CsvSource({"DELIVRD,DELIVERED", "EXPIRED,FAILED", "DELETED,FAILED", "UNDELIV,FAILED", "REJECTD,FAILED",
            "ACCEPTD,PENDING", "UNKNOWN,PENDING", "ENROUTE,PENDING", "delivrd,DELIVERED", "garbage,PENDING"})
    void mapsReceiptStats(String stat, SmppStatus.Outcome expected) {
        assertThat(SmppStatus.ofReceipt(stat)).isEqualTo(expected);
    }

    @Test
    void mapsJsmppReceiptStateAndNull() {
        assertThat(SmppStatus.ofReceipt(org.jsmpp.util.DeliveryReceiptState.DELIVRD)).isEqualTo(DELIVERED);
        assertThat(SmppStatus.ofReceipt(org.jsmpp.util.DeliveryReceiptState.UNDELIV)).isEqualTo(FAILED);
        assertThat(SmppStatus.ofReceipt(null)).isEqualTo(PENDING);
    }

    @ParameterizedTest
    @CsvSource({"0x58,true", "0x08,true", "0x14,true", "0x0B,false", "0x0A,false", "0x45,false", "0x0E,false"})
    void classifiesCommandStatus(String status, boolean transientError) {
        assertThat(SmppStatus.isTransient(Integer.decode(status))).isEqualTo(transientError);
    }

    @Test
    void findsTheCommandStatusInsideCamelExceptions() {
        Exception throttled = new RuntimeException(new SmppException(new NegativeResponseException(0x58)));
        Exception badNumber = new SmppException(new NegativeResponseException(0x0B));
        assertThat(SmppStatus.commandStatusOf(throttled)).hasValue(0x58);
        assertThat(SmppStatus.isTransient(throttled)).isTrue();
        assertThat(SmppStatus.isTransient(badNumber)).isFalse();
    }

    @Test
    void connectionTroubleIsTransientAndUnknownTroubleIsNot() {
        assertThat(SmppStatus.isTransient(new SmppException(new IOException("closed")))).isTrue();
        assertThat(SmppStatus.isTransient(new SmppException(new ResponseTimeoutException("slow")))).isTrue();
        assertThat(SmppStatus.isTransient(new IllegalArgumentException("bad"))).isFalse();
        assertThat(SmppStatus.commandStatusOf(new IllegalStateException())).isEmpty();
    }
}
