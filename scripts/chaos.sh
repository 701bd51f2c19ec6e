#!/usr/bin/env bash
# The long fault suite (issue 10): every fault case against real Mosquitto and the Release adapter process, with longer
# faults (25 s), more messages and a ten-kill loop, three cases at a time; prints the table (markdown) and an account
# of every failure. Bounded: about 6 minutes on a 2-core machine; no case starts after 7 minutes.
#   scripts/chaos.sh                           every case
#   scripts/chaos.sh sink-no-connect link-freeze   the named cases
# FAULT_SUITE_LOGS=DIR keeps each case's report and Mosquitto log in DIR. Exit code 1 when a case failed.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$PATH:/usr/sbin" DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
need=()
command -v mosquitto >/dev/null 2>&1 || need+=(mosquitto)
command -v mosquitto_pub >/dev/null 2>&1 || need+=(mosquitto-clients)
if [ ${#need[@]} -gt 0 ]; then
  sudo=""; [ "$(id -u)" -ne 0 ] && sudo=sudo
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi
dotnet build src/MqttSource.Adapter -c Release -nologo -v quiet
dotnet build bench/MqttSource.Benchmarks -c Release -nologo -v quiet
exec dotnet run -c Release --no-build --project bench/MqttSource.Benchmarks -- chaos "$@"
