#!/usr/bin/env bash
# `make dist`: the relocatable, self-contained archive dist/anaconda-<version>-linux-<arch>.tar.gz from a release
# build: bin/anaconda, our shared libraries, the plugins with their manifest, and the Swift runtime libraries they
# need (scripts/install.sh + scripts/relocate.sh). Symbols are stripped; the debug information goes beside the
# archive (anaconda-<version>-linux-<arch>.debug.tar.gz, one <file>.debug per binary, linked by .gnu_debuglink).
# usage: scripts/dist.sh [BUILD_DIR [OUT_DIR]]     (prints the archive's path and size; OUT_DIR defaults to dist)
set -euo pipefail
cd "$(dirname "$0")/.."
build_dir=${1:-.build/release}
out=${2:-dist}
version=$(sed -n 's/.*static let version = "\(.*\)"/\1/p' Sources/AnacondaHost/Host.swift)
name="anaconda-$version-linux-$(uname -m)"
mkdir -p "$out"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
root="$work/$name"
scripts/install.sh --prefix "$root" --build-dir "$build_dir" >/dev/null
mkdir -p "$work/debug"
find "$root" -type f \( -name '*.so' -o -path '*/bin/*' \) | while read -r file; do
    relative=${file#"$root"/}
    mkdir -p "$work/debug/$(dirname "$relative")"
    objcopy --only-keep-debug "$file" "$work/debug/$relative.debug"
    strip --strip-unneeded "$file"
    objcopy --add-gnu-debuglink="$work/debug/$relative.debug" "$file"
done
tar -C "$work" -czf "$out/$name.tar.gz" "$name"
tar -C "$work/debug" -czf "$out/$name.debug.tar.gz" .
size=$(du -k "$out/$name.tar.gz" | cut -f1)
unpacked=$(du -sk "$root" | cut -f1)
runtime=$(find "$root/lib" -maxdepth 1 -name 'lib*swift*.so' -o -maxdepth 1 -name 'lib*Foundation*.so' -o -maxdepth 1 -name 'libdispatch.so' -o -maxdepth 1 -name 'libBlocksRuntime.so' | xargs du -ck 2>/dev/null | tail -1 | cut -f1)
echo "$out/$name.tar.gz: $((size / 1024)).$(((size % 1024) * 10 / 1024)) MB" \
    "(unpacked $((unpacked / 1024)) MB, of which the Swift runtime $((runtime / 1024)) MB); debug information in $out/$name.debug.tar.gz"
