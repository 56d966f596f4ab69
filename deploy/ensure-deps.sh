#!/usr/bin/env bash
# Installs what shadowrec needs on Debian/Ubuntu when it is missing: a JDK 17+, Maven, libpcap, and (with
# --test) the tools the test suite drives: tcpdump, tshark, iproute2. Idempotent and quiet when
# everything is there. Needs root (or sudo) only when something must be installed.
set -euo pipefail

want=()
java_ok() { command -v javac >/dev/null 2>&1 && javac -version 2>&1 | awk '{split($2,v,"."); exit !(v[1]>=17)}'; }
java_ok || want+=(openjdk-17-jdk-headless)
command -v mvn >/dev/null 2>&1 || want+=(maven)
# (not "ldconfig -p | grep -q": with pipefail, grep's early exit makes the pipeline fail)
[[ -n "$(ldconfig -p 2>/dev/null | grep 'libpcap\.so')" ]] || want+=(libpcap0.8)
if [[ "${1:-}" == "--test" ]]; then
  command -v tcpdump >/dev/null 2>&1 || want+=(tcpdump)
  command -v tshark >/dev/null 2>&1 || want+=(tshark)
  command -v ip >/dev/null 2>&1 || want+=(iproute2)
fi
((${#want[@]} == 0)) && exit 0

echo "shadowrec: installing ${want[*]}" >&2
SUDO=""
if [[ $(id -u) -ne 0 ]]; then
  command -v sudo >/dev/null 2>&1 || { echo "shadowrec: need root to install ${want[*]}" >&2; exit 1; }
  SUDO=sudo
fi
export DEBIAN_FRONTEND=noninteractive
# tshark asks whether non-root users may capture; answer no without a prompt
echo "wireshark-common wireshark-common/install-setuid boolean false" | $SUDO debconf-set-selections 2>/dev/null || true
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${want[@]}" >/dev/null
