package se.vardnav.notification;

import java.util.List;

/** The SMS delivery suite over the 46elks-style HTTP gateway (the default configuration). */
class HttpSmsDeliveryIT extends SmsDeliverySuite {

    @Override
    protected List<Sent> received() {
        return smsGateway.received().stream().map(r -> new Sent(r.to(), r.text())).toList();
    }

    @Override
    protected void gatewayDown() {
        smsGateway.goDown();
    }

    @Override
    protected void gatewayUp() {
        smsGateway.comeUp();
    }

    @Override
    protected void reportDeliveries() {
        smsGateway.autoReport(true);
    }
}
