#!/usr/bin/env bash
# Throughput benchmark: one generated capture of many concurrent G.711 calls (>= 1 M packets), timed in one run
# through tcpdump (read + write to /dev/null), tshark (RTP stream analysis, the usual tool for this job) and
# shadowrec replay (the whole pipeline: journal, decoding, SIP, RTP, audio, WAV + JSON). Prints packet rates,
# the ratios, peak memory (max RSS) and memory per concurrent call.
#
#   bench/run.sh [CALLS] [SECONDS]      defaults: 400 calls x 30 s  (= 1.2 M RTP packets, all calls concurrent)
set -euo pipefail
ROOT="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"
CALLS="${1:-400}"
SECONDS_PER_CALL="${2:-30}"
WORK="$ROOT/bench/work"
"$ROOT/deploy/ensure-deps.sh" --test
command -v /usr/bin/time >/dev/null || { apt-get install -y -qq time >/dev/null; }
mkdir -p "$WORK"
rm -rf "$WORK/out" "$WORK/out-small"

# Build (the launcher builds when needed) and generate the captures.
"$ROOT/shadowrec" help >/dev/null
CP="$ROOT/test-pcaps/target/classes:$(ls "$ROOT"/capture-agent/target/lib/jackson-*.jar | tr '\n' ':')"
CAP="$WORK/bench-${CALLS}x${SECONDS_PER_CALL}.pcap"
[[ -f "$CAP" ]] || java -cp "$CP" org.shadowrec.testpcaps.cli.GenerateMain bench "$CAP" --calls "$CALLS" --seconds "$SECONDS_PER_CALL" >/dev/null
SMALL="$WORK/bench-1x${SECONDS_PER_CALL}.pcap"
[[ -f "$SMALL" ]] || java -cp "$CP" org.shadowrec.testpcaps.cli.GenerateMain bench "$SMALL" --calls 1 --seconds "$SECONDS_PER_CALL" >/dev/null
PACKETS=$(capinfos -M -c "$CAP" | awk '/Number of packets/ { print $NF }')
echo "capture: $CAP ($PACKETS packets, $CALLS concurrent calls, $(du -h "$CAP" | cut -f1))"

# measure NAME CMD...: wall seconds and max RSS (KiB) of one command
measure() {
  local name="$1"; shift
  local t0 t1
  t0=$(date +%s.%N)
  /usr/bin/time -f "%M" -o "$WORK/$name.rss" "$@" >"$WORK/$name.out" 2>"$WORK/$name.err"
  t1=$(date +%s.%N)
  awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.3f\n", b - a }' >"$WORK/$name.secs"
}
measure tcpdump tcpdump -r "$CAP" -w /dev/null
measure tshark tshark -q --enable-heuristic rtp_udp -z rtp,streams -r "$CAP"
measure shadowrec "$ROOT/shadowrec" replay "$CAP" --out "$WORK/out" --quiet
measure shadowrec-small "$ROOT/shadowrec" replay "$SMALL" --out "$WORK/out-small" --quiet

rate() { awk -v p="$PACKETS" -v s="$(cat "$WORK/$1.secs")" 'BEGIN { printf "%.0f", p / s }'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'; }
RT=$(rate tcpdump); RS=$(rate tshark); RR=$(rate shadowrec)
RECS=$(find "$WORK/out" -name recording.json | wc -l)
printf '%-10s %10s s %14s packets/s %10s MiB max RSS\n' tcpdump "$(cat "$WORK/tcpdump.secs")" "$RT" "$(( $(cat "$WORK/tcpdump.rss") / 1024 ))"
printf '%-10s %10s s %14s packets/s %10s MiB max RSS\n' tshark "$(cat "$WORK/tshark.secs")" "$RS" "$(( $(cat "$WORK/tshark.rss") / 1024 ))"
printf '%-10s %10s s %14s packets/s %10s MiB max RSS\n' shadowrec "$(cat "$WORK/shadowrec.secs")" "$RR" "$(( $(cat "$WORK/shadowrec.rss") / 1024 ))"
echo "shadowrec / tshark packet rate:  $(ratio "$RR" "$RS")x"
echo "shadowrec / tcpdump packet rate: $(ratio "$RR" "$RT")x"
printf 'recordings written: %d of %d calls\n' "$RECS" "$CALLS"
PER_CALL=$(( ( $(cat "$WORK/shadowrec.rss") - $(cat "$WORK/shadowrec-small.rss") ) / (CALLS > 1 ? CALLS - 1 : 1) ))
printf 'memory per concurrent call: %d KiB (max RSS of %d calls minus max RSS of 1 call, divided by %d)\n' "$PER_CALL" "$CALLS" "$((CALLS - 1))"
