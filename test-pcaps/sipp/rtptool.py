#!/usr/bin/env python3
"""RTP helper for the SIPp captures (test-pcaps/sipp): sends G.711 RTP streams and sinks received ones.

send  SPEC [SPEC ...]   SPEC = src_ip:src_port,dst_ip:dst_port,file.ul,ssrc,seq,ts,pt[,drop]
                        sends every stream at the same 20 ms cadence (160 raw G.711 bytes per packet, marker bit on
                        the first packet), all packets of one tick back to back, until the shortest file ends;
                        drop = packet indices (0-based, joined by '+') this stream does not send: lost packets, the
                        sequence number and timestamp still advance
sink  SECONDS ip:port [ip:port ...]
                        binds UDP sockets and discards what arrives, so no ICMP port unreachable is produced

SIPp 3.6.1's rtp_stream plays one audio stream per call from the -mp port and picks its own SSRC; the SIPREC
captures need two or three streams per dialog from distinct ports with known SSRCs, hence this helper. SIPp starts
it from the scenario (<exec command="...">) right after the ACK, so media timing follows the signalling.
"""
import os
import select
import socket
import struct
import sys
import time


def parse(spec):
    src, dst, path, ssrc, seq, ts, pt, *rest = spec.split(",")
    drop = {int(k) for k in rest[0].split("+")} if rest and rest[0] else set()
    sip, sport = src.rsplit(":", 1)
    dip, dport = dst.rsplit(":", 1)
    with open(path, "rb") as f:
        audio = f.read()
    return {"src": (sip, int(sport)), "dst": (dip, int(dport)), "audio": audio, "ssrc": int(ssrc, 0),
            "seq": int(seq), "ts": int(ts), "pt": int(pt), "drop": drop}


def send(specs):
    streams = [parse(s) for s in specs]
    for s in streams:
        sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind(s["src"])
        s["sock"] = sock
    packets = min(len(s["audio"]) // 160 for s in streams)
    start = time.monotonic()
    for k in range(packets):
        delay = start + k * 0.020 - time.monotonic()
        if delay > 0:
            time.sleep(delay)
        for s in streams:
            if k in s["drop"]:
                continue
            header = struct.pack("!BBHII", 0x80, (0x80 if k == 0 else 0) | s["pt"], (s["seq"] + k) & 0xFFFF,
                                 (s["ts"] + 160 * k) & 0xFFFFFFFF, s["ssrc"])
            s["sock"].sendto(header + s["audio"][160 * k:160 * (k + 1)], s["dst"])


def sink(seconds, addrs):
    socks = []
    for a in addrs:
        ip, port = a.rsplit(":", 1)
        sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        sock.bind((ip, int(port)))
        socks.append(sock)
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        ready, _, _ = select.select(socks, [], [], 0.2)
        for sock in ready:
            sock.recv(65535)


if __name__ == "__main__":
    if sys.argv[1] == "send":
        send(sys.argv[2:])
    elif sys.argv[1] == "sink":
        sink(float(sys.argv[2]), sys.argv[3:])
    else:
        sys.exit("usage: rtptool.py send SPEC... | sink SECONDS ip:port...")
    sys.exit(0)
