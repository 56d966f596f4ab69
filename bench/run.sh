#!/usr/bin/env bash
# Throughput benchmark: one generated capture of many concurrent G.711 calls (>= 1 M packets), timed in one run
# through tcpdump (read + write to /dev/null), tshark (RTP stream analysis, the usual tool for this job) and
# shadowrec replay (the whole pipeline: journal, decoding, SIP, RTP, audio, WAV + JSON). Prints packet rates,
# the ratios, peak memory (max RSS) and memory per concurrent call.
#
#   bench/run.sh [CALLS] [SECONDS]      defaults: 500 calls x 60 s  (= 3 M RTP packets, all calls concurrent)
set -euo pipefail
ROOT="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"
CALLS="${1:-500}"
SECONDS_PER_CALL="${2:-60}"
WORK="$ROOT/bench/work"
"$ROOT/deploy/ensure-deps.sh" --test
command -v /usr/bin/time >/dev/null || { apt-get install -y -qq time >/dev/null; }
mkdir -p "$WORK"
rm -rf "$WORK/out"

# Build (the launcher builds when needed) and generate the captures.
"$ROOT/shadowrec" help >/dev/null
CP="$ROOT/test-pcaps/target/classes:$(ls "$ROOT"/capture-agent/target/lib/jackson-*.jar | tr '\n' ':')"
CAP="$WORK/bench-${CALLS}x${SECONDS_PER_CALL}.pcap"
[[ -f "$CAP" ]] || java -cp "$CP" org.shadowrec.testpcaps.cli.GenerateMain bench "$CAP" --calls "$CALLS" --seconds "$SECONDS_PER_CALL" >/dev/null
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
# Memory per concurrent call: live heap after a full GC in the middle of a second run (all calls open), divided
# by the calls: an upper bound, since it also counts the JVM's own live data. (Max RSS above also counts heap the
# JVM has not returned to the system.)
MID=$(awk -v s="$(cat "$WORK/shadowrec.secs")" 'BEGIN { printf "%.1f", s / 2 }')
rm -rf "$WORK/out-heap"
"$ROOT/shadowrec" replay "$CAP" --out "$WORK/out-heap" --quiet >/dev/null 2>&1 &
LAUNCHER=$!
sleep "$MID"
PID=""
for p in $(pgrep -f -- "--out $WORK/out-heap --quiet"); do
  [[ "$(cat "/proc/$p/comm" 2>/dev/null)" == java ]] && PID=$p
done
HEAP=""
if [[ -n "$PID" ]]; then
  jcmd "$PID" GC.run >/dev/null 2>&1 || true
  HEAP=$(jcmd "$PID" GC.heap_info 2>/dev/null | awk '/heap/ && /used/ { for (i = 1; i <= NF; i++) if ($i == "used") { v = $(i+1); sub("K,?", "", v); print v; exit } }')
fi
wait "$LAUNCHER" || true
if [[ -n "$HEAP" ]]; then
  printf 'memory per concurrent call: <= %d KiB (live heap after a full GC mid-run: %d KiB with %d calls open)\n' "$((HEAP / CALLS))" "$HEAP" "$CALLS"
else
  echo "memory per concurrent call: not measured (the run ended before jcmd could attach)"
fi
