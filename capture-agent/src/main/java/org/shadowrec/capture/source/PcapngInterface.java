package org.shadowrec.capture.source;

/**
 * What an Interface Description Block declares about the packets of one interface of a pcapng section.
 *
 * @param linkType LINKTYPE_* value
 * @param snaplen  maximum captured length, 0 = unlimited
 * @param scale    timestamp units and offset ({@code if_tsresol}, {@code if_tsoffset})
 */
record PcapngInterface(int linkType, long snaplen, TimestampScale scale) {
}
