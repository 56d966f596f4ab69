package org.shadowrec.rtp.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.shadowrec.rtp.testing.RtpPacket;

class RtpViewTest {

    private final RtpView view = new RtpView();

    /** V=2 P=1 X=1 CC=2 M=1 PT=8, two CSRCs, a 2-word extension, 5 payload bytes, 3 padding bytes. */
    static byte[] fullPacket() {
        return RtpPacket.rtp().marker(true).pt(8).seq(0xBEEF).ts(0xDEADBEEFL).ssrc(0xCAFEBABEL)
                .csrcs(123456L, 0xFFFFFFFEL).extension(0xBEDE, new byte[] {1, 2, 3, 4, 5, 6, 7, 8})
                .payload(new byte[] {10, 11, 12, 13, 14}).padding(3).bytes();
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 37})
    void reads_every_field_at_any_offset(int off) {
        byte[] packet = fullPacket();
        byte[] buf = RtpPacket.embed(packet, off, 8);
        assertEquals(RtpCheck.OK, view.wrap(buf, off, packet.length));
        assertEquals(2, view.version());
        assertTrue(view.marker());
        assertTrue(view.hasPadding());
        assertTrue(view.hasExtension());
        assertEquals(8, view.payloadType());
        assertEquals(0xBEEF, view.sequenceNumber());
        assertEquals(0xDEADBEEFL, view.timestamp());
        assertEquals(0xCAFEBABEL, view.ssrc());
        assertEquals(2, view.csrcCount());
        assertArrayEquals(new long[] {123456L, 0xFFFFFFFEL}, view.csrcs());
        assertEquals(0xBEDE, view.extensionProfile());
        assertEquals(8, view.extensionDataLength());
        assertEquals(off + 12 + 8 + 4, view.extensionDataOffset());
        assertEquals(1, buf[view.extensionDataOffset()]);
        assertEquals(off + 12 + 8 + 12, view.payloadOffset());
        assertEquals(5, view.payloadLength());
        assertEquals(3, view.paddingLength());
        for (int i = 0; i < 5; i++) {
            assertEquals(10 + i, view.payloadByte(i));
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 37})
    void trailing_junk_is_not_payload(int off) {
        byte[] packet = RtpPacket.rtp().pt(0).seq(1).payload(new byte[] {1, 2, 3}).bytes();
        byte[] buf = RtpPacket.embed(packet, off, 20);
        assertEquals(RtpCheck.OK, view.wrap(buf, off, packet.length));
        assertEquals(3, view.payloadLength());
        assertEquals(off + 12, view.payloadOffset());
    }

    @Test
    void rejects_versions_other_than_2() {
        for (int v : new int[] {0, 1, 3}) {
            byte[] p = RtpPacket.rtp().version(v).payload(new byte[4]).bytes();
            assertEquals(RtpCheck.BAD_VERSION, view.wrap(p, 0, p.length), "version " + v);
            assertFalse(view.valid());
        }
    }

    @Test
    void rejects_impossible_lengths_without_throwing() {
        byte[] p = fullPacket();
        assertEquals(RtpCheck.TOO_SHORT, view.wrap(p, 0, 11));
        assertEquals(RtpCheck.TOO_SHORT, view.wrap(p, 0, 1));
        assertEquals(RtpCheck.TOO_SHORT, view.wrap(p, 0, 0));
        assertEquals(RtpCheck.CSRC_OVERFLOW, view.wrap(p, 0, 12 + 7)); // CC=2 needs 8 more bytes
        assertEquals(RtpCheck.EXTENSION_OVERFLOW, view.wrap(p, 0, 12 + 8 + 3)); // no room for the extension header
        assertEquals(RtpCheck.EXTENSION_OVERFLOW, view.wrap(p, 0, 12 + 8 + 4 + 7)); // 2 words announced, 7 bytes
        assertEquals(RtpCheck.BAD_BOUNDS, view.wrap(p, 0, p.length + 1));
        assertEquals(RtpCheck.BAD_BOUNDS, view.wrap(p, -1, 4));
        assertEquals(RtpCheck.BAD_BOUNDS, view.wrap(p, p.length + 1, 0));
        assertEquals(RtpCheck.BAD_BOUNDS, view.wrap(p, 5, -3));
        assertEquals(RtpCheck.BAD_BOUNDS, view.wrap(null, 0, 0));
    }

    @Test
    void padding_larger_than_payload_or_zero_is_invalid() {
        byte[] p = RtpPacket.rtp().payload(new byte[] {1, 2}).padding(2).bytes();
        assertEquals(RtpCheck.OK, view.wrap(p, 0, p.length));
        assertEquals(2, view.payloadLength());
        p[p.length - 1] = 4; // padding count = the two payload bytes + the two padding bytes: payload empty
        assertEquals(RtpCheck.OK, view.wrap(p, 0, p.length));
        assertEquals(0, view.payloadLength());
        p[p.length - 1] = 5; // one more than everything after the header
        assertEquals(RtpCheck.BAD_PADDING, view.wrap(p, 0, p.length));
        p[p.length - 1] = (byte) 255;
        assertEquals(RtpCheck.BAD_PADDING, view.wrap(p, 0, p.length));
        p[p.length - 1] = 0;
        assertEquals(RtpCheck.BAD_PADDING, view.wrap(p, 0, p.length));
    }

    @ParameterizedTest
    @ValueSource(ints = {192, 200, 201, 202, 203, 204, 223})
    void rtcp_is_recognised_by_the_rfc5761_rule(int secondByte) {
        byte[] rr = {(byte) 0x80, (byte) secondByte, 0, 1, 0, 0, 0, 1}; // 8-byte RTCP header
        byte[] buf = RtpPacket.embed(rr, 37, 8);
        assertEquals(RtpCheck.RTCP, view.wrap(buf, 37, rr.length));
    }

    @ParameterizedTest
    @ValueSource(ints = {191, 224, 0, 127})
    void second_byte_outside_the_rtcp_range_is_rtp(int secondByte) {
        byte[] p = RtpPacket.rtp().payload(new byte[] {1}).bytes();
        p[1] = (byte) secondByte;
        assertEquals(RtpCheck.OK, view.wrap(p, 0, p.length));
        assertEquals(secondByte & 0x7F, view.payloadType());
    }
}
