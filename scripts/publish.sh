#!/usr/bin/env bash
# Builds the NativeAOT kingsnake binary for one runtime and packs it for a release:
#   scripts/publish.sh [RID [OUTDIR]]
# RID: linux-x64, linux-arm64, osx-arm64 or win-x64 (default: this machine's). OUTDIR (default: artifacts/release)
# gets kingsnake-VERSION-RID.tar.gz (.zip for win-*: a folder with the binary and README.md) and SHA256SUMS over every
# archive in OUTDIR, so runs for several RIDs into one folder add up. VERSION is <Version> in Directory.Build.props.
# NativeAOT links with the platform's native toolchain, so a binary is built on its own OS (clang and zlib on Linux,
# Xcode's command line tools on macOS, Visual Studio's C++ tools on Windows); another architecture of the same OS needs
# that architecture's cross toolchain. The release workflow (.github/workflows/release.yml) runs this on one runner
# per RID. Needs bash, tar, sha256sum or shasum, and zip, 7z or PowerShell for the Windows archive.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

# tr: on Windows the SDK's lines end in CR.
host=$(dotnet --info | sed -n 's/^ *RID: *//p' | tr -d '\r' | head -n 1)
rid=${1:-$host}
out=${2:-artifacts/release}
case "$rid" in
  linux-x64|linux-arm64|osx-arm64|win-x64) ;;
  *) echo "publish: unsupported RID '$rid' (linux-x64, linux-arm64, osx-arm64, win-x64)" >&2; exit 2 ;;
esac
if [ "${rid%%-*}" != "${host%%-*}" ]; then
  case "$rid" in linux-*) os=Linux ;; osx-*) os=macOS ;; *) os=Windows ;; esac
  echo "publish: NativeAOT cannot build $rid on $host (no cross-OS compilation): run this on $os" >&2
  exit 2
fi

version=$(sed -n 's:.*<Version>\(.*\)</Version>.*:\1:p' Directory.Build.props)
[ -n "$version" ] || { echo "publish: no <Version> in Directory.Build.props" >&2; exit 1; }
name="kingsnake-$version-$rid"
mkdir -p "$out"
out=$(cd "$out" && pwd)
stage=$(mktemp -d "${TMPDIR:-/tmp}/kingsnake-publish.XXXXXX")
trap 'rm -rf "$stage"' EXIT

dotnet publish src/Kingsnake.Cli -c Release -r "$rid" -p:PublishAot=true -o "$stage/publish" -nologo

exe=kingsnake
case "$rid" in win-*) exe=kingsnake.exe ;; esac
mkdir "$stage/$name"
# Only the binary and the README: the symbol files (.dbg, .dSYM, .pdb) beside it are for debugging, not for users.
cp "$stage/publish/$exe" README.md "$stage/$name/"
"$stage/$name/$exe" --version >/dev/null 2>&1 || [ "$rid" != "$host" ] || { echo "publish: the built binary does not run" >&2; exit 1; }

cd "$stage"
case "$rid" in
  win-*)
    archive="$name.zip"
    rm -f "$out/$archive"
    if command -v zip >/dev/null; then zip -q -r "$out/$archive" "$name"
    elif command -v 7z >/dev/null; then 7z a -tzip -bd "$out/$archive" "$name" >/dev/null
    else powershell -NoProfile -Command "Compress-Archive -Path '$name' -DestinationPath '$(cygpath -w "$out/$archive" 2>/dev/null || echo "$out/$archive")'"
    fi ;;
  *)
    archive="$name.tar.gz"
    # Owner and group zeroed: the archive should not carry the build machine's accounts.
    tar -czf "$out/$archive" --owner=0 --group=0 "$name" 2>/dev/null || tar -czf "$out/$archive" "$name" ;;
esac

cd "$out"
sums() { if command -v sha256sum >/dev/null; then sha256sum "$@"; else shasum -a 256 "$@"; fi; }
shopt -s nullglob
# sha256sum -c reads this on every platform; shasum's lines are the same text.
sums kingsnake-*.tar.gz kingsnake-*.zip >SHA256SUMS
echo "publish: $out/$archive ($(wc -c <"$archive" | tr -d ' ') bytes; binary $(wc -c <"$stage/$name/$exe" | tr -d ' ') bytes)"
