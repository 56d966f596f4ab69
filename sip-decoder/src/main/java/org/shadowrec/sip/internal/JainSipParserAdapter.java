package org.shadowrec.sip.internal;

import gov.nist.core.NameValue;
import gov.nist.core.NameValueList;
import gov.nist.javax.sip.address.AddressImpl;
import gov.nist.javax.sip.address.GenericURI;
import gov.nist.javax.sip.address.SipUri;
import gov.nist.javax.sip.address.TelURLImpl;
import gov.nist.javax.sip.header.AddressParametersHeader;
import gov.nist.javax.sip.header.CSeq;
import gov.nist.javax.sip.header.Via;
import gov.nist.javax.sip.message.SIPMessage;
import gov.nist.javax.sip.message.SIPRequest;
import gov.nist.javax.sip.message.SIPResponse;
import gov.nist.javax.sip.parser.ParseExceptionListener;
import gov.nist.javax.sip.parser.StringMsgParser;
import java.text.ParseException;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import javax.sip.header.CallIdHeader;
import org.shadowrec.sip.api.NameAddr;
import org.shadowrec.sip.api.SipHeaderNames;

/**
 * The quarantine around the JAIN-SIP message parser (RFC 3261 §25 grammar): the ONLY class of shadowrec that imports
 * {@code gov.nist.*} or {@code javax.sip.*}. It runs {@link StringMsgParser} alone (never a SIP stack) on an instance
 * confined to the owning decoder, catches {@link ParseException} and every {@link RuntimeException} the library throws
 * for hostile input (ArrayIndexOutOfBounds, NullPointer, NumberFormat, ...), and converts the result at once into
 * {@link SipCore}.
 *
 * <p>Library state checked: {@code StringMsgParser.computeContentLengthFromMessage} is static and mutable (never
 * touched here; the body is cut by our own code, the parser gets a rebuilt header section only). {@code
 * ParserFactory.parserTable} is static and mutable (never touched). {@code Debug.debug}/{@code parserDebug} are
 * static switches that default to off; with them off the parser's {@code System.out} traces stay silent. The parser's
 * static logger resolves to log4j, which is not on our classpath: the only path that reaches it (a buffer of control
 * characters only) is never handed to the parser because the start line is checked first; the resulting {@link
 * LinkageError} would still be caught here (tested).
 */
public final class JainSipParserAdapter {
    private static final Set<String> ESSENTIAL = Set.of("from", "to", "call-id", "cseq", "via");

    private final StringMsgParser parser = new StringMsgParser();
    private final HeaderErrors errors = new HeaderErrors();

    /** Outcome of {@link #parse}. */
    public sealed interface Result permits Parsed, Failed {}

    /** Parsed fields. */
    public record Parsed(SipCore core) implements Result {}

    /** The parser refused the header section; {@code reason} is a stable counter key. */
    public record Failed(String reason, String detail) implements Result {}

    /**
     * Parses a header section: start line and header fields ending with an empty line, no body.
     *
     * @param headerSection the bytes, which this call may keep no reference to after returning
     */
    public Result parse(byte[] headerSection) {
        errors.reset();
        SIPMessage msg;
        try {
            msg = parser.parseSIPMessage(headerSection, false, false, errors);
        } catch (ParseException e) {
            return failure(errors.firstEssential != null ? errors.firstEssential : "unparsable", e);
        } catch (RuntimeException | LinkageError e) {
            return failure("parser-error", e);
        }
        if (msg == null) {
            return new Failed("empty", "no SIP message in the bytes");
        }
        try {
            return new Parsed(convert(msg));
        } catch (RuntimeException e) {
            return failure("parser-error", e);
        }
    }

    private static Failed failure(String reason, Throwable e) {
        String msg = e.getMessage() == null ? "" : ": " + e.getMessage();
        return new Failed(reason, SipBytes.printable(e.getClass().getSimpleName() + msg, 200));
    }

    private SipCore convert(SIPMessage msg) {
        boolean request = msg instanceof SIPRequest;
        String method = null;
        String requestUri = null;
        int status = 0;
        String reason = null;
        if (request) {
            SIPRequest req = (SIPRequest) msg;
            if (req.getRequestLine() == null) {
                throw new IllegalStateException("request without request line");
            }
            method = req.getMethod();
            requestUri = req.getRequestLine().getUri() == null ? null : req.getRequestLine().getUri().encode();
        } else {
            SIPResponse resp = (SIPResponse) msg;
            if (resp.getStatusLine() == null) {
                throw new IllegalStateException("response without status line");
            }
            status = resp.getStatusCode();
            reason = resp.getReasonPhrase();
        }
        CallIdHeader callId = msg.getCallId();
        CSeq cseq = (CSeq) msg.getCSeq();
        Via via = msg.getTopmostVia();
        return new SipCore(request, method, requestUri, status, reason,
                callId == null ? null : callId.getCallId(),
                nameAddr((AddressParametersHeader) msg.getFrom()),
                nameAddr((AddressParametersHeader) msg.getTo()),
                cseq == null ? -1 : cseq.getSeqNumber(),
                cseq == null ? null : cseq.getMethod(),
                via != null, via == null ? null : via.getBranch(),
                nameAddr(msg.getContactHeader()),
                errors.tolerated);
    }

    private static NameAddr nameAddr(AddressParametersHeader header) {
        if (header == null || header.getAddress() == null) {
            return null;
        }
        AddressImpl address = (AddressImpl) header.getAddress();
        String tag = header.getParameter("tag");
        if (address.isWildcard()) {
            return new NameAddr(null, "*", null, null, Map.of(), tag);
        }
        GenericURI uri = (GenericURI) address.getURI();
        if (uri == null) {
            return new NameAddr(address.getDisplayName(), null, null, null, Map.of(), tag);
        }
        String encoded = uri.encode();
        String user = null;
        String host = null;
        Map<String, String> params = Map.of();
        if (uri instanceof SipUri sip) {
            int q = encoded.indexOf('?');
            if (q >= 0) {
                encoded = encoded.substring(0, q);
            }
            user = sip.getUser();
            host = sip.getHost() == null ? null : sip.getPort() > 0 ? sip.getHost() + ":" + sip.getPort() : sip.getHost();
            params = params(sip.getParameters());
        } else if (uri instanceof TelURLImpl tel) {
            String number = tel.getPhoneNumber();
            user = number == null ? null : tel.isGlobal() ? "+" + number : number;
            params = params(tel.getParameters());
        }
        return new NameAddr(address.getDisplayName(), encoded, user, host, params, tag);
    }

    private static Map<String, String> params(NameValueList list) {
        if (list == null || list.isEmpty()) {
            return Map.of();
        }
        Map<String, String> out = new LinkedHashMap<>();
        Iterator<NameValue> it = list.iterator();
        while (it.hasNext()) {
            NameValue nv = it.next();
            Object v = nv.getValueAsObject();
            String value = v == null || v instanceof Boolean ? "" : v.toString();
            out.putIfAbsent(nv.getName().toLowerCase(Locale.ROOT), value);
        }
        return Collections.unmodifiableMap(out);
    }

    /**
     * Collects header errors: an error in a start line or an essential header (From, To, Call-ID, CSeq, Via) stops the
     * parse; any other header the library cannot read is dropped from its view and counted (our own header list
     * still holds it as received).
     */
    private static final class HeaderErrors implements ParseExceptionListener {
        private String firstEssential;
        private int tolerated;

        void reset() {
            firstEssential = null;
            tolerated = 0;
        }

        @Override
        public void handleException(ParseException ex, SIPMessage msg, @SuppressWarnings("rawtypes") Class headerClass,
                                    String headerText, String messageText) throws ParseException {
            String name = headerName(headerText);
            boolean startLine = headerClass != null
                    && (headerClass.getSimpleName().equals("RequestLine") || headerClass.getSimpleName().equals("StatusLine"));
            if (startLine) {
                firstEssential = "bad-start-line";
                throw ex;
            }
            if (name == null || ESSENTIAL.contains(name)) {
                firstEssential = "bad-" + (name == null ? "header" : name);
                throw ex;
            }
            tolerated++;
        }

        private static String headerName(String headerText) {
            if (headerText == null) {
                return null;
            }
            int colon = headerText.indexOf(':');
            return colon <= 0 ? null : SipHeaderNames.canonical(headerText.substring(0, colon));
        }
    }
}
