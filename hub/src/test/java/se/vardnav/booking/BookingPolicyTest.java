package se.vardnav.booking;

import ca.uhn.fhir.context.FhirContext;
import org.hl7.fhir.r4.model.Appointment;
import org.junit.jupiter.api.Test;
import se.vardnav.booking.PolicyDecision.Reason;
import se.vardnav.connector.register.PopulationRegister;
import se.vardnav.connector.register.RegisterFacts;
import se.vardnav.connector.register.RegisterUnavailableException;
import se.vardnav.fhir.Fhir;
import se.vardnav.sim.journal.SiuMessages;

import java.io.FileInputStream;
import java.io.IOException;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BookingPolicyTest {
    static final String PNR = "191212121212";

    /** Answers with whatever facts the test sets, and remembers who was asked. */
    private final List<String> asked = new ArrayList<>();
    private RegisterFacts facts = RegisterFacts.notFound();
    private final PopulationRegister register = (oid, id) -> {
        asked.add(oid + "|" + id);
        return facts;
    };
    private final BookingPolicy policy = new BookingPolicy(shippedTimeTypes(), register);

    static TimeTypeMap shippedTimeTypes() {
        try {
            return TimeTypeMap.read(FhirContext.forR4Cached(), new FileInputStream("fhir-mapping/ConceptMap-time-types.json"));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static SiuMessages booking(String timeType) {
        return SiuMessages.s12().bookingId("B1").start(LocalDateTime.of(2025, 3, 10, 9, 30)).minutes(20)
                .timeType(timeType, null).patient(PNR).staff("SE2321000016-1234", "Läkare")
                .messageTime(LocalDateTime.of(2025, 3, 1, 8, 0));
    }

    static Appointment event(SiuMessages m) {
        try {
            return AppointmentMapper.toAppointment(new SiuParser().parse(m.build()));
        } catch (InvalidBookingException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void sekretessmarkeringFromTheJournalWithholdsWithoutAskingTheRegister() {
        PolicyDecision d = policy.decide(event(booking("VIDEO").protectedIndicator(true)));
        assertThat(d.delivers()).isFalse();
        assertThat(d.withheldFor()).isEqualTo(Reason.PROTECTED_IDENTITY);
        assertThat(asked).isEmpty();
    }

    @Test
    void skyddadFolkbokforingFromTheJournalWithholds() {
        assertThat(policy.decide(event(booking("VIDEO").publicity("SKF"))).withheldFor()).isEqualTo(Reason.PROTECTED_IDENTITY);
        assertThat(policy.decide(event(booking("VIDEO").publicity("SEK"))).withheldFor()).isEqualTo(Reason.PROTECTED_IDENTITY);
    }

    @Test
    void blockedJournalWithholds() {
        assertThat(policy.decide(event(booking("BESOK").publicity("SPJ"))).withheldFor()).isEqualTo(Reason.BLOCKED_JOURNAL);
    }

    @Test
    void hiddenTimeTypeWithholds() {
        PolicyDecision d = policy.decide(event(booking("DOLD")));
        assertThat(d.withheldFor()).isEqualTo(Reason.HIDDEN_TIME_TYPE);
        assertThat(d.detail()).contains("DOLD");
    }

    @Test
    void unmappedTimeTypeWithholdsAndNamesTheTimeType() {
        PolicyDecision d = policy.decide(event(booking("NYTYP")));
        assertThat(d.withheldFor()).isEqualTo(Reason.UNMAPPED_TIME_TYPE);
        assertThat(d.detail()).contains("NYTYP");
    }

    @Test
    void protectedInTheRegisterWithholdsForEitherFlag() {
        facts = new RegisterFacts(true, false, false, false, true);
        assertThat(policy.decide(event(booking("VIDEO"))).withheldFor()).isEqualTo(Reason.PROTECTED_IDENTITY);
        facts = new RegisterFacts(false, true, false, false, true);
        assertThat(policy.decide(event(booking("VIDEO"))).withheldFor()).isEqualTo(Reason.PROTECTED_IDENTITY);
        assertThat(asked).containsOnly(Fhir.PERSONNUMMER_OID + "|" + PNR);
    }

    @Test
    void deceasedWithholds() {
        facts = new RegisterFacts(false, false, true, false, true);
        assertThat(policy.decide(event(booking("VIDEO"))).withheldFor()).isEqualTo(Reason.DECEASED);
    }

    @Test
    void reserveNumberIsNotLookedUpAndIsDelivered() {
        PolicyDecision d = policy.decide(event(booking("VIDEO").patient("98240301AA06", Fhir.RESERVNUMMER_OID)));
        // the register does not know local reserve numbers: asking it would be pointless
        assertThat(asked).isEmpty();
        assertThat(d.delivers()).isTrue();
    }

    @Test
    void bookingWithoutPatientIsDeliveredWithoutLookup() {
        PolicyDecision d = policy.decide(event(booking("BESOK").patient(null)));
        assertThat(d.delivers()).isTrue();
        assertThat(d.rule().handling()).isEqualTo(TimeTypeRule.Handling.ON_SITE);
        assertThat(asked).isEmpty();
    }

    @Test
    void normalBookingIsDeliveredWithItsRule() {
        facts = new RegisterFacts(false, false, false, false, true);
        PolicyDecision d = policy.decide(event(booking("VIDEO")));
        assertThat(d.delivers()).isTrue();
        assertThat(d.withheldFor()).isNull();
        assertThat(d.rule().timeType()).isEqualTo("VIDEO");
        assertThat(d.rule().handling()).isEqualTo(TimeTypeRule.Handling.VIDEO);
        assertThat(d.rule().appointmentType().getCode()).isEqualTo("ROUTINE");
    }

    @Test
    void registerUnavailablePropagatesSoTheEventWaits() {
        BookingPolicy failing = new BookingPolicy(shippedTimeTypes(), (oid, id) -> {
            throw new RegisterUnavailableException("register unavailable: ConnectException");
        });
        assertThatThrownBy(() -> failing.decide(event(booking("VIDEO")))).isInstanceOf(RegisterUnavailableException.class);
    }

    @Test
    void aPatientWithoutActorTypeIsStillCheckedInTheRegister() {
        facts = new RegisterFacts(true, false, false, false, true);
        Appointment a = event(booking("VIDEO"));
        a.getParticipantFirstRep().getActor().setType(null);
        PolicyDecision d = policy.decide(a);
        assertThat(d.withheldFor()).isEqualTo(Reason.PROTECTED_IDENTITY);
        assertThat(asked).containsExactly(Fhir.PERSONNUMMER_OID + "|" + PNR);
    }

    @Test
    void aPatientThatCannotBeDeterminedIsWithheldWithoutAnyoneAsked() {
        Appointment a = event(booking("VIDEO"));
        a.getParticipantFirstRep().getActor().setIdentifier(null).setType(null).setDisplay("Tolvan Tolvansson");
        PolicyDecision d = policy.decide(a);
        assertThat(d.withheldFor()).isEqualTo(Reason.PATIENT_UNDETERMINED);
        assertThat(d.detail()).contains("cannot tell").doesNotContain("Tolvan");
        assertThat(asked).isEmpty();
    }
}
