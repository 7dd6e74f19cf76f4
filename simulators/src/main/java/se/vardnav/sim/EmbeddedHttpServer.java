package se.vardnav.sim;

import jakarta.servlet.Servlet;
import org.apache.catalina.Context;
import org.apache.catalina.LifecycleException;
import org.apache.catalina.LifecycleState;
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
    private final ServerTls tls;
    private final Context context;
    private Connector connector;
    private int boundPort = -1;
    private boolean down;

    public EmbeddedHttpServer(int port, String contextPath, String servletPath, Servlet servlet) {
        this(port, contextPath, servletPath, servlet, null);
    }

    /** @param tls serve HTTPS and require a client certificate (null: plain HTTP) */
    public EmbeddedHttpServer(int port, String contextPath, String servletPath, Servlet servlet, ServerTls tls) {
        this.requestedPort = port;
        this.tls = tls;
        try {
            File base = Files.createTempDirectory("vardnav-sim").toFile();
            base.deleteOnExit();
            tomcat.setBaseDir(base.getAbsolutePath());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        tomcat.setConnector(newConnector(port));
        context = tomcat.addContext(contextPath, null);
        Tomcat.addServlet(context, "sim", servlet).setLoadOnStartup(1);
        context.addServletMappingDecoded(servletPath, "sim");
    }

    /** A second servlet beside the simulator's (e.g. its token endpoint); before {@link #start()}. */
    public EmbeddedHttpServer addServlet(String name, String servletPath, Servlet servlet) {
        Tomcat.addServlet(context, name, servlet).setLoadOnStartup(1);
        context.addServletMappingDecoded(servletPath, name);
        return this;
    }

    private Connector newConnector(int port) {
        connector = new Connector();
        connector.setPort(port);
        connector.setProperty("address", "127.0.0.1");
        if (tls != null) {
            connector.setScheme("https");
            connector.setSecure(true);
            connector.setProperty("SSLEnabled", "true");
            org.apache.tomcat.util.net.SSLHostConfig ssl = new org.apache.tomcat.util.net.SSLHostConfig();
            ssl.setCertificateVerification("required");
            ssl.setTruststoreFile(tls.trustStore());
            ssl.setTruststorePassword(tls.trustStorePassword());
            ssl.setTruststoreType("PKCS12");
            org.apache.tomcat.util.net.SSLHostConfigCertificate certificate = new org.apache.tomcat.util.net.SSLHostConfigCertificate(
                    ssl, org.apache.tomcat.util.net.SSLHostConfigCertificate.Type.UNDEFINED);
            certificate.setCertificateKeystoreFile(tls.keyStore());
            certificate.setCertificateKeystorePassword(tls.keyStorePassword());
            certificate.setCertificateKeystoreType("PKCS12");
            ssl.addCertificate(certificate);
            connector.addSslHostConfig(ssl);
        }
        return connector;
    }

    public synchronized EmbeddedHttpServer start() {
        try {
            tomcat.start();
        } catch (LifecycleException e) {
            throw new IllegalStateException("simulator failed to start", e);
        }
        requireStarted();
        // remember the bound port: after goDown() the new connector has none, and 0 would mean "any"
        boundPort = connector.getLocalPort();
        return this;
    }

    /** The port actually bound (useful when constructed with port 0); stable across goDown()/comeUp(). */
    public synchronized int port() {
        return boundPort > 0 ? boundPort : requestedPort;
    }

    /** Closes the listening socket: clients now get "connection refused", like a peer that is down. */
    public synchronized void goDown() {
        if (down) {
            return;
        }
        try {
            int port = port();
            // removeConnector stops it (closing open keep-alive connections too); destroy unbinds the port
            tomcat.getService().removeConnector(connector);
            connector.destroy();
            connector = newConnector(port);
            down = true;
        } catch (LifecycleException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Opens the socket again on the same port. */
    public synchronized void comeUp() {
        if (!down) {
            return;
        }
        tomcat.getService().addConnector(connector); // starts it, the service being started
        requireStarted();
        down = false;
    }

    public synchronized boolean isDown() {
        return down;
    }

    // Tomcat logs a failed bind and carries on; a simulator that is silently not listening misleads tests
    private void requireStarted() {
        if (connector.getState() != LifecycleState.STARTED || connector.getLocalPort() <= 0) {
            throw new IllegalStateException("simulator connector not listening on port " + connector.getPort()
                    + " (state " + connector.getState() + ")");
        }
    }

    @Override
    public synchronized void close() {
        try {
            tomcat.stop();
            tomcat.destroy();
        } catch (LifecycleException e) {
            throw new IllegalStateException(e);
        }
    }
}
