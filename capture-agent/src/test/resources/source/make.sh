#!/bin/sh
# Re-creates the tool-made captures of this directory and expected.tsv (see README.md). Needs root, tcpdump,
# tshark/dumpcap, mergecap, python3. Traffic: three UDP datagrams to 127.0.0.1:45997 per capture, on loopback only.
set -eu
cd "$(dirname "$0")"
send() {
    python3 - "$1" <<'PY'
import socket, sys, time
s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
for i in range(3):
    s.sendto(("%s datagram %d " % (sys.argv[1], i) + "y" * (i * 5)).encode(), ("127.0.0.1", 45997))
    time.sleep(0.01)
PY
}
capture() {  # capture <file> <send-label> <command...>
    file=$1; label=$2; shift 2
    "$@" >/dev/null 2>&1 &
    pid=$!
    sleep 1.5
    send "$label"
    wait "$pid"
}
rm -f classic-us.pcap classic-ns.pcap any-ns.pcap merged.pcapng dumpcap-lo.pcapng
capture classic-us.pcap micro tcpdump -i lo -U -c 3 -w classic-us.pcap 'udp port 45997'
capture classic-ns.pcap nano tcpdump -i lo -U -c 3 --time-stamp-precision=nano -w classic-ns.pcap 'udp port 45997'
capture any-ns.pcap any tcpdump -i any -U -c 3 --time-stamp-precision=nano -w any-ns.pcap 'udp port 45997'
capture dumpcap-lo.pcapng dumpcap tshark -i lo -c 3 -f 'udp port 45997' -w dumpcap-lo.pcapng
mergecap -F pcapng -w merged.pcapng classic-us.pcap any-ns.pcap
chmod 644 ./*.pcap ./*.pcapng
printf '# file\tframe\tepoch_ns\tinterface\twtap_encap\twire_len\tcap_len\tudp_payload_hex\n' > expected.tsv
for f in classic-us.pcap classic-ns.pcap any-ns.pcap dumpcap-lo.pcapng merged.pcapng; do
    tshark -r "$f" -T fields -E separator=/t -e frame.number -e frame.time_epoch -e frame.interface_id \
        -e frame.encap_type -e frame.len -e frame.cap_len -e udp.payload 2>/dev/null \
    | awk -F'\t' -v f="$f" 'BEGIN { OFS = "\t" } {
        split($2, t, "."); ns = t[1] sprintf("%-9s", t[2]); gsub(/ /, "0", ns);
        print f, $1, ns, ($3 == "" ? 0 : $3), $4, $5, $6, $7 }' >> expected.tsv
done
