package se.vardnav.sim;

import jakarta.servlet.Servlet;
import org.apache.catalina.Context;
import org.apache.catalina.LifecycleException;
import org.apache.catalina.connector.Connector;
import org.apache.catalina.startup.Tomcat;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;

/**
 * A small Tomcat on its own loopback port that hosts one simulator servlet. Simulators get their own
 * port so that "peer down" can be a refused connection, not just an error status.
 */
public final class EmbeddedHttpServer implements AutoCloseable {
    private final Tomcat tomcat = new Tomcat();
    private final int requestedPort;
    private Connector connector;

    public EmbeddedHttpServer(int port, String contextPath, String servletPath, Servlet servlet) {
        this.requestedPort = port;
        try {
            File base = Files.createTempDirectory("vardnav-sim").toFile();
            base.deleteOnExit();
            tomcat.setBaseDir(base.getAbsolutePath());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        tomcat.setConnector(newConnector(port));
        Context ctx = tomcat.addContext(contextPath, null);
        Tomcat.addServlet(ctx, "sim", servlet).setLoadOnStartup(1);
        ctx.addServletMappingDecoded(servletPath, "sim");
    }

    private Connector newConnector(int port) {
        connector = new Connector();
        connector.setPort(port);
        connector.setProperty("address", "127.0.0.1");
        return connector;
    }

    public EmbeddedHttpServer start() {
        try {
            tomcat.start();
        } catch (LifecycleException e) {
            throw new IllegalStateException("simulator failed to start", e);
        }
        return this;
    }

    /** The port actually bound (useful when constructed with port 0). */
    public int port() {
        return connector.getLocalPort() > 0 ? connector.getLocalPort() : requestedPort;
    }

    /** Closes the listening socket: clients now get "connection refused", like a peer that is down. */
    public void goDown() {
        try {
            int port = port();
            connector.stop();
            connector.destroy();
            // keep the port for the restart
            tomcat.getService().removeConnector(connector);
            connector = newConnector(port);
        } catch (LifecycleException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Opens the socket again on the same port. */
    public void comeUp() {
        tomcat.getService().addConnector(connector);
    }

    @Override
    public void close() {
        try {
            tomcat.stop();
            tomcat.destroy();
        } catch (LifecycleException e) {
            throw new IllegalStateException(e);
        }
    }
}
