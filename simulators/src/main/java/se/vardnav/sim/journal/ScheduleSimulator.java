package se.vardnav.sim.journal;

import riv.crm.scheduling._1.TimeslotType;
import riv.crm.scheduling.getsubjectofcareschedule._1.rivtabp21.GetSubjectOfCareScheduleResponderInterface;
import riv.crm.scheduling.getsubjectofcarescheduleresponder._1.GetSubjectOfCareScheduleResponseType;
import riv.crm.scheduling.getsubjectofcarescheduleresponder._1.GetSubjectOfCareScheduleType;
import riv.interoperability.headers._1.ActorType;
import se.vardnav.sim.SoapServer;

import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The journal system's schedule as a RIV-TA crm:scheduling {@code GetSubjectOfCareSchedule} service (SOAP through
 * CXF, the published contract) on its own loopback port, at {@code http://127.0.0.1:<port>/journal/GetSubjectOfCareSchedule}.
 * Holds bookings per patient; can be down. The same schedule answers HL7 SQM^S25 through {@link #hl7()}.
 */
public final class ScheduleSimulator implements AutoCloseable {
    public static final String CONTEXT_PATH = "/journal";
    public static final String SERVICE_PATH = "/GetSubjectOfCareSchedule";
    /** Asked for this facility, the journal answers with the patient's bookings at every unit (the hub's default). */
    public static final String WHOLE_JOURNAL = "SE2321000016-JOURNAL";
    private static final DateTimeFormatter TS = DateTimeFormatter.ofPattern("yyyyMMddHHmmss");
    private final Map<String, List<TimeslotType>> bookings = new ConcurrentHashMap<>();
    private final AtomicInteger requests = new AtomicInteger();
    private final SoapServer server;

    public ScheduleSimulator(int port) {
        server = new SoapServer(port, CONTEXT_PATH, SERVICE_PATH, GetSubjectOfCareScheduleResponderInterface.class, new Responder());
    }

    public ScheduleSimulator start() {
        server.start();
        return this;
    }

    public String endpointUrl() {
        return server.endpointUrl();
    }

    /** The journal has this booking for the patient (replacing one with the same id). */
    public void book(String patient, String bookingId, String unitHsaId, String performerHsaId, LocalDateTime start, int minutes,
                     String timeTypeId, String timeTypeName) {
        TimeslotType t = new TimeslotType();
        t.setBookingId(bookingId);
        t.setSubjectOfCare(patient);
        t.setHealthcareFacility(unitHsaId);
        t.setPerformer(performerHsaId);
        t.setStartTimeInclusive(TS.format(start));
        t.setEndTimeExclusive(TS.format(start.plusMinutes(minutes)));
        t.setTimeTypeID(timeTypeId);
        t.setTimeTypeName(timeTypeName);
        List<TimeslotType> list = bookings.computeIfAbsent(patient, p -> new CopyOnWriteArrayList<>());
        list.removeIf(b -> bookingId.equals(b.getBookingId()));
        list.add(t);
    }

    /** The journal no longer has this booking. */
    public void remove(String patient, String bookingId) {
        bookings.getOrDefault(patient, List.of()).removeIf(b -> bookingId.equals(b.getBookingId()));
    }

    /** The patient's bookings at the unit ({@link #WHOLE_JOURNAL}: at every unit), as both protocols answer them. */
    public List<TimeslotType> bookingsOf(String unitHsaId, String patient) {
        return bookings.getOrDefault(patient, List.of()).stream()
                .filter(t -> WHOLE_JOURNAL.equals(unitHsaId) || unitHsaId.equals(t.getHealthcareFacility())).toList();
    }

    /** The same schedule over HL7 v2.5 SQM^S25 (for {@link JournalReceiver#answerQueriesFrom}). */
    public ScheduleQueries hl7() {
        return new ScheduleQueries((unit, patient) -> {
            requests.incrementAndGet();
            return bookingsOf(unit, patient);
        });
    }

    public int requests() {
        return requests.get();
    }

    public void goDown() {
        server.goDown();
    }

    public void comeUp() {
        server.comeUp();
    }

    @Override
    public void close() {
        server.close();
    }

    private final class Responder implements GetSubjectOfCareScheduleResponderInterface {
        @Override
        public GetSubjectOfCareScheduleResponseType getSubjectOfCareSchedule(String logicalAddress, ActorType actor, GetSubjectOfCareScheduleType request) {
            requests.incrementAndGet();
            GetSubjectOfCareScheduleResponseType response = new GetSubjectOfCareScheduleResponseType();
            response.getTimeslotDetail().addAll(bookingsOf(request.getHealthcareFacility(), request.getSubjectOfCare()));
            return response;
        }
    }
}
