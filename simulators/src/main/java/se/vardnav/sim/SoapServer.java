package se.vardnav.sim;

import org.apache.cxf.Bus;
import org.apache.cxf.BusFactory;
import org.apache.cxf.jaxws.JaxWsServerFactoryBean;
import org.apache.cxf.transport.servlet.CXFNonSpringServlet;

/**
 * A RIV-TA/SOAP service of a simulated peer: the published contract's generated interface, served by CXF on a bus of
 * its own (closing the simulator must not shut down a client's bus) at {@code http://127.0.0.1:<port><context><path>}.
 */
public final class SoapServer implements AutoCloseable {
    private final Bus bus;
    private final EmbeddedHttpServer server;
    private final String address;

    public <T> SoapServer(int port, String contextPath, String servicePath, Class<T> contract, T implementation) {
        bus = BusFactory.newInstance().createBus();
        // published on the bus before the servlet starts: a servlet given a bus skips loadBus() and serves whatever
        // the bus's HTTP destination registry holds
        JaxWsServerFactoryBean factory = new JaxWsServerFactoryBean();
        factory.setBus(bus);
        factory.setServiceClass(contract);
        factory.setServiceBean(implementation);
        factory.setAddress(servicePath);
        factory.create();
        CXFNonSpringServlet servlet = new CXFNonSpringServlet();
        servlet.setBus(bus);
        server = new EmbeddedHttpServer(port, contextPath, "/*", servlet);
        address = contextPath + servicePath;
    }

    public SoapServer start() {
        server.start();
        return this;
    }

    public int port() {
        return server.port();
    }

    public String endpointUrl() {
        return "http://127.0.0.1:" + port() + address;
    }

    /** Refused connections until {@link #comeUp()}. */
    public void goDown() {
        server.goDown();
    }

    public void comeUp() {
        server.comeUp();
    }

    @Override
    public void close() {
        server.close();
        bus.shutdown(false);
    }
}
