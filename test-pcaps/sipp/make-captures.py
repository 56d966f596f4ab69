#!/usr/bin/env python3
"""Makes the SIPp captures of test-pcaps (Cisco BiB, SIPREC): scenarios, traffic, capture, expected.yaml, README.md.

Usage (as root, from anywhere):  python3 test-pcaps/sipp/make-captures.py [NAME ...]     (no NAME: all of them)
       python3 test-pcaps/sipp/make-captures.py --rewrite [NAME ...]    only rewrites expected.yaml + README.md
                                                                         from the committed capture.pcap

For each capture it
  1. writes the SIPp scenarios (and injection files) into test-pcaps/sipp/<name>/ (committed: they are provenance),
  2. creates a private network namespace (ip netns add shadowrec-cap), brings its own loopback up (for
     siprec-udp-fragmented it lowers that loopback's MTU to 1500 so the kernel fragments the INVITE) and runs
     everything inside it, so no other traffic of the machine can leak into the capture,
  3. starts tcpdump on the namespace's lo, RTP sinks on every recorder media port (no ICMP for RTP), the SIPp
     recorder(s) (UAS) in the background, then the SIPp client(s) (UAC), which start rtptool.py for the media
     right after their ACK,
  4. reads the capture back with tshark, checks every planned RTP stream is there with exactly the planned packet
     count (fails otherwise), and writes expected.yaml (planned facts + what tshark saw) and README.md.

Captures are not byte-reproducible (wall-clock times, SIPp's ports); the scenarios + this script are the provenance.
"""
import os
import random
import shutil
import signal
import subprocess
import sys
import time
import uuid
from datetime import datetime, timezone

HERE = os.path.dirname(os.path.abspath(__file__))
PCAPS = os.path.dirname(HERE)
RTPTOOL = os.path.join(HERE, "rtptool.py")
WORK = "/tmp/shadowrec-sipp-captures"
NS = "shadowrec-cap"
SECONDS = 6
PACKETS = SECONDS * 50
TONE_FILES = {}

# Addresses (all inside the namespace's own loopback)
CUCM, REC, PHONE, SBC, SRS1, SRS2 = "127.0.0.10", "127.0.0.20", "127.0.0.30", "127.0.0.40", "127.0.0.21", "127.0.0.22"


# ----------------------------------------------------------------------------------------------------------------
# helpers


def sh(cmd, check=True, **kw):
    return subprocess.run(cmd, shell=isinstance(cmd, str), check=check, text=True, capture_output=True, **kw)


def ns(cmd):
    return ["ip", "netns", "exec", NS] + cmd


def tones():
    os.makedirs(WORK, exist_ok=True)
    for hz in (440, 1000, 1500):
        path = os.path.join(WORK, "t%d.ul" % hz)
        # raw u-law, 8 kHz mono, 6 s, peak 0.316 (-10 dBFS peak, like the generator's captures)
        sh(["sox", "-n", "-r", "8000", "-c", "1", "-e", "u-law", "-b", "8", "-t", "raw", path,
            "synth", str(SECONDS), "sine", str(hz), "vol", "0.316"])
        TONE_FILES[hz] = path


class Stream:
    """One planned RTP stream."""

    def __init__(self, rng, channel, src, dst, hz):
        self.channel, self.src, self.dst, self.hz = channel, src, dst, hz
        self.ssrc = rng.randrange(1, 1 << 32)
        self.seq = rng.randrange(0, 1 << 16)
        self.ts = rng.randrange(0, 1 << 32)

    def spec(self):
        return "%s,%s,%s,0x%08X,%d,%d,0" % (self.src, self.dst, TONE_FILES[self.hz], self.ssrc, self.seq, self.ts)


def rtp_exec(streams):
    return '<nop><action><exec command="python3 %s send %s"/></action></nop>' % (
        RTPTOOL, " ".join(s.spec() for s in streams))


def iso(epoch):
    sec, _, frac = epoch.partition(".")
    frac = (frac + "000000")[:6]
    t = datetime.fromtimestamp(int(sec), tz=timezone.utc)
    return t.strftime("%Y-%m-%dT%H:%M:%S") + "." + frac + "Z"


def q(s):
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'


# ----------------------------------------------------------------------------------------------------------------
# SIP message pieces

UAS_HEAD = """[last_Via:]
[last_From:]
[last_To:];tag=[pid]srs[call_number]
[last_Call-ID:]
[last_CSeq:]"""

UAS_IN_DIALOG = """[last_Via:]
[last_From:]
[last_To:]
[last_Call-ID:]
[last_CSeq:]"""


def scenario(name, body):
    return '<?xml version="1.0" encoding="ISO-8859-1" ?>\n<scenario name="%s">\n%s\n</scenario>\n' % (name, body)


def send(msg, retrans=False):
    return '  <send%s>\n    <![CDATA[\n\n%s\n\n    ]]>\n  </send>\n' % (' retrans="500"' if retrans else "", msg)


def sdp(owner, ip, version, mlines):
    lines = ["v=0", "o=%s 1735 %d IN IP4 %s" % (owner, version, ip), "s=-", "c=IN IP4 %s" % ip, "t=0 0"]
    for port, direction, label in mlines:
        lines += ["m=audio %s RTP/AVP 0" % port, "a=rtpmap:0 PCMU/8000", "a=ptime:20"]
        if label is not None:
            lines.append("a=label:%s" % label)
        lines.append("a=%s" % direction)
    return "\n".join(lines)


def multipart(sdp_text, xml):
    return "\n".join(["--srec-boundary-7c2a", "Content-Type: application/sdp", "", sdp_text, "",
                      "--srec-boundary-7c2a", "Content-Type: application/rs-metadata+xml",
                      "Content-Disposition: recording-session", "", xml, "", "--srec-boundary-7c2a--"])


# ----------------------------------------------------------------------------------------------------------------
# Cisco Built-in-Bridge


NEAR_DEV, FAR_DEV = "SEP001122334455", "SEP00AABBCCDDEE"
# SIPp injection fields use ';' as separator, so only the varying parts are fields: role, x-refci, x-farendrefci
BIB_FROM = ("<sip:1001@[local_ip];[field0];x-refci=[field1];x-nearendclusterid=CUCM-CL1;x-nearenddevice=%s;"
            "x-nearendaddr=1001;x-farendrefci=[field2];x-farendclusterid=CUCM-CL1;x-farenddevice=%s;"
            "x-farendaddr=1002>" % (NEAR_DEV, FAR_DEV))


def bib_uac():
    invite = """INVITE sip:7777@%(rec)s:5060 SIP/2.0
Via: SIP/2.0/UDP [local_ip]:[local_port];branch=[branch]
From: %(from)s;tag=[pid]-[call_number]0731
To: <sip:7777@%(rec)s>
Date: Tue, 01 Dec 2026 00:00:00 GMT
Call-ID: [call_id]
Supported: timer,resource-priority,replaces
Min-SE:  1800
User-Agent: Cisco-CUCM14.0
Allow: INVITE, OPTIONS, INFO, BYE, CANCEL, ACK, PRACK, UPDATE, REFER, SUBSCRIBE, NOTIFY
CSeq: 101 INVITE
Expires: 180
Allow-Events: presence, kpml
Max-Forwards: 70
Contact: <sip:1001@[local_ip]:[local_port];transport=udp>
Content-Length: 0""" % {"rec": REC, "from": BIB_FROM}
    ack = """ACK sip:7777@%(rec)s:5060 SIP/2.0
Via: SIP/2.0/UDP [local_ip]:[local_port];branch=[branch]
From: %(from)s;tag=[pid]-[call_number]0731
To: <sip:7777@%(rec)s>[peer_tag_param]
Date: Tue, 01 Dec 2026 00:00:01 GMT
Call-ID: [call_id]
User-Agent: Cisco-CUCM14.0
Max-Forwards: 70
CSeq: 101 ACK
Allow-Events: presence, kpml
Content-Type: application/sdp
Content-Length: [len]

%(sdp)s""" % {"rec": REC, "from": BIB_FROM,
         "sdp": sdp("CiscoSystemsCCM-SIP", "[media_ip]", 1, [("[field3]", "sendonly", None)])}
    bye = """BYE sip:7777@%(rec)s:5060 SIP/2.0
Via: SIP/2.0/UDP [local_ip]:[local_port];branch=[branch]
From: %(from)s;tag=[pid]-[call_number]0731
To: <sip:7777@%(rec)s>[peer_tag_param]
Date: Tue, 01 Dec 2026 00:00:08 GMT
Call-ID: [call_id]
User-Agent: Cisco-CUCM14.0
Max-Forwards: 70
CSeq: 102 BYE
Reason: Q.850;cause=16
Content-Length: 0""" % {"rec": REC, "from": BIB_FROM}
    body = send(invite, True)
    body += '  <recv response="100" optional="true"/>\n'
    # the recorder's SDP offer has one 5-digit number: its media port
    body += ('  <recv response="200" rtd="true">\n    <action><ereg regexp="[0-9]{5}" search_in="body" '
             'check_it="true" assign_to="rport"/></action>\n  </recv>\n')
    body += send(ack)
    body += ('  <nop><action><exec command="python3 %s send [media_ip]:[field3],%s:[$rport],[field4]"/>'
             '</action></nop>\n' % (RTPTOOL, REC))
    body += '  <pause milliseconds="%d"/>\n' % (SECONDS * 1000 + 1000)
    body += send(bye, True)
    body += '  <recv response="200" crlf="true"/>\n'
    return scenario("CUCM BiB recording leg (delayed offer)", body)


def bib_uas():
    ok = """SIP/2.0 200 OK
%(head)s
Contact: <sip:7777@[local_ip]:[local_port]>
Allow: INVITE, ACK, BYE, CANCEL, OPTIONS
Content-Type: application/sdp
Content-Length: [len]

%(sdp)s""" % {"head": UAS_HEAD, "sdp": sdp("recorder", "[local_ip]", 1, [("2000[call_number]", "recvonly", None)])}
    trying = "SIP/2.0 100 Trying\n%s\nContent-Length: 0" % UAS_IN_DIALOG
    bye_ok = "SIP/2.0 200 OK\n%s\nContent-Length: 0" % UAS_IN_DIALOG
    body = '  <recv request="INVITE" crlf="true"/>\n' + send(trying) + send(ok, True)
    body += '  <recv request="ACK" crlf="true"/>\n  <recv request="BYE"/>\n' + send(bye_ok)
    body += '  <timewait milliseconds="500"/>\n'
    return scenario("recorder answering a CUCM BiB leg", body)


def bib_legs(rng, refci, farrefci, first_call_number):
    """The two legs (near end, far end) of one BiB recording: injection lines + planned streams + facts."""
    near_dev, far_dev = NEAR_DEV, FAR_DEV
    legs = []
    for i, (role, hz) in enumerate((("x-nearend", 440), ("x-farend", 1000))):
        call_number = first_call_number + i
        phone_port = 24580 + 2 * call_number
        stream = Stream(rng, i, "%s:%d" % (PHONE, phone_port), "%s:2000%d" % (REC, call_number), hz)
        tail = "%s,0x%08X,%d,%d,0" % (TONE_FILES[hz], stream.ssrc, stream.seq, stream.ts)
        legs.append({"inf": "%s;%s;%s;%d;%s" % (role, refci, farrefci, phone_port, tail), "stream": stream, "role": role[2:]})
    facts = {"clusterId": "CUCM-CL1", "refci": refci, "farendRefci": farrefci,
             "nearEnd": {"device": near_dev, "addr": "1001"}, "farEnd": {"device": far_dev, "addr": "1002"}}
    parties = [{"number": "1001", "aor": "sip:1001@%s" % CUCM, "device": near_dev},
               {"number": "1002", "device": far_dev}]
    return legs, facts, parties


def plan_bib(name, rng, pairs):
    """pairs: list of (refci, farendRefci). One UAC run per pair (each run: the near-end and far-end legs)."""
    files = {"uas.xml": bib_uas(), "uac.xml": bib_uac()}
    uacs, recordings, sinks = [], [], []
    for p, (refci, farrefci) in enumerate(pairs):
        legs, facts, parties = bib_legs(rng, refci, farrefci, 2 * p + 1)
        inf = "legs-%d.csv" % (p + 1)
        files[inf] = "SEQUENTIAL\n" + "\n".join(l["inf"] for l in legs) + "\n"
        sinks += [l["stream"].dst for l in legs]
        uacs.append(["sipp", "-sf", "uac.xml", "-inf", inf, "-i", CUCM, "-p", "5060", "-mi", PHONE,
                     "-cid_str", "6f3a8c00-%%u%%p-%d-cucm@%%s" % (p + 1), "-m", "2", "-r", "10", "-rp", "1000",
                     "%s:5060" % REC])
        recordings.append({"kind": "bib", "bib": facts, "parties": parties,
                           "streams": [l["stream"] for l in legs], "legs": len(legs), "tones": [440, 1000],
                           "names": [None, None]})
    uas = [["sipp", "-sf", "uas.xml", "-i", REC, "-p", "5060", "-m", str(2 * len(pairs))]]
    return {"files": files, "uas": uas, "uacs": uacs, "sinks": sinks, "recordings": recordings,
            "gap": 1.0}


# ----------------------------------------------------------------------------------------------------------------
# SIPREC metadata documents (written for these captures; see README.md for where each shape comes from)

def b64id(rng):
    import base64
    return base64.b64encode(bytes(rng.randrange(256) for _ in range(16))).decode()


def rfc7865(ids, parties, labels, pad=0, partial=False, extra=""):
    """RFC 7865 §6 document: participants and streams at top level, participantstreamassoc for send/recv."""
    out = ['<?xml version="1.0" encoding="UTF-8"?>', "<recording xmlns='urn:ietf:params:xml:ns:recording:1'>",
           "<datamode>%s</datamode>" % ("partial" if partial else "complete")]
    if not partial:
        out += ['<group group_id="%s">' % ids["group"], "<associate-time>2026-12-01T00:00:00Z</associate-time>",
                "</group>", '<session session_id="%s">' % ids["session"],
                "<sipSessionID>%s</sipSessionID>" % ids["sipSessionID"],
                "<group-ref>%s</group-ref>" % ids["group"], "<start-time>2026-12-01T00:00:00Z</start-time>"]
        if pad:
            out.append('<extensiondata xmlns:pad="urn:example:shadowrec:padding">')
            out.append("<pad:filler>%s</pad:filler>" % ("x" * pad))
            out.append("</extensiondata>")
        out.append("</session>")
    for i, p in enumerate(parties):
        if partial and not p.get("changed"):
            continue
        out += ['<participant participant_id="%s">' % ids["p%d" % i], '<nameID aor="%s">' % p["aor"],
                '<name xml:lang="en">%s</name>' % p["name"], "</nameID>", "</participant>"]
    if not partial:
        for i, label in enumerate(labels):
            out += ['<stream stream_id="%s" session_id="%s">' % (ids["s%d" % i], ids["session"]),
                    "<label>%s</label>" % label, "</stream>"]
        out += ['<sessionrecordingassoc session_id="%s">' % ids["session"],
                "<associate-time>2026-12-01T00:00:00Z</associate-time>", "</sessionrecordingassoc>"]
        for i in range(len(parties)):
            out += ['<participantsessionassoc participant_id="%s" session_id="%s">' % (ids["p%d" % i], ids["session"]),
                    "<associate-time>2026-12-01T00:00:00Z</associate-time>", "</participantsessionassoc>"]
        for i in range(len(parties)):
            out.append('<participantstreamassoc participant_id="%s">' % ids["p%d" % i])
            out.append("<send>%s</send>" % ids["s%d" % i])
            out += ["<recv>%s</recv>" % ids["s%d" % j] for j in range(len(parties)) if j != i]
            out.append("</participantstreamassoc>")
    out.append(extra) if extra else None
    out.append("</recording>")
    return "\n".join(out)


def acme(ids, parties, labels):
    """Acme Packet / Oracle SBC: pre-RFC namespace urn:ietf:params:xml:ns:recording, participant id= session= with
    nameID and a nested send (no recv), stream id= with large numeric labels and mode, apkt extension data (the
    session-level one with Acme's own 'http:/' namespace typo, the participant-level one with 'http://')."""
    out = ['<?xml version=\'1.0\' encoding=\'UTF-8\'?>', "<recording xmlns='urn:ietf:params:xml:ns:recording'>",
           "<datamode>complete</datamode>", '<session id="%s">' % ids["session"],
           "<associate-time>2026-12-01T00:00:00</associate-time>",
           '<extensiondata xmlns:apkt="http:/acmepacket.com/siprec/extensiondata">',
           "<apkt:ucid>00FA080018803B69810C6D;encoding=hex</apkt:ucid>", "<apkt:callerOrig>true</apkt:callerOrig>",
           "</extensiondata>", "</session>"]
    for i, p in enumerate(parties):
        out += ['<participant id="%s" session="%s">' % (ids["p%d" % i], ids["session"]),
                '<nameID aor="%s">' % p["aor"], "<name>%s</name>" % p["name"], "</nameID>",
                "<send>%s</send>" % ids["s%d" % i], "<associate-time>2026-12-01T00:00:00</associate-time>",
                '<extensiondata xmlns:apkt="http://acmepacket.com/siprec/extensiondata">',
                "<apkt:callingParty>%s</apkt:callingParty>" % ("true" if i == 0 else "false"), "</extensiondata>",
                "</participant>"]
    for i, label in enumerate(labels):
        out += ['<stream id="%s" session="%s">' % (ids["s%d" % i], ids["session"]), "<label>%s</label>" % label,
                "<mode>separate</mode>", "<associate-time>2026-12-01T00:00:00</associate-time>", "</stream>"]
    out.append("</recording>")
    return "\n".join(out)


def broadworks(ids, parties, labels):
    """BroadWorks / Webex Calling: root recording_metadata in urn:ietf:params:xml:ns:siprec, dataMode, recording /
    group / session with urn:uuid ids, participants with a bare <aor> (no nameID, no name) and <send><id>, streams
    with label + mode, and broadWorksRecordingMetadata extension data."""
    out = ['<?xml version="1.0" encoding="UTF-8"?>', '<recording_metadata xmlns="urn:ietf:params:xml:ns:siprec">',
           "<dataMode>complete</dataMode>", '<recording id="%s">' % ids["recording"], "<requestor>SRC</requestor>",
           "<type>selective</type>", "</recording>",
           '<group id="%s" recording="%s">' % (ids["group"], ids["recording"]),
           "<initiator>%s</initiator>" % parties[-1]["aor"], "</group>",
           '<session id="%s" group="%s">' % (ids["session"], ids["group"]),
           "<start-time>2026-12-01T00:00:00+00:00</start-time>", "</session>"]
    for i, p in enumerate(parties):
        out += ['<participant id="%s" session="%s">' % (ids["p%d" % i], ids["session"]), "<aor>%s</aor>" % p["aor"],
                "<send><id>%s</id></send>" % ids["s%d" % i], "</participant>"]
    for i, label in enumerate(labels):
        out += ['<stream id="%s" session="%s">' % (ids["s%d" % i], ids["session"]), "<label>%s</label>" % label,
                "<mode>separate</mode>", "</stream>"]
    out += ['<extensiondata id="%s" parent="%s">' % (ids["ext"], ids["session"]),
            '<broadWorksRecordingMetadata xmlns="http://schema.broadsoft.com/broadworksCallRecording" '
            'version="3.0">', "<extTrackingID>48211:1</extTrackingID>",
            "<serviceProviderID>ShadowrecSP</serviceProviderID>", "<groupID>ShadowrecGroup</groupID>",
            "<userID>bob@example.com</userID>", "<callID>callhalf-48211:0</callID>",
            "<callType><termCall><callingPartyNumber>%s</callingPartyNumber><calledPartyNumber>%s"
            "</calledPartyNumber></termCall></callType>" % (parties[0]["aor"], parties[1]["aor"]),
            "<recordingType>on</recordingType>", "</broadWorksRecordingMetadata>", "</extensiondata>",
            "</recording_metadata>"]
    return "\n".join(out)


def audiocodes(ids, parties, labels):
    """AudioCodes (SBC towards SmartTAP): namespace urn:ietf:params:xml:ns:recording plus xmlns:ac, group / session
    with group-ref, participants with an empty nameID whose aor has no 'sip:' scheme, associate-time and inline
    send/recv, streams with labels."""
    out = ['<?xml version="1.0" encoding="UTF-8"?>',
           '<recording xmlns="urn:ietf:params:xml:ns:recording" xmlns:ac="http://AudioCodes">',
           "<datamode>complete</datamode>", '<group id="%s">' % ids["group"],
           "<associate-time>2026-12-01T00:00:00</associate-time>", "</group>", '<session id="%s">' % ids["session"],
           "<group-ref>%s</group-ref>" % ids["group"], "<associate-time>2026-12-01T00:00:00</associate-time>",
           "</session>"]
    for i, p in enumerate(parties):
        out += ['<participant id="%s" session="%s">' % (ids["p%d" % i], ids["session"]),
                '<nameID aor="%s"></nameID>' % p["aor"], "<associate-time>2026-12-01T00:00:00</associate-time>",
                "<send>%s</send>" % ids["s%d" % i]]
        out += ["<recv>%s</recv>" % ids["s%d" % j] for j in range(len(parties)) if j != i]
        out.append("</participant>")
    for i, label in enumerate(labels):
        out += ['<stream id="%s" session="%s">' % (ids["s%d" % i], ids["session"]), "<label>%s</label>" % label,
                "</stream>"]
    out.append("</recording>")
    return "\n".join(out)


# ----------------------------------------------------------------------------------------------------------------
# SIPREC scenarios

ALICE = {"name": "Alice", "aor": "sip:alice@example.com", "number": "alice"}
BOB = {"name": "Bob", "aor": "sip:bob@example.com", "number": "bob"}
CAROL = {"name": "Carol", "aor": "sip:carol@example.com", "number": "carol"}


def src_invite(transport, srs, body_type, body, extra_headers="", cseq=1, in_dialog=False, ruri_host=None):
    host = ruri_host or srs
    return """INVITE sip:srs@%(host)s:5060;transport=%(tl)s SIP/2.0
Via: SIP/2.0/%(t)s [local_ip]:[local_port];branch=[branch]
Max-Forwards: 70
From: <sip:src@sbc.example.com>;tag=[pid]src[call_number]
To: <sip:srs@%(host)s>%(totag)s
Call-ID: [call_id]
CSeq: %(cseq)d INVITE
Contact: <sip:src@[local_ip]:[local_port];transport=%(tl)s>;+sip.src
Require: siprec
Supported: replaces, timer
Allow: INVITE, ACK, CANCEL, BYE, OPTIONS, UPDATE
User-Agent: shadowrec-test-SRC/1.0 (SIPp)
%(extra)sContent-Type: %(ctype)s
Content-Length: [len]

%(body)s""" % {"host": host, "t": transport, "tl": transport.lower(), "cseq": cseq, "extra": extra_headers,
               "ctype": body_type, "body": body, "totag": "[peer_tag_param]" if in_dialog else ""}


def src_simple(method, transport, srs, cseq):
    return """%(m)s sip:srs@%(srs)s:5060;transport=%(tl)s SIP/2.0
Via: SIP/2.0/%(t)s [local_ip]:[local_port];branch=[branch]
Max-Forwards: 70
From: <sip:src@sbc.example.com>;tag=[pid]src[call_number]
To: <sip:srs@%(srs)s>[peer_tag_param]
Call-ID: [call_id]
CSeq: %(cseq)d %(m)s
User-Agent: shadowrec-test-SRC/1.0 (SIPp)
Content-Length: 0""" % {"m": method, "srs": srs, "t": transport, "tl": transport.lower(), "cseq": cseq}


def srs_uas(labels, ports, reinvite=False):
    ok = """SIP/2.0 200 OK
%(head)s
Contact: <sip:srs@[local_ip]:[local_port]>
Require: siprec
Allow: INVITE, ACK, BYE, CANCEL, OPTIONS, UPDATE
Content-Type: application/sdp
Content-Length: [len]

%(sdp)s"""
    offer = sdp("SRS", "[local_ip]", 1, [(p, "recvonly", l) for p, l in zip(ports, labels)])
    trying = "SIP/2.0 100 Trying\n%s\nContent-Length: 0" % UAS_IN_DIALOG
    plain_ok = "SIP/2.0 200 OK\n%s\nContent-Length: 0" % UAS_IN_DIALOG
    body = '  <recv request="INVITE" crlf="true"/>\n' + send(trying)
    body += send(ok % {"head": UAS_HEAD, "sdp": offer}, True) + '  <recv request="ACK" crlf="true"/>\n'
    if reinvite:
        body += '  <recv request="INVITE"/>\n'
        body += send(ok % {"head": UAS_IN_DIALOG, "sdp": offer.replace(" 1 IN IP4", " 2 IN IP4")}, True)
        body += '  <recv request="ACK" crlf="true"/>\n'
    body += '  <recv request="BYE"/>\n' + send(plain_ok)
    return scenario("SRS answering a recording session", body)


def plan_siprec(name, rng, transport="UDP", dialect="rfc7865", parties=(ALICE, BOB), pad=0, update=False,
                nbr=False, failover=False):
    parties = [dict(p) for p in parties]
    n = len(parties)
    labels = [str(i + 1) for i in range(n)]
    srs = SRS2 if failover else REC
    src_ports = [40000 + 2 * i for i in range(n)]
    srs_ports = [30000 + 2 * i for i in range(n)]
    hz = [440, 1000, 1500][:n]
    streams = [Stream(rng, i, "%s:%d" % (SBC, src_ports[i]), "%s:%d" % (srs, srs_ports[i]), hz[i]) for i in range(n)]
    ids = {"session": b64id(rng), "group": b64id(rng),
           "sipSessionID": "%032x;remote=%032x" % (rng.getrandbits(128), rng.getrandbits(128))}
    for i in range(n):
        ids["p%d" % i], ids["s%d" % i] = b64id(rng), b64id(rng)
    if dialect == "broadworks":
        # BroadWorks: urn:uuid ids; participants carry only an AOR (no display name)
        for k in ("session", "group", "recording", "ext") + tuple("p%d" % i for i in range(n)) + tuple(
                "s%d" % i for i in range(n)):
            ids[k] = "urn:uuid:%s" % uuid.UUID(int=rng.getrandbits(128), version=4)
        parties = [{"number": p["number"], "aor": p["aor"]} for p in parties]
    elif dialect == "acme":
        labels = [str(553654187 + i) for i in range(n)]     # Acme labels are large numbers
    elif dialect == "audiocodes":
        # AudioCodes writes the AOR without its scheme; expected.yaml keeps it verbatim
        # and leaves nameID empty (no display name)
        parties = [{"number": p["number"], "aor": p["aor"][len("sip:"):]} for p in parties]
    offer = sdp("SBC", SBC, 1, [(p, "sendonly", None if nbr else l) for p, l in zip(src_ports, labels)])
    extra = ""
    if nbr:
        # NBR names participants only by URI: no display names, the recording's parties come from the headers
        parties = [{"number": p["number"], "aor": "sip:%s@127.0.0.5%d" % (p["number"], i)}
                   for i, p in enumerate(parties)]
        ctype, body = "application/sdp", offer
        # bare URI + media-index parameter, as in Cisco's NBR debug output
        extra = "".join('X-Cisco-Recording-Participant: %s;media-index="%d"\n' % (p["aor"], i)
                        for i, p in enumerate(parties))
        extra += "Session-ID: %s;remote=%s\n" % (ids["sipSessionID"][:32], ids["sipSessionID"][-32:])
        session_id = None
    else:
        doc = {"rfc7865": rfc7865, "acme": acme, "broadworks": broadworks, "audiocodes": audiocodes}[dialect]
        xml = doc(ids, parties, labels, pad=pad) if dialect == "rfc7865" else doc(ids, parties, labels)
        ctype, body = "multipart/mixed;boundary=srec-boundary-7c2a", multipart(offer, xml)
        session_id = ids["session"]
    invite = src_invite(transport, srs, ctype, body, extra)
    if failover:
        # SRS1 never answers. SIPp's own retransmission gives up by aborting the call (and sending CANCEL), so
        # the RFC 3261 timer A retransmissions are written out: the identical request (same branch) at 0, 0.5,
        # 1.5 and 3.5 s; at 4 s the SRC gives up on SRS1 and sends the request to SRS2 with a new branch.
        first = invite.replace(srs, SRS1).replace("branch=[branch]", "branch=z9hG4bK-[pid]-srs1-attempt")
        uac = ""
        for wait in (500, 1000, 2000, 500):
            uac += send(first) + '  <pause milliseconds="%d"/>\n' % wait
        uac += '  <nop><action><setdest host="%s" port="5060" protocol="udp"/></action></nop>\n' % SRS2
        uac += send(invite, True)
    else:
        uac = send(invite, True)
    uac += '  <recv response="100" optional="true"/>\n  <recv response="200" rtd="true"/>\n'
    uac += send(src_simple("ACK", transport, srs, 1))
    uac += "  " + rtp_exec(streams) + "\n"
    metadata_change = None
    if update:
        uac += '  <pause milliseconds="3000"/>\n'
        parties[1]["name"], parties[1]["changed"] = "Robert Example", True
        partial = rfc7865(ids, parties, labels, partial=True)
        offer2 = offer.replace(" 1 IN IP4", " 2 IN IP4")
        uac += send(src_invite(transport, srs, "multipart/mixed;boundary=srec-boundary-7c2a",
                               multipart(offer2, partial), cseq=2, in_dialog=True), True)
        uac += '  <recv response="100" optional="true"/>\n  <recv response="200"/>\n'
        uac += send(src_simple("ACK", transport, srs, 2))
        uac += '  <pause milliseconds="%d"/>\n' % (SECONDS * 1000 - 3000 + 1000)
        metadata_change = "re-INVITE at about 3 s: datamode partial, participant %s renamed Bob -> %s" % (
            ids["p1"], parties[1]["name"])
    else:
        uac += '  <pause milliseconds="%d"/>\n' % (SECONDS * 1000 + 1000)
    uac += send(src_simple("BYE", transport, srs, 3 if update else 2), True)
    uac += '  <recv response="200" crlf="true"/>\n'
    t = "t1" if transport == "TCP" else "u1"
    files = {"uac.xml": scenario("SIPREC SRC (%s)" % name, uac),
             "uas.xml": srs_uas([None] * n if nbr else labels, srs_ports, reinvite=update)}
    remote = SRS1 if failover else srs
    uacs = [["sipp", "-sf", "uac.xml", "-i", SBC, "-p", "5060", "-t", t, "-m", "1",
             "-cid_str", "%%u-%%p-%s@%%s" % name, "%s:5060" % remote]]
    uas = [["sipp", "-sf", "uas.xml", "-i", srs, "-p", "5060", "-t", t, "-m", "1"]]
    facts = {"dialect": "cube-nbr" if nbr else dialect, "participants": parties}
    if session_id:
        facts["sessionId"] = session_id
    rec = {"kind": "siprec", "siprec": facts, "parties": parties, "streams": streams, "tones": hz,
           "metadataChange": metadata_change}
    if failover:
        rec["attempts"] = [{"recorder": "%s:5060" % SRS1, "answered": False},
                           {"recorder": "%s:5060" % SRS2, "answered": True}]
    return {"files": files, "uas": uas, "uacs": uacs, "sinks": [s.dst for s in streams], "recordings": [rec],
            "mtu": 1500 if pad else None, "transport": transport}


CAPTURES = {
    "bib-pair": (lambda r: plan_bib("bib-pair", r, [("25158437", "25158438")]),
                 "Cisco CUCM Built-in-Bridge recording: near-end and far-end legs (two dialogs) of one call"),
    "bib-hold-resume": (lambda r: plan_bib("bib-hold-resume", r, [("25158437", "25158438"), ("25158441", "25158442")]),
                        "BiB: the phone holds (CUCM BYEs the pair) and resumes (new pair, new x-refci): two "
                        "recordings of the same near-end device"),
    "siprec-rfc7865-tcp": (lambda r: plan_siprec("siprec-rfc7865-tcp", r, transport="TCP"),
                           "SIPREC over TCP, RFC 7865 metadata, two participants, two labelled streams"),
    "siprec-udp-fragmented": (lambda r: plan_siprec("siprec-udp-fragmented", r, pad=1400),
                              "SIPREC over UDP, INVITE > 1500 bytes fragmented by the kernel (loopback MTU 1500)"),
    "siprec-broadworks": (lambda r: plan_siprec("siprec-broadworks", r, dialect="broadworks"),
                          "SIPREC with BroadWorks-style metadata (recording_metadata root)"),
    "siprec-acme": (lambda r: plan_siprec("siprec-acme", r, dialect="acme"),
                    "SIPREC with Acme Packet-style metadata (draft namespace, send/recv inside participant)"),
    "siprec-audiocodes": (lambda r: plan_siprec("siprec-audiocodes", r, dialect="audiocodes"),
                          "SIPREC with AudioCodes-style metadata (RFC namespace, inline send/recv)"),
    "siprec-metadata-update": (lambda r: plan_siprec("siprec-metadata-update", r, update=True),
                               "SIPREC with a mid-call re-INVITE carrying a partial metadata update"),
    "siprec-three-participants": (lambda r: plan_siprec("siprec-three-participants", r,
                                                        parties=(ALICE, BOB, CAROL)),
                                  "SIPREC with three participants and three streams"),
    "siprec-cube-nbr": (lambda r: plan_siprec("siprec-cube-nbr", r, nbr=True),
                        "Cisco CUBE network-based recording: no XML, X-Cisco-Recording-Participant headers"),
    "siprec-srs-failover": (lambda r: plan_siprec("siprec-srs-failover", r, failover=True),
                            "SIPREC: SRS1 never answers (INVITE retransmitted, ICMP port unreachable), SRS2 takes it"),
}


# ----------------------------------------------------------------------------------------------------------------
# running


def setup_ns(mtu):
    subprocess.run(["ip", "netns", "del", NS], capture_output=True)
    sh(["ip", "netns", "add", NS])
    sh(ns(["ip", "link", "set", "lo", "up"]))
    if mtu:
        sh(ns(["ip", "link", "set", "lo", "mtu", str(mtu)]))


def wait_for_senders():
    """rtptool.py senders started by SIPp's <exec> may outlive the UAC when the machine is slow: let them finish."""
    for _ in range(150):
        r = subprocess.run(["pgrep", "-f", RTPTOOL + " send"], capture_output=True)
        if r.returncode != 0:
            return
        time.sleep(0.1)
    raise SystemExit("rtptool.py senders still running")


def run_capture(name):
    make, description = CAPTURES[name]
    rng = random.Random("shadowrec:" + name)
    plan = make(rng)
    sdir = os.path.join(HERE, name)
    shutil.rmtree(sdir, ignore_errors=True)
    os.makedirs(sdir)
    for fname, text in plan["files"].items():
        with open(os.path.join(sdir, fname), "w") as f:
            f.write(text)
    out = os.path.join(PCAPS, name)
    os.makedirs(out, exist_ok=True)
    pcap = os.path.join(out, "capture.pcap")
    tmp_pcap = os.path.join(WORK, name + ".pcap")
    setup_ns(plan.get("mtu"))
    if os.path.exists(os.path.join(WORK, name + "-err.log")):
        os.remove(os.path.join(WORK, name + "-err.log"))
    logs = open(os.path.join(WORK, name + ".log"), "w")
    dump = subprocess.Popen(ns(["tcpdump", "-i", "lo", "-s", "0", "-U", "-w", tmp_pcap]), stdout=logs, stderr=logs)
    time.sleep(1.0)
    sink = subprocess.Popen(ns(["python3", RTPTOOL, "sink", "60"] + plan["sinks"]), stdout=logs, stderr=logs)
    common = ["-nostdin", "-timeout", "40s", "-timeout_error", "-trace_err",
              "-error_file", os.path.join(WORK, name + "-err.log")]
    uas = [subprocess.Popen(ns(c + common), cwd=sdir, stdout=logs, stderr=logs) for c in plan["uas"]]
    try:
        time.sleep(0.5)
        for i, c in enumerate(plan["uacs"]):
            if i:
                time.sleep(plan.get("gap", 0))
            r = subprocess.run(ns(c + common), cwd=sdir, stdout=logs, stderr=logs)
            if r.returncode != 0:
                raise SystemExit("%s: UAC %d failed (%d), see %s" % (name, i, r.returncode, WORK))
        for p in uas:
            if p.wait(timeout=30) != 0:
                raise SystemExit("%s: UAS failed, see %s" % (name, WORK))
        wait_for_senders()
        time.sleep(0.5)
    finally:
        for p in uas:
            if p.poll() is None:
                p.terminate()
        dump.send_signal(signal.SIGINT)
        dump.wait(timeout=10)
        sink.terminate()
        sink.wait(timeout=10)
        logs.close()
        subprocess.run(["ip", "netns", "del", NS], capture_output=True)
    shutil.copyfile(tmp_pcap, pcap)
    os.chmod(pcap, 0o644)
    write_expected(name, description, plan, out)
    print("%s: ok" % name)


def tshark(pcap, *args):
    return sh(["tshark", "-r", pcap] + list(args)).stdout


def write_expected(name, description, plan, out):
    pcap = os.path.join(out, "capture.pcap")
    times = tshark(pcap, "-T", "fields", "-e", "frame.time_epoch").split()
    frames = len(times)
    sip = [l.split("\t") for l in tshark(pcap, "-Y", "sip && !icmp", "-T", "fields", "-e", "frame.time_epoch",
                                         "-e", "sip.Call-ID", "-e", "sip.Method", "-e", "sip.Status-Code",
                                         "-e", "sip.from.tag", "-e", "sip.to.tag", "-e", "sip.CSeq.method",
                                         "-e", "ip.dst", "-e", "udp.dstport", "-e", "tcp.dstport", "-e", "ip.fragment")
           .splitlines()]
    rtp = {}
    for l in tshark(pcap, "--enable-heuristic", "rtp_udp", "-Y", "rtp && !sip && !icmp", "-T", "fields",
                    "-e", "frame.time_epoch", "-e", "ip.src", "-e", "udp.srcport", "-e", "ip.dst",
                    "-e", "udp.dstport", "-e", "rtp.ssrc", "-e", "rtp.seq", "-e", "rtp.timestamp",
                    "-e", "rtp.p_type").splitlines():
        t, src, sport, dst, dport, ssrc, seq, ts, pt = l.split("\t")
        rtp.setdefault(int(ssrc, 16), []).append((t, "%s:%s" % (src, sport), "%s:%s" % (dst, dport),
                                                  int(seq), int(ts), int(pt)))
    planned = [s for r in plan["recordings"] for s in r["streams"]]
    if sorted(rtp) != sorted(s.ssrc for s in planned):
        raise SystemExit("%s: SSRCs seen %s, planned %s" % (name, [hex(x) for x in rtp],
                                                             [hex(s.ssrc) for s in planned]))
    icmp = len(tshark(pcap, "-Y", "icmp.type == 3 && icmp.code == 3", "-T", "fields", "-e", "frame.number").split())
    lines = ["# What a correct recorder must produce from capture.pcap.",
             "# Written by test-pcaps/sipp/make-captures.py from its plan and tshark's reading of the capture: do "
             "not edit.", "capture: capture.pcap", "format: pcap-us-le", "packets: %d          # frames in the file"
             % frames, "recordings:"]
    invites = [m for m in sip if m[2] == "INVITE" and m[6] == "INVITE"]
    byes = [m for m in sip if m[2] == "BYE"]
    call_order = []
    for m in invites:
        if m[1] not in call_order:
            call_order.append(m[1])
    leg = 0
    for ri, rec in enumerate(plan["recordings"]):
        n_legs = rec.get("legs", 1)
        call_ids = call_order[leg:leg + n_legs]
        leg += n_legs
        first = call_ids[0]
        inv = next(m for m in invites if m[1] == first)
        bye = [m for m in byes if m[1] in call_ids][-1]
        ok = next(m for m in sip if m[1] == first and m[3] == "200" and m[6] == "INVITE" and m[5])
        lines += ["  - callId: %s" % q(first), "    fromTag: %s" % q(inv[4]), "    toTag: %s" % q(ok[5]),
                  "    sipTransport: %s" % plan.get("transport", "UDP"), "    inviteTime: %s" % q(iso(first_frame_time(inv, times))),
                  "    byeTime: %s" % q(iso(bye[0])), "    endReason: bye",
                  "    audioSeconds: %d.000        # nominal RTP span per stream: packets sent x 20 ms" % SECONDS,
                  "    kind: %s" % rec["kind"]]
        if len(call_ids) > 1:
            lines.append("    callIds: [%s]" % ", ".join(q(c) for c in call_ids))
        if rec["kind"] == "bib":
            b = rec["bib"]
            lines += ["    bib:", "      clusterId: %s" % q(b["clusterId"]), "      refci: %s" % q(b["refci"]),
                      "      farendRefci: %s" % q(b["farendRefci"]),
                      "      nearEnd: { device: %s, addr: %s }" % (q(b["nearEnd"]["device"]), q(b["nearEnd"]["addr"])),
                      "      farEnd: { device: %s, addr: %s }" % (q(b["farEnd"]["device"]), q(b["farEnd"]["addr"]))]
            if ri > 0:
                lines += ["    related:", "      - { recording: %d, reason: %s }" % (ri - 1, q("same-near-end-device"))]
        if rec["kind"] == "siprec":
            s = rec["siprec"]
            lines.append("    siprec:")
            if "sessionId" in s:
                lines.append("      sessionId: %s" % q(s["sessionId"]))
            lines.append("      dialect: %s" % s["dialect"])
            lines.append("      participants:            # in channel order")
            for p in s["participants"]:
                nm = "name: %s, " % q(p["name"]) if p.get("name") else ""
                lines.append("        - { %saor: %s }" % (nm, q(p["aor"])))
            if rec.get("metadataChange"):
                lines.append("      # %s" % rec["metadataChange"])
        if "attempts" in rec:
            lines.append("    attempts:                  # recorders offered this recording, in order")
            for a in rec["attempts"]:
                sent = [m for m in invites if m[7] + ":" + (m[8] or m[9]) == a["recorder"]]
                lines.append("      - { recorder: %s, callId: %s, invites: %d, answered: %s, icmpUnreachable: %d }"
                             % (q(a["recorder"]), q(sent[0][1]), len(sent), "true" if a["answered"] else "false",
                                icmp if not a["answered"] else 0))
        lines.append("    channels:")
        for s in rec["streams"]:
            pk = rtp[s.ssrc]
            if len(pk) != PACKETS:
                raise SystemExit("%s: stream 0x%08X has %d packets, planned %d" % (name, s.ssrc, len(pk), PACKETS))
            if {p[1] for p in pk} != {s.src} or {p[2] for p in pk} != {s.dst}:
                raise SystemExit("%s: stream 0x%08X addresses differ from the plan" % (name, s.ssrc))
            party = rec["parties"][s.channel]
            pf = []
            if party.get("name"):
                pf.append("name: %s" % q(party["name"]))
            if party.get("number"):
                pf.append("number: %s" % q(party["number"]))
            if party.get("aor"):
                pf.append("aor: %s" % q(party["aor"]))
            if party.get("device"):
                pf.append("device: %s" % q(party["device"]))
            lines += ["      - index: %d" % s.channel, "        toneHz: %d" % s.hz,
                      "        party: { %s }" % ", ".join(pf), "        streams:",
                      "          - ssrc: \"0x%08X\"" % s.ssrc, "            src: %s" % q(s.src),
                      "            dst: %s" % q(s.dst), "            codec: PCMU", "            payloadType: 0",
                      "            packets: %d" % len(pk), "            lost: 0", "            duplicates: 0",
                      "            reordered: 0", "            firstSeq: %d" % pk[0][3],
                      "            firstTimestamp: %d" % pk[0][4], "            firstSeen: %s" % q(iso(pk[0][0])),
                      "            lastSeen: %s" % q(iso(pk[-1][0]))]
            if pk[0][3] != s.seq or pk[0][4] != s.ts:
                raise SystemExit("%s: first packet of 0x%08X is not packet 0" % (name, s.ssrc))
    with open(os.path.join(out, "expected.yaml"), "w") as f:
        f.write("\n".join(lines) + "\n")
    write_readme(name, description, plan, out, frames)


def first_frame_time(msg, times):
    """Capture time of a message's first frame: its first IP fragment when tshark reassembled it."""
    if len(msg) > 10 and msg[10]:
        return times[min(int(f) for f in msg[10].split(",")) - 1]
    return msg[0]


def write_readme(name, description, plan, out, frames):
    pcap = os.path.join(out, "capture.pcap")
    sipstat = tshark(pcap, "-q", "--enable-heuristic", "rtp_udp", "-z", "sip,stat")
    streams = tshark(pcap, "-q", "--enable-heuristic", "rtp_udp", "-z", "rtp,streams")
    siplist = tshark(pcap, "-Y", "sip || icmp")
    version = sh(["tshark", "--version"]).stdout.splitlines()[0].rstrip(".")
    sipp = (sh(["sipp", "-v"], check=False).stdout + sh(["sipp", "-v"], check=False).stderr).strip().splitlines()
    sipp = next((l.strip().rstrip(".") for l in sipp if "SIPp" in l), "SIPp")
    dump = sh(["tcpdump", "--version"], check=False).stdout.splitlines()[0]
    sdir = "test-pcaps/sipp/%s" % name
    cmds = []
    if plan.get("mtu"):
        cmds.append("ip netns exec %s ip link set lo mtu %d" % (NS, plan["mtu"]))
    for hz in sorted({s.hz for r in plan["recordings"] for s in r["streams"]}):
        cmds.append("sox -n -r 8000 -c 1 -e u-law -b 8 -t raw %s/t%d.ul synth %d sine %d vol 0.316"
                    % (WORK, hz, SECONDS, hz))
    cmds.append("ip netns exec %s tcpdump -i lo -s 0 -U -w %s/%s.pcap &    # copied to capture.pcap" % (NS, WORK, name))
    cmds.append("ip netns exec %s python3 test-pcaps/sipp/rtptool.py sink 60 %s &" % (NS, " ".join(plan["sinks"])))
    common = "-nostdin -timeout 40s -timeout_error -trace_err"
    for c in plan["uas"]:
        cmds.append("(cd %s && ip netns exec %s %s %s) &" % (sdir, NS, " ".join(c), common))
    for c in plan["uacs"]:
        cmds.append("(cd %s && ip netns exec %s %s %s)" % (sdir, NS, " ".join(c), common))
    rec = plan["recordings"]
    text = ["# %s" % name, "", description + ".", "",
            "- file: `capture.pcap` (pcap-us-le, Ethernet: Linux loopback), %d frames" % frames,
            "- recordings: %d; every RTP stream: %d packets of 20 ms G.711 µ-law (PCMU, PT 0), %d s" % (
                len(rec), PACKETS, SECONDS),
            "- tones: channel 0 (near end / first participant) 440 Hz, channel 1 (far end / second) 1000 Hz, "
            "channel 2 (third) 1500 Hz, made with sox, peak -10 dBFS",
            "- the facts a recorder must reproduce are in `expected.yaml` (schema: `../README.md`, extensions for "
            "BiB / SIPREC documented in `ExpectedResult`)",
            "- provenance: made with SIPp on this project's own machine, in a private network namespace "
            "(addresses 127.0.0.x on the namespace's loopback); no real traffic, no personal data, same licence "
            "as the project", ""]
    text += notes(name)
    text += ["", "## How it was made", "",
             "Tools: %s; %s; %s; sox 14.4.2; Python %s." % (sipp, dump, version, sys.version.split()[0]), "",
             "`python3 test-pcaps/sipp/make-captures.py %s` (as root) re-creates it: it writes the SIPp scenarios "
             "to `%s/`, then runs, in a fresh namespace `%s` (`ip netns add %s; ip netns exec %s ip link set lo up`):"
             % (name, sdir, NS, NS, NS), "", "```"] + cmds + ["```", "",
             "Media: the client scenario runs `test-pcaps/sipp/rtptool.py send ...` right after its ACK (SIPp "
             "`<exec command>`): one 20 ms tick sends one packet per stream, marker bit on packet 0, SSRC / first "
             "sequence number / first timestamp from the plan (seeded by the capture name). The capture is not "
             "byte-reproducible (wall-clock times, SIPp's TCP ports); the scenarios and the script are the "
             "provenance. Every UDP and TCP checksum in the capture is the kernel's partial value (loopback checksum "
             "offload; `tshark -o udp.check_checksum:TRUE` reports them bad): a recorder must not drop packets "
             "for a bad L4 checksum.", "",
             "## tshark's view", "", "`tshark -r capture.pcap -q --enable-heuristic rtp_udp -z rtp,streams`", "",
             "```", streams.rstrip(), "```", "",
             "`tshark -r capture.pcap -q --enable-heuristic rtp_udp -z sip,stat`", "", "```", sipstat.rstrip(), "```",
             "", "`tshark -r capture.pcap -Y 'sip || icmp'`", "", "```", siplist.rstrip(), "```", ""]
    with open(os.path.join(out, "README.md"), "w") as f:
        f.write("\n".join(text))


def notes(name):
    n = {
        "bib-pair": [
            "CUCM (127.0.0.10) opens two dialogs to the recorder (127.0.0.20:5060), one per recorded voice, each "
            "with its own Call-ID and From tag, delayed offer (INVITE without SDP). The From URI carries the BiB "
            "parameters: `x-nearend` (first INVITE, the agent's own voice) or `x-farend` (second INVITE, the other "
            "party's voice), `x-refci`, `x-nearendclusterid`, `x-nearenddevice`, `x-nearendaddr`, `x-farendrefci`, "
            "`x-farendclusterid`, `x-farenddevice`, `x-farendaddr` (shape from Cisco's CUCM recording use-case "
            "guide). The recorder answers 200 OK with an SDP offer (`a=recvonly`, port 20001 / 20002); CUCM's ACK "
            "carries the answer with the PHONE's address (127.0.0.30) and `a=sendonly`; the phone's built-in "
            "bridge then sends both streams from 127.0.0.30 (ports 24582 and 24584). CUCM sends BYE on both.",
            "", "Channel 0 = near end (leg with `x-nearend`, 440 Hz), channel 1 = far end (`x-farend`, 1000 Hz)."],
        "bib-hold-resume": [
            "Like `bib-pair`, twice: the first pair (x-refci 25158437 / 25158438) is ended by CUCM with BYE on both "
            "legs when the phone holds; about 1 s later the phone resumes and CUCM opens a NEW pair (x-refci "
            "25158441 / 25158442, new Call-IDs, recorder ports 20003 / 20004, phone ports 24586 / 24588). Two "
            "recordings, linked because they have the same near-end device (SEP001122334455) and cluster; "
            "expected.yaml says so with `related`."],
        "siprec-rfc7865-tcp": [
            "The SRC (an SBC, 127.0.0.40) sends INVITE over TCP to the SRS (127.0.0.20:5060) with `Require: "
            "siprec`, `Contact: ...;+sip.src` and a multipart/mixed body: application/sdp with two m-lines "
            "(`a=label:1`, `a=label:2`, `a=sendonly`) and application/rs-metadata+xml (`Content-Disposition: "
            "recording-session`) in RFC 7865 form: Alice (sip:alice@example.com) sends the stream labelled 1, Bob "
            "(sip:bob@example.com) the stream labelled 2 (participantstreamassoc). The SRS answers 200 OK with "
            "`a=recvonly` on both. RTP from 127.0.0.40:40000 (440 Hz) and :40002 (1000 Hz) to 127.0.0.20:30000 / "
            ":30002."],
        "siprec-udp-fragmented": [
            "As `siprec-rfc7865-tcp` but SIP over UDP, and the metadata carries a 1,400-byte `<extensiondata>` "
            "filler, so the INVITE is larger than 1,500 bytes. The namespace's loopback MTU is set to 1500 "
            "(`ip netns exec shadowrec-cap ip link set lo mtu 1500`) before tcpdump starts, so the kernel sends "
            "the INVITE as IPv4 fragments (in order); tcpdump sees the fragments, tshark reassembles them."],
        "siprec-broadworks": [
            "As `siprec-rfc7865-tcp` over UDP, metadata in the Cisco BroadWorks / Webex Calling shape: root "
            "`recording_metadata` in namespace `urn:ietf:params:xml:ns:siprec`, `dataMode`, `recording` (requestor, "
            "type) / `group` (initiator) / `session` with `urn:uuid:` ids, each participant with a bare `<aor>` (no "
            "nameID, no display name) and `<send><id>stream id</id></send>`, streams with `label` and `mode`, and "
            "`broadWorksRecordingMetadata` extension data (namespace "
            "`http://schema.broadsoft.com/broadworksCallRecording`). Shape taken from BroadWorks documents quoted in "
            "a public SIPREC recorder's tests (found with the search tool); the document itself is ours. No names: "
            "expected.yaml has only AORs."],
        "siprec-acme": [
            "As `siprec-rfc7865-tcp` over UDP, metadata in the Acme Packet / Oracle SBC shape: namespace "
            "`urn:ietf:params:xml:ns:recording` (no `:1`), `datamode`, `session id=` with `associate-time` and apkt "
            "extension data (UCID; this one with Acme's own `http:/acmepacket.com/...` namespace typo), "
            "`participant id= session=` with nameID/name and the `send` nested in the participant (no `recv`), "
            "apkt `callingParty` extension per participant, `stream id=` with large numeric labels (553654187, "
            "553654188, also used as the SDP `a=label`) and `mode`. Shape from Oracle SBC documents quoted in public "
            "SIPREC code (found with the search tool); the document itself is ours."],
        "siprec-audiocodes": [
            "As `siprec-rfc7865-tcp` over UDP, metadata in the AudioCodes shape (what an AudioCodes SBC sends to a "
            "SmartTAP recorder, as mirrored in public SIPREC client code): namespace "
            "`urn:ietf:params:xml:ns:recording` plus `xmlns:ac=\"http://AudioCodes\"`, `group` + `session` with "
            "`group-ref`, participants with an EMPTY `nameID` whose `aor` has no `sip:` scheme "
            "(`alice@example.com`), `associate-time`, and `send`/`recv` inline in the participant. expected.yaml: "
            "no participant names, AORs verbatim (without scheme); the document itself is ours."],
        "siprec-metadata-update": [
            "As `siprec-rfc7865-tcp` over UDP; about 3 s into the media the SRC sends a re-INVITE (CSeq 2, SDP "
            "version 2, same ports) whose metadata has `<datamode>partial</datamode>` and only the changed "
            "participant: Bob's participant_id now has the name `Robert Example`. expected.yaml lists the names "
            "after the update (channel 1: Robert Example)."],
        "siprec-three-participants": [
            "As `siprec-rfc7865-tcp` over UDP with three participants (Alice 440 Hz label 1, Bob 1000 Hz label 2, "
            "Carol 1500 Hz label 3), three m-lines, three streams (SRC ports 40000/40002/40004, SRS ports "
            "30000/30002/30004)."],
        "siprec-cube-nbr": [
            "Cisco CUBE network-based recording (NBR, the pre-SIPREC MediaSense style): INVITE with a plain SDP "
            "offer (two `a=sendonly` m-lines, no labels, no XML) and one `X-Cisco-Recording-Participant` header "
            "per participant, `media-index` giving the m-line (0-based) that carries that participant's voice "
            "(format from Cisco's NBR configuration guide: `X-Cisco-Recording-Participant: "
            "sip:708090@10.42.30.5;media-index=\"0\"`, bare URI, no angle brackets). Participants: "
            "sip:alice@127.0.0.50 (media-index 0, 440 Hz), sip:bob@127.0.0.51 (media-index 1, 1000 Hz). "
            "expected.yaml: kind siprec, dialect cube-nbr, no sessionId (none in the signalling besides "
            "Session-ID), parties from the headers."],
        "siprec-srs-failover": [
            "The SRC (127.0.0.40) offers the recording to SRS1 (127.0.0.21:5060), where nothing listens: the "
            "INVITE is retransmitted (RFC 3261 timer A: 0, 0.5, 1.5, 3.5 s) and every copy draws an ICMP port "
            "unreachable from the kernel (SIPp's own retransmission would abort the call with a CANCEL at its "
            "limit, so the scenario sends the identical request, same branch, four times itself). After 4 s "
            "without an answer the SRC sends the same request to SRS2 "
            "(127.0.0.22:5060) as RFC 3263 failover does: same Call-ID, From tag and CSeq, new Via branch. SRS2 "
            "answers; the media goes to SRS2 (127.0.0.22:30000 / :30002). Expected: ONE recording, with both "
            "attempts listed and SRS2 answering."],
    }
    return n.get(name, [])


def rewrite(name):
    """Rewrites expected.yaml and README.md from the committed capture (the plan is seeded by the name)."""
    make, description = CAPTURES[name]
    plan = make(random.Random("shadowrec:" + name))
    write_expected(name, description, plan, os.path.join(PCAPS, name))
    print("%s: rewritten" % name)


def main():
    args = sys.argv[1:]
    if args and args[0] == "--rewrite":
        tones()
        for name in args[1:] or list(CAPTURES):
            rewrite(name)
        return
    if os.geteuid() != 0:
        sys.exit("run as root (network namespaces, tcpdump)")
    names = args or list(CAPTURES)
    tones()
    for name in names:
        run_capture(name)


if __name__ == "__main__":
    main()
