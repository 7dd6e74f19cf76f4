package se.vardnav.sim.smpp;

import org.jsmpp.SMPPConstant;
import org.jsmpp.bean.Alphabet;
import org.jsmpp.bean.BindType;
import org.jsmpp.bean.BroadcastSm;
import org.jsmpp.bean.CancelBroadcastSm;
import org.jsmpp.bean.CancelSm;
import org.jsmpp.bean.DataSm;
import org.jsmpp.bean.ESMClass;
import org.jsmpp.bean.GSMSpecificFeature;
import org.jsmpp.bean.GeneralDataCoding;
import org.jsmpp.bean.MessageMode;
import org.jsmpp.bean.MessageType;
import org.jsmpp.bean.NumberingPlanIndicator;
import org.jsmpp.bean.OptionalParameter;
import org.jsmpp.bean.QueryBroadcastSm;
import org.jsmpp.bean.QuerySm;
import org.jsmpp.bean.RegisteredDelivery;
import org.jsmpp.bean.ReplaceSm;
import org.jsmpp.bean.SubmitMulti;
import org.jsmpp.bean.SubmitSm;
import org.jsmpp.bean.TypeOfNumber;
import org.jsmpp.extra.ProcessRequestException;
import org.jsmpp.session.BroadcastSmResult;
import org.jsmpp.session.DataSmResult;
import org.jsmpp.session.QueryBroadcastSmResult;
import org.jsmpp.session.QuerySmResult;
import org.jsmpp.session.SMPPServerSession;
import org.jsmpp.session.ServerMessageReceiverListener;
import org.jsmpp.session.ServerResponseDeliveryAdapter;
import org.jsmpp.session.Session;
import org.jsmpp.session.SubmitMultiResult;
import org.jsmpp.session.SubmitSmResult;
import org.jsmpp.util.DeliveryReceiptState;
import org.jsmpp.util.MessageId;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/** What the simulated SMSC does with submit_sm, and how it sends delivery receipts back. */
final class SmscHandler extends ServerResponseDeliveryAdapter implements ServerMessageReceiverListener {
    private record Due(String id, String from, String to, String preview, ZonedDateTime submitted,
                       SMPPServerSession origin) { }

    private static final DateTimeFormatter RECEIPT_DATE = DateTimeFormatter.ofPattern("yyMMddHHmm");

    final Map<SMPPServerSession, BindType> sessions = new ConcurrentHashMap<>();
    final SubmitAssembler assembler = new SubmitAssembler();
    /** Appended per submit: a copy-on-write list would copy all of it per message (10,000+ in a benchmark). */
    final List<SmppReceived> received = java.util.Collections.synchronizedList(new java.util.ArrayList<>());
    private final Map<String, Due> receiptsDue = new ConcurrentHashMap<>();
    private final Queue<Due> undelivered = new ConcurrentLinkedQueue<>();
    private final AtomicLong ids = new AtomicLong(ThreadLocalRandom.current().nextLong(1L << 32));
    private final AtomicInteger failRemaining = new AtomicInteger();
    private final ExecutorService workers;
    volatile Duration delay = Duration.ZERO;
    volatile DeliveryReceiptState receiptStatus = DeliveryReceiptState.DELIVRD;
    private volatile int failStatus;

    SmscHandler(ExecutorService workers) {
        this.workers = workers;
    }

    void failNext(int count, int commandStatus) {
        failStatus = commandStatus;
        failRemaining.set(count);
    }

    void reset() {
        failRemaining.set(0);
        delay = Duration.ZERO;
        receiptStatus = DeliveryReceiptState.DELIVRD;
        received.clear();
        receiptsDue.clear();
        undelivered.clear();
        assembler.clear();
    }

    @Override
    public SubmitSmResult onAcceptSubmitSm(SubmitSm sm, SMPPServerSession session) throws ProcessRequestException {
        pause();
        if (failRemaining.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            throw new ProcessRequestException("Simulated submit failure", failStatus);
        }
        String id = String.format("%010x", ids.incrementAndGet() & 0xFF_FFFF_FFFFL);
        int rd = sm.getRegisteredDelivery() & 0x03;
        boolean failed = receiptStatus != DeliveryReceiptState.DELIVRD;
        if (rd == 1 || (rd == 2 && failed)) {
            receiptsDue.put(id, new Due(id, sm.getSourceAddr(), sm.getDestAddress(), assembler.preview(sm, 20),
                    ZonedDateTime.now(ZoneOffset.UTC), session));
        }
        assembler.add(sm, id).ifPresent(received::add);
        try {
            return new SubmitSmResult(new MessageId(id), new OptionalParameter[0]);
        } catch (Exception e) {
            throw new ProcessRequestException("Message id rejected", SMPPConstant.STAT_ESME_RSYSERR, e);
        }
    }

    @Override
    public void onSubmitSmRespSent(SubmitSmResult result, SMPPServerSession session) {
        // Only after submit_sm_resp is on the wire, so the client knows the id before the receipt.
        Due due = receiptsDue.remove(result.getMessageId());
        if (due != null) {
            workers.execute(() -> deliver(due));
        }
    }

    /** Receipts that found no receiver bind are kept until one binds, as a real SMSC would. */
    void flushUndelivered() {
        for (Due due; (due = undelivered.poll()) != null; ) {
            Due d = due;
            workers.execute(() -> deliver(d));
        }
    }

    private void deliver(Due due) {
        SMPPServerSession target = receiverFor(due.origin);
        if (target == null) {
            undelivered.add(due);
            return;
        }
        DeliveryReceiptState stat = receiptStatus;
        String text = String.format("id:%s sub:001 dlvrd:%s submit date:%s done date:%s stat:%s err:%s text:%s",
                due.id, stat == DeliveryReceiptState.DELIVRD ? "001" : "000",
                RECEIPT_DATE.format(due.submitted), RECEIPT_DATE.format(ZonedDateTime.now(ZoneOffset.UTC)),
                stat.name(), stat == DeliveryReceiptState.DELIVRD ? "000" : "001", ascii(due.preview));
        try {
            target.deliverShortMessage("", TypeOfNumber.UNKNOWN, NumberingPlanIndicator.UNKNOWN, due.to,
                    TypeOfNumber.UNKNOWN, NumberingPlanIndicator.UNKNOWN, due.from,
                    new ESMClass(MessageMode.DEFAULT, MessageType.SMSC_DEL_RECEIPT, GSMSpecificFeature.DEFAULT),
                    (byte) 0, (byte) 0, new RegisteredDelivery(0), new GeneralDataCoding(Alphabet.ALPHA_DEFAULT),
                    text.getBytes(StandardCharsets.US_ASCII),
                    new OptionalParameter.Receipted_message_id(due.id),
                    new OptionalParameter.Message_state((byte) stat.value()));
        } catch (Exception e) {
            undelivered.add(due);
        }
    }

    /** The submitting session if it is a transceiver, else any bound receiver of the account. */
    private SMPPServerSession receiverFor(SMPPServerSession origin) {
        if (sessions.get(origin) == BindType.BIND_TRX) {
            return origin;
        }
        return sessions.entrySet().stream()
                .filter(e -> e.getValue() == BindType.BIND_RX || e.getValue() == BindType.BIND_TRX)
                .map(Map.Entry::getKey).findFirst().orElse(null);
    }

    private void pause() {
        Duration d = delay;
        if (!d.isZero()) {
            try {
                Thread.sleep(d.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static String ascii(String s) {
        // deliver_sm is sent with the default alphabet; keep the receipt text plain ASCII.
        return s.replaceAll("[^\\x20-\\x7E]", "?");
    }

    private static ProcessRequestException unsupported() {
        return new ProcessRequestException("Not supported by the simulator", SMPPConstant.STAT_ESME_RINVCMDID);
    }

    @Override
    public SubmitMultiResult onAcceptSubmitMulti(SubmitMulti m, SMPPServerSession s) throws ProcessRequestException {
        throw unsupported();
    }

    @Override
    public QuerySmResult onAcceptQuerySm(QuerySm q, SMPPServerSession s) throws ProcessRequestException {
        throw unsupported();
    }

    @Override
    public void onAcceptReplaceSm(ReplaceSm r, SMPPServerSession s) throws ProcessRequestException {
        throw unsupported();
    }

    @Override
    public void onAcceptCancelSm(CancelSm c, SMPPServerSession s) throws ProcessRequestException {
        throw unsupported();
    }

    @Override
    public BroadcastSmResult onAcceptBroadcastSm(BroadcastSm b, SMPPServerSession s) throws ProcessRequestException {
        throw unsupported();
    }

    @Override
    public void onAcceptCancelBroadcastSm(CancelBroadcastSm c, SMPPServerSession s) throws ProcessRequestException {
        throw unsupported();
    }

    @Override
    public QueryBroadcastSmResult onAcceptQueryBroadcastSm(QueryBroadcastSm q, SMPPServerSession s)
            throws ProcessRequestException {
        throw unsupported();
    }

    @Override
    public DataSmResult onAcceptDataSm(DataSm d, Session s) throws ProcessRequestException {
        throw unsupported();
    }
}
