# syntax=docker/dockerfile:1
# One Dockerfile, three images: pick the executable with --build-arg APP=adapter|controller|event-display.
#   docker build --build-arg APP=adapter       -t registry.example.com/mqtt-source/adapter:v0.1.0 .
#   docker build --build-arg APP=controller    -t registry.example.com/mqtt-source/controller:v0.1.0 .
#   docker build --build-arg APP=event-display -t registry.example.com/mqtt-source/event-display:v0.1.0 .
# The build stage runs scripts/publish.sh, the same script CI runs and tests: a trimmed, self-contained linux-x64 app.

ARG DOTNET_VERSION=10.0

FROM mcr.microsoft.com/dotnet/sdk:${DOTNET_VERSION} AS build
WORKDIR /src
# Restore first, from the central package and project files only, so the layer is reused until they change.
COPY global.json Directory.Build.props Directory.Packages.props MqttSource.sln ./
COPY build/ build/
COPY src/MqttSource.Mqtt/MqttSource.Mqtt.csproj src/MqttSource.Mqtt/
COPY src/MqttSource.CloudEvents.Json/MqttSource.CloudEvents.Json.csproj src/MqttSource.CloudEvents.Json/
COPY src/MqttSource.CloudEvents.Mqtt/MqttSource.CloudEvents.Mqtt.csproj src/MqttSource.CloudEvents.Mqtt/
COPY src/MqttSource.Apis/MqttSource.Apis.csproj src/MqttSource.Apis/
COPY src/MqttSource.Kubernetes/MqttSource.Kubernetes.csproj src/MqttSource.Kubernetes/
COPY src/MqttSource.Adapter/MqttSource.Adapter.csproj src/MqttSource.Adapter/
COPY src/MqttSource.Controller/MqttSource.Controller.csproj src/MqttSource.Controller/
COPY src/MqttSource.EventDisplay/MqttSource.EventDisplay.csproj src/MqttSource.EventDisplay/
RUN for p in Adapter Controller EventDisplay; do dotnet restore src/MqttSource.$p -r linux-x64; done
COPY src/ src/
COPY scripts/publish.sh scripts/publish.sh
ARG APP=adapter
RUN bash scripts/publish.sh /out "$APP" && \
    case "$APP" in adapter) exe=mqtt-source-adapter ;; controller) exe=mqtt-source-controller ;; *) exe=event-display ;; esac && \
    ln -s "$exe" "/out/$APP/entrypoint"

# runtime-deps: just the native libraries a self-contained .NET app needs (no SDK, no shared runtime).
FROM mcr.microsoft.com/dotnet/runtime-deps:${DOTNET_VERSION}-bookworm-slim
ARG APP=adapter
LABEL org.opencontainers.image.title="mqtt-source-${APP}" \
      org.opencontainers.image.description="MqttSource: a Knative Eventing source for MQTT (${APP})" \
      org.opencontainers.image.source="https://example.com/mqtt-source" \
      org.opencontainers.image.licenses="Apache-2.0" \
      org.opencontainers.image.vendor="MqttSource"
# Small footprint: workstation, non-concurrent GC (one heap, no background GC thread), no W^X double mapping;
# no writable root file system needed (nothing is written outside /tmp, which Kubernetes mounts as emptyDir if wanted).
ENV DOTNET_gcServer=0 \
    DOTNET_gcConcurrent=0 \
    DOTNET_TieredPGO=0 \
    DOTNET_EnableWriteXorExecute=0 \
    DOTNET_NOLOGO=1 \
    TMPDIR=/tmp \
    HTTP_PORT=8080
WORKDIR /app
COPY --from=build --chown=0:0 /out/${APP}/ /app/
USER 65532:65532
EXPOSE 8080
ENTRYPOINT ["/app/entrypoint"]
