# Sourced by the scripts that build: makes sure a .NET 10 SDK is there, or says what to install (instead of a shell
# error). Looks on PATH, then in $DOTNET_ROOT and ~/.dotnet (where Microsoft's dotnet-install script puts it).
require_dotnet() {
  local hint="install the .NET 10 SDK: https://learn.microsoft.com/dotnet/core/install/linux (Debian 12: https://learn.microsoft.com/dotnet/core/install/linux-debian)"
  if ! command -v dotnet >/dev/null 2>&1; then
    local dir
    for dir in "${DOTNET_ROOT:-}" "${HOME:-/root}/.dotnet"; do
      if [ -n "$dir" ] && [ -x "$dir/dotnet" ]; then
        export PATH="$dir:$PATH" DOTNET_ROOT="$dir"
        break
      fi
    done
  fi
  if ! command -v dotnet >/dev/null 2>&1; then
    echo "$(basename "$0"): 'dotnet' was not found — $hint" >&2
    exit 1
  fi
  # global.json asks for 10.0.100 or a later 10.0 feature band; an older SDK alone fails here with dotnet's own message.
  if ! dotnet --version >/dev/null 2>&1; then
    local sdks
    sdks=$(dotnet --list-sdks 2>/dev/null | awk '{print $1}' | paste -sd, -)
    echo "$(basename "$0"): 'dotnet' is there but has no .NET 10 SDK (SDKs found: ${sdks:-none}) — $hint" >&2
    exit 1
  fi
}
