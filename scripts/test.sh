#!/usr/bin/env bash
# Runs every test of the solution against real components (Mosquitto, loopback HTTP, Chromium, the published apps).
#   scripts/test.sh [--image] [--serial]
# Installs what the tests need when it is missing, builds the solution once (Release), publishes the trimmed apps once,
# and runs the test projects as separate processes side by side (see below; --serial: one at a time).
# --image (or MQTTSOURCE_IMAGE_CHECK=1) also runs scripts/check-image.sh: the real Dockerfile built with podman on
# locally made bases, the adapter image run read-only as its non-root user (several minutes; needs root).
# The last line is "N passed, N failed": the totals of every project (and of the image check, counted as one test).
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
source scripts/lib/require-dotnet.sh
require_dotnet

image=${MQTTSOURCE_IMAGE_CHECK:-0}
serial=${TEST_SERIAL:-0}
while [ $# -gt 0 ]; do
  case "$1" in
    --image) image=1; shift ;;
    --serial) serial=1; shift ;;
    -h|--help) awk 'NR > 1 && /^#/ { sub(/^# ?/, ""); print; next } NR > 1 { exit }' "$0"; exit 0 ;;
    *) echo "unknown argument: $1 (see --help)" >&2; exit 2 ;;
  esac
done

started=$(date +%s)
elapsed() { echo "$(( $(date +%s) - started ))s"; }

need_apt=()
command -v mosquitto >/dev/null 2>&1 || [ -x /usr/sbin/mosquitto ] || need_apt+=(mosquitto)
command -v mosquitto_pub >/dev/null 2>&1 || need_apt+=(mosquitto-clients)
command -v openssl >/dev/null 2>&1 || need_apt+=(openssl)
command -v curl >/dev/null 2>&1 || need_apt+=(curl)            # scripts/demo.sh, run by the script tests
command -v chromium >/dev/null 2>&1 || need_apt+=(chromium)   # event-display browser test
if [ ${#need_apt[@]} -gt 0 ]; then
  echo "installing: ${need_apt[*]}"
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${need_apt[@]}" >/dev/null
fi
# The Debian package starts a system broker on :1883; the tests start their own on free ports.
export PATH="$PATH:/usr/sbin"

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
results="$root/artifacts/test-results"
rm -rf "$results"; mkdir -p "$results"

echo "==> building the solution (Release)"
dotnet build MqttSource.sln -c Release -nologo -v quiet
echo "==> built in $(elapsed)"

# Each test project runs in its own process with its own free ports and temp folders, in lanes side by side:
#   light:  every project not named below, one after the other, from the start;
#   heavy:  first the trimmed apps are published once (scripts/publish.sh, the CPU-heavy part), then the broker-heavy,
#           timing-sensitive suites one after the other (Adapter.Tests, then Mqtt.Tests) — never next to the publish;
#   apps:   after that publish, MqttSource.Publish.Tests, which reuses it (MQTTSOURCE_PUBLISHED_APPS).
# --serial (or TEST_SERIAL=1) runs everything one after the other.
apps_lane=(); heavy_lane=(); light_lane=()
for csproj in tests/*.Tests/*.Tests.csproj; do
  name=$(basename "$csproj" .csproj)
  case "$name" in
    MqttSource.Publish.Tests) apps_lane+=("$name") ;;
    MqttSource.Adapter.Tests) heavy_lane=("$name" "${heavy_lane[@]}") ;;
    MqttSource.Mqtt.Tests) heavy_lane+=("$name") ;;
    *) light_lane+=("$name") ;;
  esac
done
projects=(${apps_lane[@]+"${apps_lane[@]}"} ${heavy_lane[@]+"${heavy_lane[@]}"} ${light_lane[@]+"${light_lane[@]}"})
published="$root/artifacts/publish-test"
export MQTTSOURCE_PUBLISHED_APPS="$published"

run_project() { # name: runs one test project, its console output in $results/<name>.log, its exit code in <name>.rc
  local name=$1 t0 rc=0
  t0=$(date +%s)
  dotnet test "tests/$name" -c Release --no-build --nologo \
    --logger "trx;LogFileName=$name.trx" --results-directory "$results" \
    -- RunConfiguration.TestSessionTimeout=1500000 > "$results/$name.log" 2>&1 || rc=$?
  echo "$rc" > "$results/$name.rc"
  echo "$(( $(date +%s) - t0 ))" > "$results/$name.seconds"
}

counters() { # trx file -> "passed failed"
  local c p f
  c=$(grep -o '<Counters [^>]*>' "$1" | head -1)
  p=$(sed -n 's/.* passed="\([0-9]*\)".*/\1/p' <<<"$c")
  f=$(sed -n 's/.* failed="\([0-9]*\)".*/\1/p' <<<"$c")
  echo "${p:-0} ${f:-0}"
}

run_lane() { # project names, run one after the other
  local name
  for name in "$@"; do
    echo "    started $name ($(elapsed))"
    run_project "$name"
  done
}

publish_apps() { # once for every test that runs the published apps; the log stays in $results/publish.log
  echo "    publishing the trimmed apps to $published ($(elapsed))"
  rm -rf "$published"
  if bash scripts/publish.sh "$published" adapter event-display > "$results/publish.log" 2>&1; then
    echo "    published ($(elapsed))"
  else
    echo "    scripts/publish.sh failed (log: $results/publish.log); the published-apps tests will fail"
  fi
}

echo "==> running ${#projects[@]} test projects"
if [ "$serial" = 1 ]; then
  publish_apps
  run_lane ${projects[@]+"${projects[@]}"}
else
  run_lane ${light_lane[@]+"${light_lane[@]}"} &
  light_pid=$!
  publish_apps
  run_lane ${apps_lane[@]+"${apps_lane[@]}"} &
  apps_pid=$!
  run_lane ${heavy_lane[@]+"${heavy_lane[@]}"}
  wait "$apps_pid" || true
  wait "$light_pid" || true
fi

passed=0; failed=0; status=0
for name in "${projects[@]}"; do
  rc=$(cat "$results/$name.rc" 2>/dev/null || echo 1)
  p=0; f=0
  if [ -f "$results/$name.trx" ]; then read -r p f < <(counters "$results/$name.trx"); fi
  if [ "$rc" -ne 0 ] && [ "$f" -eq 0 ]; then
    f=1; echo "    $name: the test run failed before reporting results"
  fi
  printf '    %-36s %5d passed, %d failed  (%ss)\n' "$name" "$p" "$f" "$(cat "$results/$name.seconds" 2>/dev/null || echo ?)"
  if [ "$f" -gt 0 ]; then
    status=1
    echo "----- $name: failures (full output: $results/$name.log)"
    grep -E -A12 '^\s+Failed |Test Run Aborted|The active test run was aborted' "$results/$name.log" | head -150 || tail -40 "$results/$name.log"
    echo "-----"
  fi
  passed=$((passed + p)); failed=$((failed + f))
done
echo "==> tests done in $(elapsed)"

if [ "$image" = 1 ]; then
  echo "==> image check (scripts/check-image.sh; log: $results/check-image.log)"
  if bash scripts/check-image.sh > "$results/check-image.log" 2>&1; then
    passed=$((passed + 1)); tail -1 "$results/check-image.log"
  else
    failed=$((failed + 1)); status=1; tail -30 "$results/check-image.log"
  fi
fi

echo "==> wall time $(elapsed)"
echo "$passed passed, $failed failed"
[ "$status" -eq 0 ] && [ "$failed" -eq 0 ]
