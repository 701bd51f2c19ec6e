#!/usr/bin/env bash
# Starts event-display, posts a few sample events and saves PNGs of the live page taken with headless
# Chromium: a desktop view and a phone-sized view, rows expanded (?expand=1). The page is opened with
# ?snapshot=1 (the kept events from GET /events, drawn by the same code as the live stream) because an
# open event stream never lets --virtual-time-budget finish.
# Usage: scripts/screenshot-event-display.sh [output-folder]   (default: artifacts/screenshots)
set -euo pipefail
cd "$(dirname "$0")/.."
out_dir=${1:-artifacts/screenshots}
mkdir -p "$out_dir"

need_apt=()
command -v chromium >/dev/null 2>&1 || need_apt+=(chromium)
command -v curl >/dev/null 2>&1 || need_apt+=(curl)
[ -e /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf ] || need_apt+=(fonts-dejavu-core)
if [ ${#need_apt[@]} -gt 0 ]; then
  echo "installing: ${need_apt[*]}"
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${need_apt[@]}" >/dev/null
fi

. scripts/lib/event-display.sh
start_event_display ""

post() { curl -sS -o /dev/null -w '%{http_code} ' "$@" "$base/"; }
post -H 'ce-specversion: 1.0' -H 'ce-id: 7b1c-0001' -H 'ce-source: mqtt://broker.local/sensors' \
  -H 'ce-type: com.example.sensor.reading' -H 'ce-subject: sensors/kitchen/temperature' \
  -H 'ce-time: 2024-05-01T12:30:00.250Z' -H 'ce-mqtttopic: sensors/kitchen/temperature' \
  -H 'Content-Type: application/json' -d '{"temperature":21.5,"unit":"C","battery":{"level":87,"charging":false},"tags":["kitchen","ground-floor"]}'
post -H 'Content-Type: application/cloudevents+json' -d '{"specversion":"1.0","id":"7b1c-0002","source":"mqtt://broker.local/doors","type":"com.example.door.opened","subject":"doors/front","time":"2024-05-01T12:30:02Z","datacontenttype":"application/json","traceparent":"00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01","data":{"door":"front","open":true}}'
printf '\x00\x01\x02\xffhello\x1b[31m binary payload\x7f' | post -H 'ce-specversion: 1.0' -H 'ce-id: 7b1c-0003' \
  -H 'ce-source: mqtt://broker.local/cameras' -H 'ce-type: com.example.camera.frame' -H 'ce-subject: cameras/garage' \
  -H 'Content-Type: application/octet-stream' --data-binary @-
post -H 'Content-Type: application/cloudevents-batch+json' -d '[{"specversion":"1.0","id":"7b1c-0004","source":"/alerts","type":"com.example.alert","subject":"alerts/high-temperature","datacontenttype":"text/plain","data":"Kitchen temperature above 30 °C\nfor 5 minutes"},{"specversion":"1.0","id":"7b1c-0005","source":"/heartbeat","type":"com.example.heartbeat"}]'
echo

shot() {
  local file=$1 size=$2
  timeout 60 chromium --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
    --disable-background-networking --disable-component-update --disable-sync --disable-dev-shm-usage \
    --hide-scrollbars --user-data-dir="$work/profile-$size" --window-size="$size" \
    --virtual-time-budget=5000 --screenshot="$file" "$base/?expand=1&snapshot=1" >/dev/null 2>&1 || true
  [ -s "$file" ] || { echo "no screenshot written to $file"; exit 1; }
  echo "saved $file"
}
shot "$out_dir/event-display-desktop.png" 1280,1700
shot "$out_dir/event-display-phone.png" 390,1400
