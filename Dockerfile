# syntax=docker/dockerfile:1
# One Dockerfile, three images: pick the executable with --build-arg APP=adapter|controller|event-display.
#   docker build --build-arg APP=adapter       -t registry.example.com/mqtt-source/adapter:v0.1.0 .
#   docker build --build-arg APP=controller    -t registry.example.com/mqtt-source/controller:v0.1.0 .
#   docker build --build-arg APP=event-display -t registry.example.com/mqtt-source/event-display:v0.1.0 .
# The build stage runs scripts/publish.sh, the same script CI runs and tests: a trimmed, self-contained linux-x64 app.
#
# The base images are build arguments (defaults: the official .NET images):
#   SDK_IMAGE      any image with the .NET 10 SDK on PATH and bash (the build stage)
#   RUNTIME_IMAGE  any glibc Linux with the native libraries a self-contained .NET app needs: libc, libgcc, libstdc++,
#                  zlib, OpenSSL 3 and CA certificates (the official runtime-deps image is exactly that)
# scripts/check-image.sh builds this file against bases made locally from Debian packages (debootstrap), nothing pulled.

ARG DOTNET_VERSION=10.0
ARG SDK_IMAGE=mcr.microsoft.com/dotnet/sdk:${DOTNET_VERSION}
ARG RUNTIME_IMAGE=mcr.microsoft.com/dotnet/runtime-deps:${DOTNET_VERSION}-bookworm-slim

# Only the project files, whatever projects src/ holds: the restore layer below stays cached until one of them changes.
FROM ${SDK_IMAGE} AS projects
WORKDIR /src
COPY src/ src/
RUN find src -type f ! -name '*.csproj' -delete && find src -type d -empty -delete

FROM ${SDK_IMAGE} AS build
WORKDIR /src
ENV DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
COPY global.json Directory.Build.props Directory.Packages.props .editorconfig ./
COPY build/ build/
COPY --from=projects /src/src/ src/
RUN for project in src/*/*.csproj; do dotnet restore "$project" -r linux-x64 -p:PublishTrimmed=true -nologo -v quiet || exit 1; done
COPY src/ src/
COPY scripts/ scripts/
ARG APP=adapter
RUN bash scripts/publish.sh /out "$APP" && \
    case "$APP" in adapter) exe=mqtt-source-adapter ;; controller) exe=mqtt-source-controller ;; *) exe=event-display ;; esac && \
    ln -s "$exe" "/out/$APP/entrypoint"

# runtime-deps: just the native libraries a self-contained .NET app needs (no SDK, no shared runtime).
FROM ${RUNTIME_IMAGE}
ARG APP=adapter
LABEL org.opencontainers.image.title="mqtt-source-${APP}" \
      org.opencontainers.image.description="MqttSource: a Knative Eventing source for MQTT (${APP})" \
      org.opencontainers.image.source="https://example.com/mqtt-source" \
      org.opencontainers.image.licenses="Apache-2.0" \
      org.opencontainers.image.vendor="MqttSource"
# Small footprint: workstation GC (one heap), no W^X double mapping; background GC is each app's choice in its
# runtimeconfig (on for the adapter: it caps gen0 and lowers its peak RSS; off for the controller and event-display);
# no writable root file system needed (nothing is written outside /tmp, which Kubernetes mounts as emptyDir if wanted).
ENV DOTNET_gcServer=0 \
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
