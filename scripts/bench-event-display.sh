#!/usr/bin/env bash
# Load test for event-display: binary-mode CloudEvents (ce- headers, 100-byte JSON body) posted over
# keep-alive connections with wrk, stdout redirected to a file. Prints wrk's summary, the events
# printed, and the server's peak memory (VmHWM).
# Usage: scripts/bench-event-display.sh [duration=10s] [connections=32] [threads=2]
set -euo pipefail
cd "$(dirname "$0")/.."
duration=${1:-10s}; connections=${2:-32}; threads=${3:-2}

command -v wrk >/dev/null 2>&1 || {
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends wrk >/dev/null
}

. scripts/lib/event-display.sh
log=$(mktemp)
start_event_display "$log"
trap 'stop_event_display; rm -f "$log"' EXIT

# 100-byte JSON body.
body='{"sensor":"kitchen-temperature","value":21.5,"unit":"C","battery":87,"ok":true,"seq":12345,"x":"ab"}'
[ ${#body} -eq 100 ] || { echo "body is ${#body} bytes, not 100"; exit 1; }
cat >"$work/post.lua" <<LUA
wrk.method = "POST"
wrk.body = '$body'
wrk.headers["Content-Type"] = "application/json"
wrk.headers["ce-specversion"] = "1.0"
wrk.headers["ce-type"] = "com.example.sensor.reading"
wrk.headers["ce-source"] = "mqtt://broker/sensors"
wrk.headers["ce-subject"] = "sensors/kitchen/temperature"
wrk.headers["ce-time"] = "2024-05-01T12:30:00Z"
local n = 0
request = function()
  n = n + 1
  wrk.headers["ce-id"] = tostring(n)
  return wrk.format()
end
local statuses = {}
response = function(status, headers, body)
  statuses[status] = (statuses[status] or 0) + 1
end
done = function(summary, latency, requests)
  io.write(string.format("non-2xx/3xx responses: %d\n", summary.errors.status))
end
LUA

# Warm up (JIT, tiered compilation), then measure.
wrk -t"$threads" -c"$connections" -d3s -s "$work/post.lua" "$base/" >/dev/null
before=$(grep -c "cloudevents.Event" "$log" || true)
wrk -t"$threads" -c"$connections" -d"$duration" --latency -s "$work/post.lua" "$base/"
sleep 1
after=$(grep -c "cloudevents.Event" "$log" || true)
echo "events printed during the run: $((after - before)) (log file $(du -h "$log" | cut -f1))"
grep -E "VmHWM|VmRSS" "/proc/$server_pid/status"
