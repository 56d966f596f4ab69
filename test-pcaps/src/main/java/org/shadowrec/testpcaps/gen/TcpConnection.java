package org.shadowrec.testpcaps.gen;

/**
 * Sequence/acknowledgement bookkeeping of one TCP connection (RFC 9293 §3.4): every segment after the SYN carries
 * ACK with the peer's next expected sequence number; SYN and FIN consume one sequence number.
 */
final class TcpConnection {
    private static final byte[] MSS_OPTION = {2, 4, 0x05, (byte) 0xB4};
    private static final byte[] NO_OPTIONS = {};
    private static final byte[] NO_DATA = {};

    private final Frames frames;
    private final Host client;
    private final Host server;
    private final int clientPort;
    private final int serverPort;
    private final int[] ipIds;
    private long clientNext;
    private long serverNext;

    TcpConnection(Frames frames, Host client, Host server, int clientPort, int serverPort, long clientIsn,
                  long serverIsn, int[] ipIds) {
        this.frames = frames;
        this.client = client;
        this.server = server;
        this.clientPort = clientPort;
        this.serverPort = serverPort;
        this.clientNext = clientIsn;
        this.serverNext = serverIsn;
        this.ipIds = ipIds;
    }

    long nextSeq(boolean fromClient) {
        return fromClient ? clientNext : serverNext;
    }

    Packet syn(long t) {
        Packet p = segment(true, t, clientNext, 0, Frames.TCP_SYN, MSS_OPTION, NO_DATA);
        clientNext = (clientNext + 1) & 0xFFFF_FFFFL;
        return p;
    }

    Packet synAck(long t) {
        Packet p = segment(false, t, serverNext, clientNext, Frames.TCP_SYN | Frames.TCP_ACK, MSS_OPTION, NO_DATA);
        serverNext = (serverNext + 1) & 0xFFFF_FFFFL;
        return p;
    }

    Packet ack(boolean fromClient, long t) {
        return segment(fromClient, t, nextSeq(fromClient), nextSeq(!fromClient), Frames.TCP_ACK, NO_OPTIONS,
                NO_DATA);
    }

    Packet data(boolean fromClient, long t, byte[] data) {
        Packet p = segment(fromClient, t, nextSeq(fromClient), nextSeq(!fromClient), Frames.TCP_ACK | Frames.TCP_PSH,
                NO_OPTIONS, data);
        advance(fromClient, data.length);
        return p;
    }

    Packet retransmit(boolean fromClient, long t, long seq, byte[] data) {
        return segment(fromClient, t, seq, nextSeq(!fromClient), Frames.TCP_ACK | Frames.TCP_PSH, NO_OPTIONS, data);
    }

    Packet fin(boolean fromClient, long t) {
        Packet p = segment(fromClient, t, nextSeq(fromClient), nextSeq(!fromClient), Frames.TCP_FIN | Frames.TCP_ACK,
                NO_OPTIONS, NO_DATA);
        advance(fromClient, 1);
        return p;
    }

    private void advance(boolean fromClient, int n) {
        if (fromClient) {
            clientNext = (clientNext + n) & 0xFFFF_FFFFL;
        } else {
            serverNext = (serverNext + n) & 0xFFFF_FFFFL;
        }
    }

    private Packet segment(boolean fromClient, long t, long seq, long ack, int flags, byte[] options, byte[] data) {
        Host src = fromClient ? client : server;
        Host dst = fromClient ? server : client;
        int sport = fromClient ? clientPort : serverPort;
        int dport = fromClient ? serverPort : clientPort;
        int id = fromClient ? ipIds[0]++ : ipIds[1]++;
        return new Packet(t, frames.tcp(src, dst, sport, dport, seq, ack, flags, options, data, id & 0xFFFF));
    }
}
