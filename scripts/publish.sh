#!/usr/bin/env bash
# Publishes the executables as trimmed, self-contained linux-x64 apps — exactly what the Dockerfile runs.
#   scripts/publish.sh [OUT_DIR] [adapter|controller|event-display ...]     (default: artifacts/publish, all three)
# Each app lands in OUT_DIR/<app>/ with its executable (mqtt-source-adapter, mqtt-source-controller, event-display).
# Trim warnings are errors (Directory.Build.props), so a clean run means the trimmed apps are safe to run.
# Writing into /opt or another root-owned folder needs root: publish into artifacts/ as you, then copy with sudo
# (README: "Run on a gateway without Kubernetes").
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib/require-dotnet.sh
require_dotnet
out=${1:-artifacts/publish}
shift || true
apps=("$@")
[ ${#apps[@]} -eq 0 ] && apps=(adapter controller event-display)
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
rid=${RID:-linux-x64}
mkdir -p "$out" 2>/dev/null && [ -w "$out" ] || { echo "publish.sh: cannot write to $out (a root-owned folder such as /opt needs sudo; or publish into artifacts/publish and copy)" >&2; exit 1; }
for app in "${apps[@]}"; do
  case "$app" in
    adapter) project=src/MqttSource.Adapter ;;
    controller) project=src/MqttSource.Controller ;;
    event-display) project=src/MqttSource.EventDisplay ;;
    *) echo "unknown app '$app' (adapter, controller, event-display)" >&2; exit 2 ;;
  esac
  if [ ! -d "$project" ]; then echo "skipping $app: $project does not exist yet"; continue; fi
  echo "==> publishing $app ($rid, self-contained, trimmed) to $out/$app"
  dotnet publish "$project" -c Release -r "$rid" --self-contained \
    -p:PublishTrimmed=true -p:TrimMode=full \
    -p:UseSystemResourceKeys=true -p:DebuggerSupport=false \
    -p:GenerateDocumentationFile=false \
    -o "$out/$app" -nologo -v quiet
  rm -f "$out/$app"/*.pdb "$out/$app"/*.dbg
  du -sh "$out/$app" | awk -v a="$app" '{print "    " a ": " $1}'
done
