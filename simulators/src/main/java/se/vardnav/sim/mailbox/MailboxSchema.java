package se.vardnav.sim.mailbox;

import org.w3c.dom.Node;
import org.w3c.dom.ls.LSInput;
import org.w3c.dom.ls.LSResourceResolver;
import org.xml.sax.SAXException;

import javax.xml.XMLConstants;
import javax.xml.transform.Source;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.Schema;
import javax.xml.validation.SchemaFactory;
import javax.xml.validation.Validator;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.StringReader;
import java.net.URL;

/**
 * The published Mina meddelanden schemas (connectors/mailbox/my-messages/, on the classpath under
 * {@value #CLASSPATH_DIR}): Recipient v3, Service v3 and Common v3 with everything they import, compiled
 * once. Every element on the wire (requests, answers, the applicationFault detail) is checked against them.
 * Imports resolve inside that folder; the W3C xmldsig schema's DOCTYPE points at a DTD on www.w3.org,
 * which is answered with an empty one (nothing in it is used), so nothing is fetched.
 */
public final class MailboxSchema {
    public static final String CLASSPATH_DIR = "contracts/mailbox/my-messages/";
    private static final String[] FILES = {"schema/v3/Recipient.xsd", "schema/v3/Service.xsd", "schema/v3/Common.xsd"};
    private static volatile MailboxSchema published;

    private final Schema schema;

    private MailboxSchema(Schema schema) {
        this.schema = schema;
    }

    /** The published schemas, compiled once per JVM (compiling takes a while; a Schema is thread-safe). */
    public static MailboxSchema load() {
        MailboxSchema s = published;
        if (s == null) {
            synchronized (MailboxSchema.class) {
                if (published == null) {
                    published = compile();
                }
                s = published;
            }
        }
        return s;
    }

    private static MailboxSchema compile() {
        try {
            SchemaFactory factory = SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI);
            factory.setProperty(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "file,jar");
            factory.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            factory.setResourceResolver(new NoExternalDtd());
            Source[] sources = new Source[FILES.length];
            for (int i = 0; i < FILES.length; i++) {
                URL url = MailboxSchema.class.getClassLoader().getResource(CLASSPATH_DIR + FILES[i]);
                if (url == null) {
                    throw new IllegalStateException("published schema not on the classpath: " + CLASSPATH_DIR + FILES[i]);
                }
                sources[i] = new StreamSource(url.toExternalForm());
            }
            return new MailboxSchema(factory.newSchema(sources));
        } catch (SAXException e) {
            throw new IllegalStateException("cannot compile the published Mina meddelanden schemas", e);
        }
    }

    /** Null when the element is valid, else the validator's complaint (the first one). */
    public String problems(Node element) {
        try {
            Validator validator = schema.newValidator();
            validator.setProperty(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
            validator.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            validator.validate(new DOMSource(element));
            return null;
        } catch (SAXException e) {
            return e.getMessage();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Schema documents resolve as usual; only a DTD (xmldsig's DOCTYPE) gets an empty one. */
    private static final class NoExternalDtd implements LSResourceResolver {
        @Override
        public LSInput resolveResource(String type, String namespaceUri, String publicId, String systemId, String baseUri) {
            if (systemId != null && systemId.endsWith(".dtd")) {
                return new EmptyInput(publicId, systemId, baseUri);
            }
            return null;
        }
    }

    private record EmptyInput(String publicId, String systemId, String baseUri) implements LSInput {
        @Override public Reader getCharacterStream() { return new StringReader(""); }
        @Override public void setCharacterStream(Reader characterStream) { }
        @Override public InputStream getByteStream() { return null; }
        @Override public void setByteStream(InputStream byteStream) { }
        @Override public String getStringData() { return ""; }
        @Override public void setStringData(String stringData) { }
        @Override public String getSystemId() { return systemId; }
        @Override public void setSystemId(String systemId) { }
        @Override public String getPublicId() { return publicId; }
        @Override public void setPublicId(String publicId) { }
        @Override public String getBaseURI() { return baseUri; }
        @Override public void setBaseURI(String baseURI) { }
        @Override public String getEncoding() { return null; }
        @Override public void setEncoding(String encoding) { }
        @Override public boolean getCertifiedText() { return false; }
        @Override public void setCertifiedText(boolean certifiedText) { }
    }
}
