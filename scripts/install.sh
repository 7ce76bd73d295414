#!/usr/bin/env bash
# Lays out an installed `anaconda`:
#   <prefix>/bin/anaconda
#   <prefix>/lib/libAnacondaPluginAPI.so (and the other shared libraries: libAnacondaCore.so, libAnacondaAuth.so, libAnacondaHTTPTransport.so)
#   <prefix>/lib/anaconda/plugins/<name>/{plugin-manifest.json,lib*.so}
#   <prefix>/lib/libswiftCore.so and the other Swift runtime libraries the binaries need (scripts/relocate.sh)
# Every run path is relative ($ORIGIN/...): the prefix runs without a Swift toolchain, from any directory, and can
# be moved.
#
# usage: scripts/install.sh --prefix DIR [--build-dir DIR] [--plugin LIBRARY:MANIFEST]...
set -euo pipefail

prefix=""
build_dir=".build/release"
plugins=()
while [ $# -gt 0 ]; do
    case "$1" in
        --prefix) prefix="$2"; shift 2 ;;
        --build-dir) build_dir="$2"; shift 2 ;;
        --plugin) plugins+=("$2"); shift 2 ;;
        *) echo "install.sh: unknown argument: $1" >&2; exit 2 ;;
    esac
done
[ -n "$prefix" ] || { echo "install.sh: --prefix is required" >&2; exit 2; }
[ -x "$build_dir/anaconda" ] || { echo "install.sh: $build_dir/anaconda is missing; build first" >&2; exit 1; }

install -d "$prefix/bin" "$prefix/lib/anaconda/plugins"
install -m 0755 "$build_dir/anaconda" "$prefix/bin/anaconda"
for library in "$build_dir"/libAnaconda*.so; do
    [ -e "$library" ] || continue
    case "$(basename "$library")" in
        libAnacondaCore.so|libAnacondaPluginAPI.so|libAnacondaAuth.so|libAnacondaHTTPTransport.so) install -m 0644 "$library" "$prefix/lib/" ;;
    esac
done
# The repository's own plugins: every plugin in the top-level manifest whose library was built.
repo_root="$(cd "$(dirname "$0")/.." && pwd)"
if [ -f "$repo_root/plugin-manifest.json" ] && grep -q '"library"' "$repo_root/plugin-manifest.json"; then
    for library in $(sed -n 's/.*"library": *"\([^"]*\)".*/\1/p' "$repo_root/plugin-manifest.json"); do
        [ -f "$build_dir/$library" ] || { echo "install.sh: $build_dir/$library is missing" >&2; exit 1; }
        install -d "$prefix/lib/anaconda/plugins/anaconda"
        install -m 0644 "$build_dir/$library" "$prefix/lib/anaconda/plugins/anaconda/"
    done
    install -m 0644 "$repo_root/plugin-manifest.json" "$prefix/lib/anaconda/plugins/anaconda/plugin-manifest.json"
fi
# Extra plugins: LIBRARY:MANIFEST pairs, each in its own directory named after the library.
for pair in "${plugins[@]+"${plugins[@]}"}"; do
    library="${pair%%:*}"
    manifest="${pair#*:}"
    name="$(basename "$library" .so)"
    name="${name#lib}"
    install -d "$prefix/lib/anaconda/plugins/$name"
    install -m 0644 "$library" "$prefix/lib/anaconda/plugins/$name/"
    install -m 0644 "$manifest" "$prefix/lib/anaconda/plugins/$name/plugin-manifest.json"
done
# Self-contained and relocatable: the Swift runtime beside our libraries, relative run paths only.
"$(dirname "$0")/relocate.sh" "$prefix"
echo "installed anaconda into $prefix"
