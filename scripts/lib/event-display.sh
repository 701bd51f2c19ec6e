# Sourced by the event-display scripts. start_event_display builds event-display (Release), starts it on
# a free loopback port with stdout going to $1, and sets: work (a temp folder), server_pid, base (its URL).
# An EXIT trap stops the server and removes the temp folder.
start_event_display() {
  local stdout_file=$1
  export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
  dotnet build src/MqttSource.EventDisplay -c Release -nologo -v quiet >/dev/null
  work=$(mktemp -d)
  server_pid=""
  trap 'stop_event_display' EXIT
  # Port 0: Kestrel picks a free port and event-display logs it.
  dotnet src/MqttSource.EventDisplay/bin/Release/net10.0/event-display.dll --urls http://127.0.0.1:0 \
    >"${stdout_file:-$work/stdout}" 2>"$work/stderr" &
  server_pid=$!
  for _ in $(seq 100); do
    grep -q "listening on http://" "$work/stderr" && break
    sleep 0.1
  done
  base=$(grep -o "listening on http://[0-9.:]*" "$work/stderr" | head -1 | sed 's/listening on //')
  [ -n "$base" ] || { echo "event-display did not start:"; cat "$work/stderr"; exit 1; }
}

stop_event_display() {
  if [ -n "${server_pid:-}" ]; then
    kill "$server_pid" 2>/dev/null && wait "$server_pid" 2>/dev/null || true
  fi
  [ -n "${work:-}" ] && rm -rf "$work"
}
