package se.vardnav.sim.mailbox;

import org.w3c.dom.Node;
import org.xml.sax.SAXException;

import javax.xml.XMLConstants;
import javax.xml.transform.Source;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.Schema;
import javax.xml.validation.SchemaFactory;
import javax.xml.validation.Validator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The Mina meddelanden schemas in {@code connectors/mailbox/} (Recipient v3, Service v3 with the
 * message and xmldsig schemas it imports, Common v3), compiled once; resolves imports from that folder only.
 */
public final class MailboxSchema {
    public static final Path DEFAULT_DIR = Path.of("connectors", "mailbox");
    private static final String[] FILES = {"Recipient-v3.xsd", "Service-v3.xsd", "Common-v3.xsd"};

    private final Schema schema;

    private MailboxSchema(Schema schema) {
        this.schema = schema;
    }

    public static MailboxSchema load() {
        return load(DEFAULT_DIR);
    }

    public static MailboxSchema load(Path dir) {
        try {
            SchemaFactory factory = SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI);
            factory.setProperty(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "file");
            factory.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            Source[] sources = new Source[FILES.length];
            for (int i = 0; i < FILES.length; i++) {
                Path file = dir.resolve(FILES[i]).toAbsolutePath();
                if (!Files.exists(file)) {
                    throw new IllegalStateException("schema not found: " + file);
                }
                sources[i] = new StreamSource(file.toFile());
            }
            return new MailboxSchema(factory.newSchema(sources));
        } catch (SAXException e) {
            throw new IllegalStateException("cannot compile the mailbox schemas in " + dir, e);
        }
    }

    /** Null when the element is valid, else the validator's complaint. */
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
}
