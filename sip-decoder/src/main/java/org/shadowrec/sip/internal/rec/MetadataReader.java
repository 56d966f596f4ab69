package org.shadowrec.sip.internal.rec;

import java.io.ByteArrayInputStream;
import java.nio.charset.Charset;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import javax.xml.XMLConstants;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import org.shadowrec.sip.api.rec.MetadataLimits;
import org.shadowrec.sip.api.rec.MetadataResult;
import org.shadowrec.sip.api.rec.RecordingMetadataDoc;

/**
 * Reads one RFC 7865 recording metadata document, or one of its vendor dialects, with StAX into a
 * {@link RecordingMetadataDoc}. Element names are matched by local name, case-insensitively, whatever the namespace of
 * the recording vocabulary; elements in any other namespace and every {@code extensiondata} element are kept as raw
 * XML fragments.
 *
 * <p>Leading white space (a blank line after the part headers) is skipped. Hardening: the JDK's built-in StAX
 * implementation is used whatever else is on the class path; size checked before reading; any DOCTYPE refused before
 * reading (byte scan for ASCII-compatible encodings) and again by the reader (DTD event, e.g. in UTF-16); the factory has DTD support, external entities,
 * entity replacement and external access switched off and a resolver that refuses everything; element count, depth
 * and text length bounded. One instance per thread (the factory is not shared across threads by contract).
 */
public final class MetadataReader {
    /** RFC 7865 §9 namespace. */
    public static final String NS_RFC7865 = "urn:ietf:params:xml:ns:recording:1";
    /** The namespace of draft-ietf-siprec-metadata, still sent by Oracle/Acme Packet SBCs. */
    public static final String NS_DRAFT = "urn:ietf:params:xml:ns:recording";

    private final MetadataLimits limits;
    private final XMLInputFactory factory;
    private boolean repaired;

    public MetadataReader(MetadataLimits limits) {
        this.limits = limits;
        this.factory = hardenedFactory();
    }

    static XMLInputFactory hardenedFactory() {
        XMLInputFactory f = XMLInputFactory.newDefaultFactory();
        f.setProperty(XMLInputFactory.SUPPORT_DTD, Boolean.FALSE);
        f.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, Boolean.FALSE);
        f.setProperty(XMLInputFactory.IS_REPLACING_ENTITY_REFERENCES, Boolean.FALSE);
        f.setProperty(XMLInputFactory.IS_NAMESPACE_AWARE, Boolean.TRUE);
        f.setProperty(XMLInputFactory.IS_COALESCING, Boolean.TRUE);
        f.setXMLResolver((publicId, systemId, baseUri, ns) -> {
            throw new XMLStreamException("external resource refused");
        });
        trySet(f, XMLConstants.ACCESS_EXTERNAL_DTD, "");
        trySet(f, XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
        trySet(f, "jdk.xml.entityExpansionLimit", "1");
        trySet(f, "jdk.xml.maxGeneralEntitySizeLimit", "1");
        return f;
    }

    private static void trySet(XMLInputFactory f, String name, Object value) {
        try {
            f.setProperty(name, value);
        } catch (IllegalArgumentException unsupported) {
            // another StAX implementation: the DTD refusal above still holds
        }
    }

    /**
     * Reads one document. Never throws because of content. A document that is not well-formed only because of
     * unquoted attribute values ({@link AttributeQuoter}) is repaired and read once more; {@link #repaired()} tells.
     */
    public MetadataResult read(byte[] buf, int off, int len) {
        repaired = false;
        while (buf != null && len > 0 && isAsciiSpace(buf[off])) {
            off++;
            len--;
        }
        MetadataResult first = readOnce(buf, off, len);
        if (!(first instanceof MetadataResult.Failed f) || !f.reason().equals("malformed-xml")) {
            return first;
        }
        String text = strictUtf8(buf, off, len);
        String quoted = text == null ? null : AttributeQuoter.quote(text);
        if (quoted == null) {
            return first;
        }
        byte[] again = quoted.getBytes(StandardCharsets.UTF_8);
        if (readOnce(again, 0, again.length) instanceof MetadataResult.Parsed p) {
            repaired = true;
            RecordingMetadataDoc d = p.doc();
            return new MetadataResult.Parsed(new RecordingMetadataDoc(d.dialect(), d.dataMode(), d.sessions(),
                    d.groups(), d.participants(), d.streams(), d.extensions(), text));
        }
        return first;
    }

    private static boolean isAsciiSpace(byte b) {
        return b == ' ' || b == '\t' || b == '\r' || b == '\n';
    }

    private static String strictUtf8(byte[] buf, int off, int len) {
        try {
            return StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(buf, off, len)).toString();
        } catch (CharacterCodingException notUtf8) {
            return null;
        }
    }

    /** True when the last {@link #read} succeeded only after quoting attribute values. */
    public boolean repaired() {
        return repaired;
    }

    private MetadataResult readOnce(byte[] buf, int off, int len) {
        if (buf == null || len <= 0) {
            return new MetadataResult.Failed("empty", "no metadata bytes");
        }
        if (len > limits.maxBytes()) {
            return new MetadataResult.Failed("too-large", len + " bytes > " + limits.maxBytes());
        }
        if (containsDoctype(buf, off, len)) {
            return new MetadataResult.Failed("dtd-refused", "document type declarations are refused");
        }
        XMLStreamReader r = null;
        try {
            r = factory.createXMLStreamReader(new ByteArrayInputStream(buf, off, len));
            String declared = r.getCharacterEncodingScheme();
            String encoding = declared != null ? declared : r.getEncoding();
            MetadataWalk walk = new MetadataWalk(r, limits);
            MetadataResult result = walk.run();
            if (result instanceof MetadataResult.Failed) {
                return result;
            }
            return new MetadataResult.Parsed(walk.build(text(buf, off, len, encoding)));
        } catch (XMLStreamException | RuntimeException e) {
            return new MetadataResult.Failed("malformed-xml", clean(e.getMessage()));
        } catch (StackOverflowError e) {
            return new MetadataResult.Failed("too-deep", "nesting too deep");
        } finally {
            if (r != null) {
                try {
                    r.close();
                } catch (XMLStreamException ignored) {
                    // nothing held
                }
            }
        }
    }

    private static String text(byte[] buf, int off, int len, String encoding) {
        Charset cs = StandardCharsets.UTF_8;
        if (encoding != null) {
            try {
                cs = Charset.forName(encoding);
            } catch (RuntimeException unknown) {
                cs = StandardCharsets.UTF_8;
            }
        }
        return new String(buf, off, len, cs);
    }

    /** ASCII scan for {@code <!DOCTYPE} (case-insensitive), allowing nothing between {@code <!} and the keyword. */
    static boolean containsDoctype(byte[] b, int off, int len) {
        byte[] key = "<!DOCTYPE".getBytes(StandardCharsets.US_ASCII);
        int end = off + len - key.length;
        outer:
        for (int i = off; i <= end; i++) {
            if (b[i] != '<') {
                continue;
            }
            for (int k = 1; k < key.length; k++) {
                int c = b[i + k];
                if (c >= 'a' && c <= 'z') {
                    c -= 32;
                }
                if (c != key[k]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }

    static String clean(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder sb = new StringBuilder(Math.min(s.length(), 300));
        for (int i = 0; i < s.length() && sb.length() < 300; i++) {
            char c = s.charAt(i);
            sb.append(c < 0x20 || c == 0x7f ? ' ' : c);
        }
        return sb.toString();
    }
}
