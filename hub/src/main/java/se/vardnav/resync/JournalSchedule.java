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

import java.time.Duration;
import java.util.List;

/**
 * The journal system's bookings of one patient at one unit: RIV-TA crm:scheduling {@code GetSubjectOfCareSchedule}
 * (RIVTABP21, SOAP 1.1 through CXF, generated from the published contract in connectors/journal-scheduling/).
 * The proxy is configured once and shared between threads; a journal that does not answer throws
 * {@link ScheduleUnavailableException}.
 */
public class JournalSchedule implements AutoCloseable {
    private final Bus bus;
    private final GetSubjectOfCareScheduleResponderInterface port;

    public JournalSchedule(String endpointUrl, Duration connectTimeout, Duration receiveTimeout) {
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

    /** Every booking the journal has for the patient at the unit (the unit is also the logical address). */
    public List<TimeslotType> bookingsOf(String unitHsaId, String subjectOfCare) {
        GetSubjectOfCareScheduleType request = new GetSubjectOfCareScheduleType();
        request.setHealthcareFacility(unitHsaId);
        request.setSubjectOfCare(subjectOfCare);
        ActorType actor = new ActorType();
        // the contract's actor types are the patient or the patient's agent: the hub asks on the patient's behalf
        actor.setActorId(subjectOfCare);
        actor.setActorType(ActorTypeEnum.SUBJECT_OF_CARE);
        try {
            return port.getSubjectOfCareSchedule(unitHsaId, actor, request).getTimeslotDetail();
        } catch (RuntimeException e) {
            // the fault or transport message may echo the request (the personnummer): not kept
            throw new ScheduleUnavailableException("the journal system's GetSubjectOfCareSchedule did not answer: " + e.getClass().getSimpleName());
        }
    }

    @Override
    public void close() {
        bus.shutdown(false);
    }
}
