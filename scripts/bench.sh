#!/usr/bin/env bash
# Benchmarks (Release, BenchmarkDotNet + throughput harnesses). Figures depend on the machine: compare within one run.
#   scripts/bench.sh            all
#   scripts/bench.sh codec|cloudevents|client|adapter|footprint   one part
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$PATH:/usr/sbin" DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
command -v mosquitto >/dev/null || { sudo=""; [ "$(id -u)" -ne 0 ] && sudo=sudo; $sudo apt-get update -qq; $sudo apt-get install -y -qq mosquitto mosquitto-clients >/dev/null; }
what=${1:-all}
proj=bench/MqttSource.Benchmarks
dotnet build $proj -c Release -nologo -v quiet
dotnet build src/MqttSource.Adapter -c Release -nologo -v quiet
command -v wrk >/dev/null || { sudo=""; [ "$(id -u)" -ne 0 ] && sudo=sudo; $sudo apt-get install -y -qq wrk >/dev/null; }
run() { dotnet run -c Release --no-build --project $proj -- "$@"; }
case "$what" in
  codec|all) run --filter '*Codec*' --job short --memory ;;&
  cloudevents|all) run --filter '*CloudEvents*' --job short --memory ;;&
  client|all) run client-throughput "${BENCH_COUNT:-100000}" ;;&
  adapter|all) run adapter-e2e "${BENCH_COUNT:-100000}" "${BENCH_PARALLELISM:-64}" ;;&
  footprint|all) bash scripts/footprint.sh "${BENCH_COUNT:-50000}" ;;&
  *) ;;
esac
