#!/usr/bin/env bash
# Builds the real Dockerfile with podman against base images made here from Debian packages (nothing is pulled), then
# runs the adapter image as the image says — its numeric non-root user — with a read-only root file system, and
# delivers one message from Mosquitto to event-display through it. Prints "image check: passed" and exits 0 on success.
#   scripts/check-image.sh [--rebuild-bases]          (also: scripts/test.sh --image)
# Needs root (podman, debootstrap). Installs podman, buildah, runc, debootstrap, mosquitto and curl from Debian when
# missing. The bases are kept between runs (rebuild them with --rebuild-bases):
#   localhost/mqttsource-base:bookworm   debootstrap --variant=minbase bookworm + ca-certificates libssl3 libicu72 tzdata,
#                                        then podman import — the RUNTIME_IMAGE (what runtime-deps holds)
#   localhost/mqttsource-sdk:local       that base + this machine's .NET SDK folder and CA bundle copied in — the SDK_IMAGE
# podman runs with runc, cgroupfs, explicit ulimits and host networking (crun fails here on setrlimit and hybrid
# cgroups); the settings are in $state/containers.conf. State: $MQTTSOURCE_IMAGE_STATE (default /var/tmp/mqttsource-image).
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
source scripts/lib/require-dotnet.sh
require_dotnet

rebuild=false
while [ $# -gt 0 ]; do
  case "$1" in
    --rebuild-bases) rebuild=true; shift ;;
    -h|--help) awk 'NR > 1 && /^#/ { sub(/^# ?/, ""); print; next } NR > 1 { exit }' "$0"; exit 0 ;;
    *) echo "unknown argument: $1 (see --help)" >&2; exit 2 ;;
  esac
done
if [ "$(id -u)" -ne 0 ]; then
  echo "check-image.sh: needs root (podman storage, debootstrap); run it with sudo" >&2
  exit 1
fi

started=$(date +%s)
step() { echo "==> [$(( $(date +%s) - started ))s] $*"; }
export PATH="$PATH:/usr/sbin:/sbin" DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

need=()
for tool in podman buildah runc debootstrap mosquitto curl; do command -v "$tool" >/dev/null 2>&1 || need+=("$tool"); done
command -v mosquitto_pub >/dev/null 2>&1 || need+=(mosquitto-clients)
if [ ${#need[@]} -gt 0 ]; then
  step "installing ${need[*]}"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi

state=${MQTTSOURCE_IMAGE_STATE:-/var/tmp/mqttsource-image}
mkdir -p "$state"
cat > "$state/containers.conf" <<'CONF'
[containers]
default_ulimits = ["nofile=20000:20000", "nproc=32768:32768"]

[engine]
runtime = "runc"
cgroup_manager = "cgroupfs"
events_logger = "file"
CONF
export CONTAINERS_CONF="$state/containers.conf"

base=localhost/mqttsource-base:bookworm
sdk=localhost/mqttsource-sdk:local
image=localhost/mqtt-source/adapter:check
has_image() { podman image exists "$1"; }

if $rebuild || ! has_image "$base"; then
  step "making $base: debootstrap --variant=minbase bookworm (about a minute on a quiet machine)"
  rm -rf "$state/rootfs"
  debootstrap --variant=minbase --include=ca-certificates,libssl3,libicu72,tzdata \
    bookworm "$state/rootfs" "${DEBIAN_MIRROR:-http://deb.debian.org/debian}" > "$state/debootstrap.log" 2>&1 \
    || { tail -20 "$state/debootstrap.log" >&2; echo "debootstrap failed; log: $state/debootstrap.log" >&2; exit 1; }
  rm -rf "$state/rootfs/var/cache/apt/archives/"*.deb "$state/rootfs/var/lib/apt/lists/"*
  tar -C "$state/rootfs" -c . | podman import --quiet --change 'CMD ["/bin/bash"]' - "$base" >/dev/null
  rm -rf "$state/rootfs"
  podman image rm -f "$sdk" >/dev/null 2>&1 || true
fi

if ! has_image "$sdk"; then
  dotnet_dir=$(dirname "$(readlink -f "$(command -v dotnet)")")
  step "making $sdk: $base + the .NET SDK from $dotnet_dir ($(dotnet --version))"
  container=$(buildah from --pull-never "$base")
  buildah copy --quiet "$container" "$dotnet_dir" /usr/share/dotnet >/dev/null
  # The restore in the build stage reaches NuGet over TLS: trust what this machine trusts (a network that inspects
  # TLS adds its own CA to the host's bundle, not to a fresh debootstrap).
  buildah copy --quiet "$container" /etc/ssl/certs/ca-certificates.crt /etc/ssl/certs/ca-certificates.crt >/dev/null
  buildah config \
    --env DOTNET_ROOT=/usr/share/dotnet \
    --env PATH=/usr/share/dotnet:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin \
    --env DOTNET_CLI_TELEMETRY_OPTOUT=1 --env DOTNET_NOLOGO=1 "$container"
  buildah commit --quiet --rm "$container" "$sdk" >/dev/null
fi

step "podman build of ./Dockerfile (APP=adapter, SDK_IMAGE=$sdk, RUNTIME_IMAGE=$base, never pulling)"
nuget_cache=${NUGET_PACKAGES:-$HOME/.nuget/packages}
mkdir -p "$nuget_cache"
podman build --pull=never --network host --volume "$nuget_cache:/root/.nuget/packages" \
  --build-arg SDK_IMAGE="$sdk" --build-arg RUNTIME_IMAGE="$base" --build-arg APP=adapter \
  -t "$image" -f Dockerfile . > "$state/build.log" 2>&1 \
  || { tail -40 "$state/build.log" >&2; echo "podman build failed; log: $state/build.log" >&2; exit 1; }
user=$(podman image inspect --format '{{.Config.User}}' "$image")
size=$(podman image inspect --format '{{.Size}}' "$image")
step "built $image: user $user, $((size / 1024 / 1024)) MB"
[[ "$user" =~ ^[1-9][0-9]*:[0-9]+$ ]] || { echo "the image's USER is '$user', expected a numeric non-root uid:gid" >&2; exit 1; }

if [ ! -f src/MqttSource.EventDisplay/bin/Release/net10.0/event-display.dll ]; then
  step "building event-display (Release)"
  dotnet build src/MqttSource.EventDisplay -c Release -nologo -v quiet >/dev/null
fi

work=$(mktemp -d -t mqttsource-image-check.XXXXXX)
container_name="mqttsource-image-check-$$"
pids=()
ok=false
finish() {
  trap - EXIT INT TERM
  podman logs "$container_name" > "$work/adapter.log" 2>&1 || true
  podman rm -f "$container_name" >/dev/null 2>&1 || true
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
  if $ok; then
    rm -rf "$work"
  else
    for log in adapter mosquitto event-display; do
      [ -s "$work/$log.log" ] && { echo "--- last lines of $work/$log.log" >&2; tail -15 "$work/$log.log" >&2; }
    done
    echo "image check: FAILED (logs kept in $work)" >&2
  fi
}
trap finish EXIT INT TERM

free_port() {
  local port
  while :; do
    port=$(( 20000 + RANDOM % 30000 ))
    (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null || { echo "$port"; return; }
  done
}
wait_until() { # seconds, what, command...
  local seconds=$1 what=$2; shift 2
  local deadline=$(( $(date +%s) + seconds ))
  until "$@" >/dev/null 2>&1; do
    if [ "$(date +%s)" -ge "$deadline" ]; then echo "timed out after ${seconds}s waiting for $what" >&2; return 1; fi
    sleep 0.5
  done
}
mqtt_port=$(free_port); display_port=$(free_port); adapter_port=$(free_port)

step "mosquitto on 127.0.0.1:$mqtt_port, event-display on 127.0.0.1:$display_port (host processes)"
printf 'listener %s 127.0.0.1\nallow_anonymous true\n' "$mqtt_port" > "$work/mosquitto.conf"
mosquitto -c "$work/mosquitto.conf" > "$work/mosquitto.log" 2>&1 &
pids+=($!)
dotnet src/MqttSource.EventDisplay/bin/Release/net10.0/event-display.dll --urls "http://127.0.0.1:$display_port" > "$work/event-display.log" 2>&1 &
pids+=($!)
wait_until 120 "event-display" curl -fsS "http://127.0.0.1:$display_port/healthz"

step "podman run $image --read-only (as the image's user $user, all capabilities dropped, host network)"
podman run -d --name "$container_name" --network host --read-only --cap-drop ALL --security-opt no-new-privileges \
  "$image" --broker "mqtt://127.0.0.1:$mqtt_port" --topic 'sensors/#' --type com.example.image.check \
  --sink "http://127.0.0.1:$display_port/" --http-port "$adapter_port" --http-host 127.0.0.1 \
  --client-id "image-check-$$" --session clean >/dev/null
wait_until 120 "the adapter container's /readiness" curl -fsS "http://127.0.0.1:$adapter_port/readiness"

pid=$(podman inspect --format '{{.State.Pid}}' "$container_name")
uid=$(awk '/^Uid:/ {print $2}' "/proc/$pid/status")
readonly_root=$(podman inspect --format '{{.HostConfig.ReadonlyRootfs}}' "$container_name")
[ "$uid" = "${user%%:*}" ] && [ "$uid" != 0 ] || { echo "the adapter runs as uid $uid, expected ${user%%:*}" >&2; exit 1; }
[ "$readonly_root" = true ] || { echo "the root file system is not read-only" >&2; exit 1; }
if podman exec "$container_name" /bin/sh -c 'echo x > /app/written' 2>/dev/null; then
  echo "the container could write to /app: the root file system is not read-only" >&2; exit 1
fi

step "publishing one message (QoS 1) on sensors/gw1/temperature"
mosquitto_pub -h 127.0.0.1 -p "$mqtt_port" -q 1 -t sensors/gw1/temperature -m '{"celsius": 21.5, "via": "image"}'
arrived() { curl -fsS "http://127.0.0.1:$display_port/events" | grep -q '"subject":"sensors/gw1/temperature"'; }
wait_until 60 "the event at event-display" arrived
curl -fsS "http://127.0.0.1:$adapter_port/metrics" | grep -q '^mqttsource_events_delivered_total 1$' \
  || wait_until 30 "the adapter counting the delivery" sh -c "curl -fsS http://127.0.0.1:$adapter_port/metrics | grep -q '^mqttsource_events_delivered_total 1\$'"
grep -o '"type":"com.example.image.check"' <(curl -fsS "http://127.0.0.1:$display_port/events") >/dev/null

ok=true
step "$image (uid $uid, read-only root) delivered sensors/gw1/temperature from Mosquitto to event-display"
echo "image check: passed in $(( $(date +%s) - started ))s"
