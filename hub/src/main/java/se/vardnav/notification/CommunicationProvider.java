package se.vardnav.notification;

import ca.uhn.fhir.rest.annotation.Create;
import ca.uhn.fhir.rest.annotation.RequiredParam;
import ca.uhn.fhir.rest.annotation.ResourceParam;
import ca.uhn.fhir.rest.api.MethodOutcome;
import ca.uhn.fhir.rest.server.exceptions.UnprocessableEntityException;
import ca.uhn.fhir.rest.annotation.Search;
import ca.uhn.fhir.rest.param.TokenParam;
import ca.uhn.fhir.rest.server.IResourceProvider;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Communication;
import org.hl7.fhir.r4.model.Communication.CommunicationStatus;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Reference;
import se.vardnav.fhir.Fhir;

import java.util.Date;
import java.util.List;

/**
 * Each SMS the hub handed to a gateway (and each send of another channel, e.g. e-mail) as a FHIR Communication, per booking:
 * {@code GET /fhir/Communication?about:identifier=<journal-booking-id system>|<booking id>}.
 * Status and times only; the number and the text are not shown.
 * Also takes in the visit platform's chat messages ({@code POST /fhir/Communication}) for new-message notices.
 */
public class CommunicationProvider implements IResourceProvider, se.vardnav.fhir.HubFhirProvider {
    /** R4 has no search parameter on Communication.about; the hub defines one, chained to the booking's identifier. */
    public static final String ABOUT_IDENTIFIER = "about:identifier";
    private static final String CATEGORY = "http://terminology.hl7.org/CodeSystem/communication-category";
    private final SmsSends sends;
    private final ChatNotices chat;
    private final NoticeQueue notices;
    private List<BookingCommunications> otherChannels = List.of();

    public CommunicationProvider(SmsSends sends, ChatNotices chat, NoticeQueue notices) {
        this.sends = sends;
        this.chat = chat;
        this.notices = notices;
    }

    /** Sends of other channels (e-mail, …) shown beside the SMS ones. */
    @org.springframework.beans.factory.annotation.Autowired(required = false)
    public void setOtherChannels(List<BookingCommunications> otherChannels) {
        this.otherChannels = List.copyOf(otherChannels);
    }

    private se.vardnav.audit.AccessLog accessLog;

    /** A person's reads are written to the PDL audit log (a system's are not: AccessLog#bookingReadByPerson). */
    @org.springframework.beans.factory.annotation.Autowired(required = false)
    public void setAccessLog(se.vardnav.audit.AccessLog accessLog) {
        this.accessLog = accessLog;
    }

    /** Other concerns' Communications (letter read receipts): asked first. */
    private List<se.vardnav.fhir.CommunicationReceiver> receivers = List.of();

    @org.springframework.beans.factory.annotation.Autowired(required = false)
    public void setReceivers(List<se.vardnav.fhir.CommunicationReceiver> receivers) {
        this.receivers = List.copyOf(receivers);
    }

    /**
     * 201 once the notice is planned durably (or decided against by the notification policy); 503 when
     * the register or the platform's account lookup cannot answer now. The platform retries on anything but 201.
     */
    @Create
    public MethodOutcome chatMessage(@ResourceParam Communication communication) {
        for (se.vardnav.fhir.CommunicationReceiver r : receivers) {
            if (r.accepts(communication)) {
                return r.receive(communication);
            }
        }
        ChatMessage message;
        try {
            message = ChatMessage.of(communication);
        } catch (IllegalArgumentException e) {
            throw new UnprocessableEntityException("Communication: " + e.getMessage());
        }
        try {
            notices.queue(chat.accept(message));
        } catch (se.vardnav.connector.register.RegisterUnavailableException
                 | se.vardnav.connector.platform.PlatformTransientException e) {
            // fail closed: nothing was planned; the platform posts the message again later
            throw new ca.uhn.fhir.rest.server.exceptions.UnclassifiedServerFailureException(503,
                    "recipient cannot be checked now, try again later");
        }
        MethodOutcome outcome = new MethodOutcome();
        outcome.setCreated(true);
        return outcome;
    }

    @Override
    public Class<? extends IBaseResource> getResourceType() {
        return Communication.class;
    }

    @Search
    public List<Communication> byBooking(@RequiredParam(name = ABOUT_IDENTIFIER) TokenParam about) {
        if (about.getSystem() != null && !about.getSystem().isEmpty() && !Fhir.JOURNAL_BOOKING_ID.equals(about.getSystem())) {
            throw new InvalidRequestException("search Communication by about:identifier=" + Fhir.JOURNAL_BOOKING_ID + "|<booking id>");
        }
        String bookingId = about.getValue();
        List<Communication> all = new java.util.ArrayList<>(sends.forBooking(bookingId).stream().map(CommunicationProvider::toCommunication).toList());
        otherChannels.forEach(channel -> all.addAll(channel.forBooking(bookingId)));
        if (accessLog != null) {
            accessLog.bookingReadByPerson(se.vardnav.audit.AuditAction.COMMUNICATION_READ, bookingId);
        }
        return all;
    }

    static Communication toCommunication(SmsSends.Notice n) {
        Communication c = new Communication();
        c.setId(Integer.toHexString(n.businessKey().hashCode()) + "-" + Math.abs(n.businessKey().length()));
        c.addIdentifier(new Identifier().setSystem(SmsRequest.NOTIFICATION_KEY).setValue(n.businessKey()));
        SmsStatus status = SmsStatus.valueOf(n.status());
        c.setStatus(communicationStatus(status));
        String reason = statusReason(status, n.reason());
        if (reason != null) {
            c.setStatusReason(new CodeableConcept().setText(reason));
        }
        c.addCategory(new CodeableConcept(new Coding(CATEGORY, "notification", "Notification")));
        if (n.template() != null) {
            c.addCategory(new CodeableConcept(new Coding(SmsRequest.TEMPLATE, n.template(), null)));
        }
        c.addMedium(new CodeableConcept(new Coding(SmsRequest.MEDIUM, SmsRequest.SMS, "SMS")));
        c.addAbout(new Reference().setType("Appointment")
                .setIdentifier(new Identifier().setSystem(Fhir.JOURNAL_BOOKING_ID).setValue(n.bookingId())));
        if (n.acceptedAt() != null) {
            c.setSent(Date.from(n.acceptedAt()));
        } else if (status.taken()) {
            // a report overtook the gateway's answer and the answer never came: sent, at the latest, when recorded
            c.setSent(Date.from(n.recordedAt()));
        }
        if (status == SmsStatus.DELIVERED && n.reportedAt() != null) {
            c.setReceived(Date.from(n.reportedAt()));
        }
        return c;
    }

    /** Each status an SMS can have, as the patient-facing platform reads a Communication. */
    static CommunicationStatus communicationStatus(SmsStatus status) {
        return switch (status) {
            case PENDING -> CommunicationStatus.PREPARATION;
            case ACCEPTED, SENT_TO_SMSC, QUEUED -> CommunicationStatus.INPROGRESS;
            case DELIVERED -> CommunicationStatus.COMPLETED;
            // handed over, then lost on the way to the phone
            case FAILED -> CommunicationStatus.STOPPED;
            // never left the hub or the operator's SMSC
            case REJECTED, NOT_SENT -> CommunicationStatus.NOTDONE;
        };
    }

    /** Why an SMS did not reach the phone; never the number or the text. */
    static String statusReason(SmsStatus status, String recorded) {
        return switch (status) {
            case FAILED -> "not delivered to the phone (operator's report)";
            case REJECTED -> recorded != null ? recorded : "rejected by the operator's SMSC";
            case NOT_SENT -> recorded != null ? recorded : "not sent";
            default -> null;
        };
    }
}
