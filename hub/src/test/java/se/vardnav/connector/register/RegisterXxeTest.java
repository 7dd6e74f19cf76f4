package se.vardnav.connector.register;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.Test;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A hostile register answer (SOAP over CXF) with a DOCTYPE: refused as a failed lookup, its entity never fetched. */
class RegisterXxeTest {

    @Test
    void aSoapAnswerWithADoctypeIsRefusedAndItsEntityNeverFetched() throws Exception {
        AtomicInteger fetched = new AtomicInteger();
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        int port = server.getAddress().getPort();
        server.createContext("/entity", exchange -> {
            fetched.incrementAndGet();
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        server.createContext("/register", exchange -> {
            exchange.getRequestBody().readAllBytes();
            byte[] body = ("<?xml version=\"1.0\"?>\n<!DOCTYPE Envelope [<!ENTITY xxe SYSTEM \"http://127.0.0.1:" + port + "/entity\">]>\n"
                    + "<soap:Envelope xmlns:soap=\"http://schemas.xmlsoap.org/soap/envelope/\"><soap:Body>&xxe;</soap:Body></soap:Envelope>")
                    .getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "text/xml; charset=UTF-8");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        try (CxfPopulationRegister register = new CxfPopulationRegister("http://127.0.0.1:" + port + "/register",
                Duration.ofSeconds(2), Duration.ofSeconds(5), Duration.ZERO)) {
            assertThatThrownBy(() -> register.lookup("1.2.752.129.2.1.3.1", "191212121212")).isInstanceOf(RuntimeException.class);
            assertThat(fetched).as("the entity's URL was never fetched").hasValue(0);
        } finally {
            server.stop(0);
        }
    }
}
