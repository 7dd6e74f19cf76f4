package se.vardnav.connector.mailbox.minameddelanden;

import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

import javax.xml.crypto.AlgorithmMethod;
import javax.xml.crypto.KeySelector;
import javax.xml.crypto.KeySelectorException;
import javax.xml.crypto.KeySelectorResult;
import javax.xml.crypto.XMLCryptoContext;
import javax.xml.crypto.dsig.CanonicalizationMethod;
import javax.xml.crypto.dsig.DigestMethod;
import javax.xml.crypto.dsig.Reference;
import javax.xml.crypto.dsig.SignatureMethod;
import javax.xml.crypto.dsig.SignedInfo;
import javax.xml.crypto.dsig.Transform;
import javax.xml.crypto.dsig.XMLSignature;
import javax.xml.crypto.dsig.XMLSignatureException;
import javax.xml.crypto.dsig.XMLSignatureFactory;
import javax.xml.crypto.dsig.dom.DOMSignContext;
import javax.xml.crypto.dsig.dom.DOMValidateContext;
import javax.xml.crypto.dsig.keyinfo.KeyInfo;
import javax.xml.crypto.dsig.keyinfo.KeyInfoFactory;
import javax.xml.crypto.dsig.keyinfo.X509Data;
import javax.xml.crypto.dsig.spec.C14NMethodParameterSpec;
import javax.xml.crypto.dsig.spec.TransformParameterSpec;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;

/**
 * Enveloped XML signatures as Mina meddelanden wants them: the signature covers the whole document
 * it sits in ({@code URI=""}), exclusive canonicalisation, RSA-SHA256, the signer's certificate in
 * KeyInfo. The element to sign must be the root of its own document, so a SignedDelivery is signed
 * alone and then embedded, and a verifier copies an element into a document of its own first.
 * Exclusive c14n makes that copy independent of the namespaces around it on the wire.
 */
public final class DeliverySignatures {
    public static final String DSIG_NS = XMLSignature.XMLNS;
    /** The published contract's namespaces of SignedDelivery/Delivery and of the deliverSecure operation. */
    public static final String MESSAGE_V3_NS = "http://minameddelanden.gov.se/schema/Message/v3";
    public static final String SERVICE_V3_NS = "http://minameddelanden.gov.se/schema/Service/v3";
    private static final String XMLNS_NS = "http://www.w3.org/2000/xmlns/";

    private final PrivateKey key;
    private final X509Certificate certificate;

    public DeliverySignatures(PrivateKey key, X509Certificate certificate) {
        this.key = key;
        this.certificate = certificate;
    }

    /** Loads the signing key from a PKCS12 key store file. */
    public static DeliverySignatures fromKeyStore(Path keyStore, char[] password, String alias) {
        return fromKeyStore(() -> Files.newInputStream(keyStore), keyStore.toString(), password, alias);
    }

    /** Where a key store's bytes come from: a file, or the jar ({@code classpath:}) through the hub's resource loading. */
    @FunctionalInterface
    public interface KeyStoreSource {
        InputStream open() throws IOException;
    }

    /** Loads the signing key from a PKCS12 key store (vardnav.mailbox.signing.*); {@code name} says where it is, for errors. */
    public static DeliverySignatures fromKeyStore(KeyStoreSource keyStore, String name, char[] password, String alias) {
        try (InputStream in = keyStore.open()) {
            KeyStore ks = KeyStore.getInstance("PKCS12");
            ks.load(in, password);
            if (!(ks.getKey(alias, password) instanceof PrivateKey key)) {
                throw new IllegalStateException("no private key under alias " + alias + " in " + name);
            }
            return new DeliverySignatures(key, (X509Certificate) ks.getCertificate(alias));
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("cannot load the mailbox signing key from " + name, e);
        }
    }

    public X509Certificate certificate() {
        return certificate;
    }

    /** Appends an enveloped signature as the last child of the document's root element. */
    public void sign(Document document) {
        XMLSignatureFactory fac = XMLSignatureFactory.getInstance("DOM");
        try {
            Reference ref = fac.newReference("", fac.newDigestMethod(DigestMethod.SHA256, null),
                    List.of(fac.newTransform(Transform.ENVELOPED, (TransformParameterSpec) null),
                            fac.newTransform(CanonicalizationMethod.EXCLUSIVE, (TransformParameterSpec) null)),
                    null, null);
            SignedInfo signedInfo = fac.newSignedInfo(
                    fac.newCanonicalizationMethod(CanonicalizationMethod.EXCLUSIVE, (C14NMethodParameterSpec) null),
                    fac.newSignatureMethod(SignatureMethod.RSA_SHA256, null), List.of(ref));
            KeyInfoFactory kif = fac.getKeyInfoFactory();
            KeyInfo keyInfo = kif.newKeyInfo(List.of(kif.newX509Data(List.of(certificate))));
            DOMSignContext context = new DOMSignContext(key, document.getDocumentElement());
            context.setDefaultNamespacePrefix("ds");
            fac.newXMLSignature(signedInfo, keyInfo).sign(context);
        } catch (GeneralSecurityException | javax.xml.crypto.MarshalException | XMLSignatureException e) {
            throw new IllegalStateException("cannot sign the delivery", e);
        }
    }

    /**
     * Verifies the enveloped signature that is a direct child of {@code element}, after copying the
     * element into a document of its own. The key is the certificate in KeyInfo; a real receiver also
     * checks that certificate against the sender's registered one (see connectors/mailbox/README.md).
     */
    public static boolean verify(Element element) {
        return verify(element, null);
    }

    /** As {@link #verify(Element)}, and the certificate in KeyInfo must be {@code trusted} (when not null). */
    public static boolean verify(Element element, X509Certificate trusted) {
        Document own = newDocument();
        Element copy = (Element) own.importNode(element, true);
        own.appendChild(copy);
        copyInScopeNamespaces(element, copy);
        Element signature = directChild(own.getDocumentElement(), DSIG_NS, "Signature");
        if (signature == null) {
            return false;
        }
        try {
            DOMValidateContext context = new DOMValidateContext(new CertificateInKeyInfo(trusted), signature);
            XMLSignature xmlSignature = XMLSignatureFactory.getInstance("DOM").unmarshalXMLSignature(context);
            return xmlSignature.validate(context);
        } catch (javax.xml.crypto.MarshalException | XMLSignatureException e) {
            return false;
        }
    }

    /**
     * Declarations made on the original's ancestors (the SOAP envelope, the request wrapper) are not
     * attributes of the copy; c14n reads declarations from attributes, so they are carried over.
     */
    private static void copyInScopeNamespaces(Element original, Element copy) {
        for (Node n = original.getParentNode(); n instanceof Element ancestor; n = n.getParentNode()) {
            org.w3c.dom.NamedNodeMap attributes = ancestor.getAttributes();
            for (int i = 0; i < attributes.getLength(); i++) {
                Node a = attributes.item(i);
                if (XMLNS_NS.equals(a.getNamespaceURI()) && !copy.hasAttributeNS(XMLNS_NS, a.getLocalName())
                        && !("xmlns".equals(a.getNodeName()) && copy.hasAttribute("xmlns"))) {
                    copy.setAttributeNS(XMLNS_NS, a.getNodeName(), a.getNodeValue());
                }
            }
        }
    }

    public static Element directChild(Element parent, String ns, String localName) {
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && localName.equals(e.getLocalName()) && ns.equals(e.getNamespaceURI())) {
                return e;
            }
        }
        return null;
    }

    /**
     * One builder per thread: {@code DocumentBuilderFactory.newInstance()} scans the classpath for a provider on
     * every call (letter benchmark: ~5 % of the hub's CPU, once per signed letter), and a builder is not thread-safe.
     */
    private static final ThreadLocal<DocumentBuilder> BUILDER = ThreadLocal.withInitial(() -> {
        try {
            DocumentBuilderFactory dbf = DocumentBuilderFactory.newInstance();
            dbf.setNamespaceAware(true);
            return dbf.newDocumentBuilder();
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException(e);
        }
    });

    public static Document newDocument() {
        return BUILDER.get().newDocument();
    }

    /**
     * Parses XML from a peer: namespace-aware, no DOCTYPE (no entities, nothing fetched). A builder per thread,
     * as above; reset after use so nothing of one answer lingers into the next.
     */
    private static final ThreadLocal<DocumentBuilder> PARSER = ThreadLocal.withInitial(() -> {
        try {
            DocumentBuilderFactory dbf = DocumentBuilderFactory.newInstance();
            dbf.setNamespaceAware(true);
            dbf.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            dbf.setXIncludeAware(false);
            dbf.setExpandEntityReferences(false);
            return dbf.newDocumentBuilder();
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException(e);
        }
    });

    public static Document parse(byte[] xml) throws org.xml.sax.SAXException, IOException {
        DocumentBuilder parser = PARSER.get();
        try {
            return parser.parse(new java.io.ByteArrayInputStream(xml));
        } finally {
            parser.reset();
        }
    }

    private static final ThreadLocal<javax.xml.transform.TransformerFactory> TRANSFORMERS =
            ThreadLocal.withInitial(javax.xml.transform.TransformerFactory::newInstance);

    /** The node as XML text without a declaration: how signed XML is put on the wire, once. */
    public static String serialize(Node node) {
        try {
            javax.xml.transform.Transformer t = TRANSFORMERS.get().newTransformer();
            t.setOutputProperty(javax.xml.transform.OutputKeys.OMIT_XML_DECLARATION, "yes");
            t.setOutputProperty(javax.xml.transform.OutputKeys.ENCODING, "UTF-8");
            java.io.StringWriter out = new java.io.StringWriter();
            t.transform(new javax.xml.transform.dom.DOMSource(node), new javax.xml.transform.stream.StreamResult(out));
            return out.toString();
        } catch (javax.xml.transform.TransformerException e) {
            throw new IllegalStateException("cannot serialise XML", e);
        }
    }

    private static final class CertificateInKeyInfo extends KeySelector {
        private final X509Certificate trusted;

        CertificateInKeyInfo(X509Certificate trusted) {
            this.trusted = trusted;
        }

        @Override
        public KeySelectorResult select(KeyInfo keyInfo, Purpose purpose, AlgorithmMethod method, XMLCryptoContext context)
                throws KeySelectorException {
            if (keyInfo != null) {
                for (Object content : keyInfo.getContent()) {
                    if (content instanceof X509Data data) {
                        for (Object o : data.getContent()) {
                            if (o instanceof X509Certificate cert) {
                                if (trusted != null && !trusted.equals(cert)) {
                                    throw new KeySelectorException("signed with a certificate that is not the sender's");
                                }
                                return cert::getPublicKey;
                            }
                        }
                    }
                }
            }
            throw new KeySelectorException("no X509 certificate in KeyInfo");
        }
    }
}
