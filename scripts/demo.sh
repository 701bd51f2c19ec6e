#!/usr/bin/env bash
# MqttSource end to end on local defaults:
#   Mosquitto (persistence on) → mqtt-source-adapter (--config, the same MqttSource YAML you would kubectl apply)
#   → event-display (prints every CloudEvent, live page on http://127.0.0.1:$DISPLAY_PORT/).
# It publishes a few telemetry messages (JSON, binary, MQTT 5 with user properties, MQTT 5 CloudEvents in binary and
# structured mode), then one reading every two seconds until Ctrl-C, or stops by itself after --duration SECONDS.
#   scripts/demo.sh [--duration SECONDS] [--no-build]
# Ports: MQTT_PORT (18830), DISPLAY_PORT (18080), ADAPTER_PORT (18081, the adapter's /health /readiness /metrics).
# READY_TIMEOUT (default 180 s) bounds the wait for each component (a first start on a slow machine takes a while).
# Each component logs to a file in a temporary folder; when one fails, the script prints the end of its log and keeps
# the folder (it says where). A clean stop removes it.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
source scripts/lib/require-dotnet.sh
require_dotnet

duration=""
build=true
while [ $# -gt 0 ]; do
  case "$1" in
    --duration) duration="$2"; shift 2 ;;
    --duration=*) duration="${1#*=}"; shift ;;
    --no-build) build=false; shift ;;
    -h|--help) awk 'NR > 1 && /^#/ { sub(/^# ?/, ""); print; next } NR > 1 { exit }' "$0"; exit 0 ;;
    *) echo "unknown argument: $1" >&2; exit 2 ;;
  esac
done
if [ -n "$duration" ] && ! [[ "$duration" =~ ^[0-9]+$ ]]; then
  echo "--duration needs a whole number of seconds (got '$duration')" >&2
  exit 2
fi

MQTT_PORT=${MQTT_PORT:-18830}
DISPLAY_PORT=${DISPLAY_PORT:-18080}
ADAPTER_PORT=${ADAPTER_PORT:-18081}
READY_TIMEOUT=${READY_TIMEOUT:-180}
export PATH="$PATH:/usr/sbin" DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

need=()
command -v mosquitto >/dev/null || need+=(mosquitto)
command -v mosquitto_pub >/dev/null || need+=(mosquitto-clients)
command -v curl >/dev/null || need+=(curl)
if [ ${#need[@]} -gt 0 ]; then
  echo "==> installing ${need[*]}"
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi

adapter="$root/src/MqttSource.Adapter/bin/Release/net10.0/mqtt-source-adapter.dll"
display="$root/src/MqttSource.EventDisplay/bin/Release/net10.0/event-display.dll"
if $build; then
  echo "==> building (Release; the first build takes a few minutes)"
  dotnet build src/MqttSource.Adapter -c Release -nologo -v quiet
  dotnet build src/MqttSource.EventDisplay -c Release -nologo -v quiet
else
  for dll in "$adapter" "$display"; do
    [ -f "$dll" ] || { echo "--no-build: $dll is not built; run without --no-build" >&2; exit 1; }
  done
fi

for port in "$MQTT_PORT" "$DISPLAY_PORT" "$ADAPTER_PORT"; do
  if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
    echo "port $port is in use; set MQTT_PORT, DISPLAY_PORT or ADAPTER_PORT to free ports" >&2
    exit 1
  fi
done

work=$(mktemp -d -t mqttsource-demo.XXXXXX)
pids=()
keep=false
cleanup() {
  trap - EXIT INT TERM
  echo
  echo "==> stopping"
  for pid in "${pids[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
  if $keep; then
    echo "==> the logs are kept in $work (mosquitto.log, event-display.log, adapter.log)"
  else
    rm -rf "$work"
  fi
}
trap cleanup EXIT INT TERM

fail() { # what, log file: prints the end of the failing component's log and keeps the folder
  echo "==> $1" >&2
  if [ -s "$2" ]; then
    echo "---- last lines of $2" >&2
    tail -n 25 "$2" >&2
    echo "----" >&2
  fi
  keep=true
  exit 1
}

wait_for() { # url, what, pid, log: waits up to READY_TIMEOUT seconds; fails at once when the process exits
  local deadline=$(( $(date +%s) + READY_TIMEOUT )) next_note=$(( $(date +%s) + 15 ))
  until curl -fsS -o /dev/null "$1" 2>/dev/null; do
    if ! kill -0 "$3" 2>/dev/null; then
      local rc=0
      wait "$3" 2>/dev/null || rc=$?
      fail "$2 exited (code $rc) before it became ready at $1" "$4"
    fi
    if [ "$(date +%s)" -ge "$deadline" ]; then
      fail "$2 did not become ready at $1 within ${READY_TIMEOUT}s (set READY_TIMEOUT to wait longer)" "$4"
    fi
    if [ "$(date +%s)" -ge "$next_note" ]; then
      echo "    still waiting for $2 ..."
      next_note=$(( next_note + 15 ))
    fi
    sleep 0.2
  done
}

echo "==> mosquitto on 127.0.0.1:$MQTT_PORT (persistence on, data in $work)"
sed -e "s/^listener 1883 127.0.0.1/listener $MQTT_PORT 127.0.0.1/" \
    -e "s#^persistence_location .*#persistence_location $work/#" samples/gateway/mosquitto.conf > "$work/mosquitto.conf"
echo "user $(id -un)" >> "$work/mosquitto.conf"
mosquitto -c "$work/mosquitto.conf" > "$work/mosquitto.log" 2>&1 &
pids+=($!)
mosquitto_pid=$!

echo "==> event-display on http://127.0.0.1:$DISPLAY_PORT/ (open it in a browser for the live page)"
dotnet "$display" --urls "http://127.0.0.1:$DISPLAY_PORT" > >(tee "$work/event-display.log") 2>&1 &
pids+=($!)
wait_for "http://127.0.0.1:$DISPLAY_PORT/healthz" event-display $! "$work/event-display.log"
kill -0 "$mosquitto_pid" 2>/dev/null || fail "mosquitto exited" "$work/mosquitto.log"

echo "==> mqtt-source-adapter --config samples/gateway/mqttsource.yaml (logs in $work/adapter.log)"
sed -e "s#url: mqtt://127.0.0.1:[0-9]*#url: mqtt://127.0.0.1:$MQTT_PORT#" \
    -e "s#uri: http://127.0.0.1:[0-9]*/#uri: http://127.0.0.1:$DISPLAY_PORT/#" samples/gateway/mqttsource.yaml > "$work/mqttsource.yaml"
dotnet "$adapter" --config "$work/mqttsource.yaml" --http-port "$ADAPTER_PORT" --http-host 127.0.0.1 > "$work/adapter.log" 2>&1 &
pids+=($!)
wait_for "http://127.0.0.1:$ADAPTER_PORT/readiness" "the adapter" $! "$work/adapter.log"

pub() { mosquitto_pub -h 127.0.0.1 -p "$MQTT_PORT" -q 1 "$@"; }
echo "==> publishing: a JSON reading (MQTT 3.1.1)"
pub -V mqttv311 -t sensors/dev1/temperature -m '{"celsius": 21.5, "device": "dev1"}'
echo "==> publishing: binary bytes (MQTT 5, content type application/octet-stream)"
printf '\x00\x01\x02\xfe\xff' | pub -V mqttv5 -t sensors/dev2/raw -s -D publish content-type application/octet-stream
echo "==> publishing: MQTT 5 with user properties (they become mqtt<name> extensions)"
pub -V mqttv5 -t sensors/dev3/humidity -m '{"percent": 48}' -D publish user-property Firmware 1.4.2 -D publish user-property zone north
echo "==> publishing: an MQTT 5 binary-mode CloudEvent (forwarded as is)"
pub -V mqttv5 -t sensors/dev4/event -m '{"door": "open"}' -D publish content-type application/json \
  -D publish user-property specversion 1.0 -D publish user-property id door-42 \
  -D publish user-property source /devices/dev4 -D publish user-property type com.example.door.opened
echo "==> publishing: an MQTT 5 structured-mode CloudEvent"
pub -V mqttv5 -t sensors/dev5/event -D publish content-type application/cloudevents+json \
  -m '{"specversion":"1.0","id":"alarm-7","source":"/devices/dev5","type":"com.example.alarm","datacontenttype":"application/json","data":{"level":"high"}}'

stop_at=""
if [ -n "$duration" ]; then stop_at=$(( $(date +%s) + duration )); fi
echo "==> one reading every 2 s on sensors/dev1/temperature; metrics: curl http://127.0.0.1:$ADAPTER_PORT/metrics"
[ -z "$duration" ] && echo "    press Ctrl-C to stop"
n=0
while [ -z "$stop_at" ] || [ "$(date +%s)" -lt "$stop_at" ]; do
  sleep 2
  n=$((n + 1))
  pub -V mqttv311 -t sensors/dev1/temperature -m "{\"celsius\": $((20 + n % 5)).$((n % 10)), \"device\": \"dev1\", \"n\": $n}"
done
echo "==> adapter metrics"
curl -fsS "http://127.0.0.1:$ADAPTER_PORT/metrics" | grep -E '^mqttsource_(messages|events_(delivered|deadlettered|dropped|invalid))' || true
