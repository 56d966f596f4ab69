package org.shadowrec.sip.api;

import java.util.Map;

/**
 * A From/To/Contact value (RFC 3261 §20.20, §25.1 name-addr / addr-spec).
 *
 * @param displayName display name without quotes, or null
 * @param uri the URI without header parameters, e.g. {@code sip:1001@10.0.0.1;x-nearend}
 * @param user the user part of the URI, or null
 * @param host host[:port] of the URI, or null
 * @param uriParams URI parameters in order (lower-case names; value "" for a flag such as {@code x-nearend})
 * @param tag the header's {@code tag} parameter, or null
 */
public record NameAddr(String displayName, String uri, String user, String host, Map<String, String> uriParams,
                       String tag) {}
