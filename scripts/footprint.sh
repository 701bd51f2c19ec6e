#!/usr/bin/env bash
# Footprint of the published (trimmed, self-contained) apps, as the images run them:
#   size per executable, adapter time from process start to ready, idle RSS, and peak RSS under a burst.
# Targets (issue 7): adapter idle RSS <= 40 MB, <= 80 MB under load, ready <= 1 s.
#   scripts/footprint.sh [MESSAGES]       (default 50000 numbered 100-byte QoS 1 messages for the load part)
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
count=${1:-50000}
export PATH="$PATH:/usr/sbin" DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
command -v mosquitto >/dev/null || { s=""; [ "$(id -u)" -ne 0 ] && s=sudo; $s apt-get update -qq; $s apt-get install -y -qq mosquitto mosquitto-clients >/dev/null; }

out="$root/artifacts/publish"
bash scripts/publish.sh "$out" >/dev/null
echo "| app | published size |"
echo "|---|---|"
for app in adapter controller event-display; do
  [ -d "$out/$app" ] && echo "| $app | $(du -sh "$out/$app" | cut -f1) |"
done
dotnet build bench/MqttSource.Benchmarks -c Release -nologo -v quiet >/dev/null

work=$(mktemp -d)
pids=()
cleanup() { for p in "${pids[@]}"; do kill -TERM "$p" 2>/dev/null || true; done; wait 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT
free_port() { python3 -c 'import socket;s=socket.socket();s.bind(("127.0.0.1",0));print(s.getsockname()[1])' 2>/dev/null || shuf -i 20000-60000 -n 1; }
mqtt=$(free_port); sink=$(free_port); probe=$(free_port)
printf 'listener %s 127.0.0.1\nallow_anonymous true\nmax_queued_messages 0\nmax_inflight_messages 1000\nuser %s\n' "$mqtt" "$(id -un)" > "$work/m.conf"
mosquitto -c "$work/m.conf" > "$work/m.log" 2>&1 & pids+=($!)
dotnet bench/MqttSource.Benchmarks/bin/Release/net10.0/MqttSource.Benchmarks.dll bench-sink "$sink" >/dev/null 2>&1 & pids+=($!)
sleep 1

# The image's runtime settings (Dockerfile ENV).
export DOTNET_gcServer=0 DOTNET_TieredPGO=0 DOTNET_EnableWriteXorExecute=0
start=$(date +%s%N)
"$out/adapter/mqtt-source-adapter" --broker "mqtt://127.0.0.1:$mqtt" --topic 'bench/#' --sink "http://127.0.0.1:$sink/" \
  --client-id footprint --parallelism 64 --http-port "$probe" --http-host 127.0.0.1 --log-level warning > "$work/adapter.log" 2>&1 &
adapter=$!; pids+=($adapter)
until curl -fsS -o /dev/null "http://127.0.0.1:$probe/readiness" 2>/dev/null; do sleep 0.01; done
ready=$(( ($(date +%s%N) - start) / 1000000 ))
sleep 3
idle=$(awk '/VmRSS/{print $2}' "/proc/$adapter/status")

seq -f "%010g 0000000000000000000 xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx" 0 $((count - 1)) > "$work/lines"
split -n l/4 "$work/lines" "$work/part."
curl -fsS "http://127.0.0.1:$sink/reset?n=$count" >/dev/null
pubs=()
for f in "$work"/part.*; do mosquitto_pub -p "$mqtt" -q 1 -t "bench/$(basename "$f")" -l < "$f" & pubs+=($!); done
wait "${pubs[@]}"
for _ in $(seq 1 600); do
  got=$(curl -fsS "http://127.0.0.1:$sink/stats" | cut -d' ' -f2)
  [ "$got" -ge "$count" ] && break
  sleep 0.1
done
peak=$(awk '/VmHWM/{print $2}' "/proc/$adapter/status")
echo
echo "| adapter | figure | target |"
echo "|---|---|---|"
echo "| process start to ready | ${ready} ms | <= 1000 ms |"
echo "| idle RSS | $((idle / 1024)) MB | <= 40 MB |"
echo "| peak RSS, $count-message burst ($(curl -fsS "http://127.0.0.1:$sink/stats" | cut -d' ' -f2) delivered) | $((peak / 1024)) MB | <= 80 MB |"
