package org.shadowrec.correlator;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.shadowrec.sip.api.SipDecoder;
import org.shadowrec.sip.api.SipLimits;
import org.shadowrec.sip.api.SipMessage;
import org.shadowrec.sip.api.SipParseResult;

/**
 * Loads the labelled SIP texts of {@code src/test/resources/scenarios/*.sip} (see the README there) and decodes them
 * with the real {@link SipDecoder}: line ends become CRLF, {@code ${len}} becomes the body length, {@code ${call-id}}
 * the given Call-ID.
 */
final class SipFixtures {
    private final Map<String, byte[]> raw = new LinkedHashMap<>();
    private final SipDecoder decoder = new SipDecoder(SipLimits.defaults());

    /** Messages of the given files (later files override labels of earlier ones). */
    static SipFixtures load(String callId, String... files) {
        return load(Map.of("call-id", callId), files);
    }

    /** Messages of the given files with every {@code ${name}} replaced by {@code vars.get(name)}. */
    static SipFixtures load(Map<String, String> vars, String... files) {
        SipFixtures f = new SipFixtures();
        for (String file : files) {
            f.read(file, vars);
        }
        return f;
    }

    private void read(String file, Map<String, String> vars) {
        String text;
        try (InputStream in = SipFixtures.class.getResourceAsStream("/scenarios/" + file + ".sip")) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture " + file);
            }
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        for (String block : text.split("(?m)^### ")) {
            if (block.isBlank()) {
                continue;
            }
            int eol = block.indexOf('\n');
            String label = block.substring(0, eol).trim().split("\\s+")[0];
            raw.put(label, wire(block.substring(eol + 1), vars));
        }
    }

    private static byte[] wire(String message, Map<String, String> vars) {
        String m = message;
        for (Map.Entry<String, String> v : vars.entrySet()) {
            m = m.replace("${" + v.getKey() + "}", v.getValue());
        }
        if (m.replace("${len}", "").contains("${")) {
            throw new IllegalArgumentException("unset variable in " + m);
        }
        int split = m.indexOf("\n\n");
        String head = m.substring(0, split);
        String body = m.substring(split + 2);
        if (body.isBlank()) {
            body = "";
        } else if (!body.endsWith("\n")) {
            body = body + "\n";
        }
        String crlfBody = body.replace("\n", "\r\n");
        int len = crlfBody.getBytes(StandardCharsets.UTF_8).length;
        String crlfHead = head.replace("${len}", Integer.toString(len)).replace("\n", "\r\n");
        return (crlfHead + "\r\n\r\n" + crlfBody).getBytes(StandardCharsets.UTF_8);
    }

    /** The wire bytes of a message. */
    byte[] bytes(String label) {
        byte[] b = raw.get(label);
        if (b == null) {
            throw new IllegalArgumentException("no message labelled " + label + " in " + raw.keySet());
        }
        return b;
    }

    /** The decoded message; fails the test when the decoder refuses it. */
    SipMessage message(String label) {
        byte[] b = bytes(label);
        SipParseResult r = decoder.decode(b, 0, b.length);
        if (r instanceof SipParseResult.Parsed p) {
            return p.message();
        }
        throw new AssertionError("fixture " + label + " did not decode: " + r);
    }
}
