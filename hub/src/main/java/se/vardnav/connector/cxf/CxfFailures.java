package se.vardnav.connector.cxf;

import org.apache.cxf.transport.http.HTTPException;

/**
 * What a CXF client failure says, without its message (which may echo the request): the HTTP status
 * if the peer answered one, and the name of the deepest cause (ConnectException, SocketTimeoutException).
 * Shared by the SOAP connectors so they classify transient and permanent failures alike.
 */
public final class CxfFailures {
    private CxfFailures() {
    }

    /** The HTTP status of the peer's answer, or null when there was none (no connection, timeout). */
    public static Integer httpStatus(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof HTTPException http) {
                return http.getResponseCode();
            }
        }
        return null;
    }

    /** The simple class name of the deepest cause: names the real reason and carries no data. */
    public static String rootCauseName(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName();
    }
}
