package se.vardnav.notification;

import org.apache.camel.ProducerTemplate;
import se.vardnav.broker.HubRoutes;

import java.util.List;

/**
 * For the few entry points that are not routes (the platform's FHIR operations: chat messages, guests, app
 * invitations): hands what a bean planned to the {@code notify} route, which queues each notice through the
 * route of its queue. Returns once every notice is on the broker (persistent, blocking send), so the caller
 * may answer the platform; throws if one could not be queued.
 */
public class NoticeQueue {
    private final ProducerTemplate routes;

    public NoticeQueue(ProducerTemplate routes) {
        this.routes = routes;
    }

    public void queue(List<? extends Notice> notices) {
        if (!notices.isEmpty()) {
            routes.sendBody(HubRoutes.NOTIFY, notices);
        }
    }

    public void queue(Notice notice) {
        queue(List.of(notice));
    }
}
