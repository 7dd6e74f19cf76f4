package se.vardnav.resync;

import org.apache.cxf.Bus;
import org.apache.cxf.BusFactory;
import org.apache.cxf.endpoint.Client;
import org.apache.cxf.frontend.ClientProxy;
import org.apache.cxf.jaxws.JaxWsProxyFactoryBean;
import org.apache.cxf.transport.http.HTTPConduit;
import org.apache.cxf.transports.http.configuration.HTTPClientPolicy;
import riv.crm.scheduling._1.TimeslotType;
import riv.crm.scheduling.getsubjectofcareschedule._1.rivtabp21.GetSubjectOfCareScheduleResponderInterface;
import riv.crm.scheduling.getsubjectofcarescheduleresponder._1.GetSubjectOfCareScheduleType;
import riv.interoperability.headers._1.ActorType;
import riv.interoperability.headers._1.ActorTypeEnum;
import se.vardnav.booking.Hl7Time;
import se.vardnav.identity.PatientIdentity;

import java.net.SocketTimeoutException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;

/**
 * The journal system's bookings of one patient at one unit: RIV-TA crm:scheduling {@code GetSubjectOfCareSchedule}
 * (RIVTABP21, SOAP 1.1 through CXF, generated from the published contract in connectors/journal-scheduling/).
 * The proxy is configured once and shared between threads.
 */
public class RivSchedule implements JournalSchedule {
    private static final DateTimeFormatter TS = DateTimeFormatter.ofPattern("yyyyMMddHHmmss");
    private final Bus bus;
    private final GetSubjectOfCareScheduleResponderInterface port;

    public RivSchedule(String endpointUrl, Duration connectTimeout, Duration receiveTimeout) {
        bus = BusFactory.newInstance().createBus();
        JaxWsProxyFactoryBean factory = new JaxWsProxyFactoryBean();
        factory.setBus(bus);
        factory.setServiceClass(GetSubjectOfCareScheduleResponderInterface.class);
        factory.setAddress(endpointUrl);
        port = factory.create(GetSubjectOfCareScheduleResponderInterface.class);
        Client client = ClientProxy.getClient(port);
        HTTPClientPolicy policy = new HTTPClientPolicy();
        policy.setConnectionTimeout(connectTimeout.toMillis());
        policy.setReceiveTimeout(receiveTimeout.toMillis());
        ((HTTPConduit) client.getConduit()).setClient(policy);
    }

    /** The unit is also the logical address. */
    @Override
    public List<ScheduledBooking> bookingsOf(String unitHsaId, PatientIdentity patient) {
        GetSubjectOfCareScheduleType request = new GetSubjectOfCareScheduleType();
        request.setHealthcareFacility(unitHsaId);
        request.setSubjectOfCare(patient.value());
        ActorType actor = new ActorType();
        // the contract's actor types are the patient or the patient's agent: the hub asks on the patient's behalf
        actor.setActorId(patient.value());
        actor.setActorType(ActorTypeEnum.SUBJECT_OF_CARE);
        List<TimeslotType> slots;
        try {
            slots = port.getSubjectOfCareSchedule(unitHsaId, actor, request).getTimeslotDetail();
        } catch (jakarta.xml.ws.soap.SOAPFaultException e) {
            // the fault text may echo the request (the personnummer): not kept
            throw new ScheduleUnavailableException(ScheduleUnavailableException.REFUSED,
                    "the journal system answered GetSubjectOfCareSchedule with a SOAP fault");
        } catch (RuntimeException e) {
            int status = timedOut(e) ? ScheduleUnavailableException.TIMED_OUT : ScheduleUnavailableException.UNREACHABLE;
            throw new ScheduleUnavailableException(status, "the journal system's GetSubjectOfCareSchedule did not answer"
                    + (status == ScheduleUnavailableException.TIMED_OUT ? " in time" : "") + ": " + e.getClass().getSimpleName());
        }
        return slots.stream().filter(s -> s.getBookingId() != null && !s.getBookingId().isBlank()).map(RivSchedule::booking).toList();
    }

    private static ScheduledBooking booking(TimeslotType slot) {
        boolean timed = slot.getStartTimeInclusive() != null && slot.getEndTimeExclusive() != null;
        return new ScheduledBooking(slot.getBookingId(), timed ? time(slot.getStartTimeInclusive()) : null,
                timed ? time(slot.getEndTimeExclusive()) : null, slot.getTimeTypeID(), slot.getTimeTypeName(), slot.getPerformer(),
                slot.getPerformerName(), slot.getHealthcareFacility(), slot.getHealthcareFacilityName());
    }

    private static boolean timedOut(Throwable e) {
        for (Throwable c = e; c != null; c = c.getCause()) {
            if (c instanceof SocketTimeoutException || c instanceof java.net.http.HttpTimeoutException) {
                return true;
            }
        }
        return false;
    }

    private static Instant time(String ts) {
        return LocalDateTime.parse(ts, TS).atZone(Hl7Time.JOURNAL_ZONE).toInstant();
    }

    @Override
    public void close() {
        bus.shutdown(false);
    }
}
