#!/usr/bin/env bash
# Makes an installed prefix self-contained and relocatable (scripts/install.sh runs it):
#   - every Swift runtime library the binaries need (their NEEDED entries, followed recursively, found in the
#     toolchain's runtime directory) is copied into <prefix>/lib;
#   - every run path becomes relative: bin/anaconda $ORIGIN/../lib, lib/*.so $ORIGIN, plugins $ORIGIN/../../..
#     (so nothing refers to the toolchain or the build directory, and the prefix can be moved).
# System libraries (glibc, libstdc++, libcurl, OpenSSL, ...) stay the system's.
# usage: scripts/relocate.sh PREFIX
set -euo pipefail
prefix=${1:?usage: scripts/relocate.sh PREFIX}
command -v patchelf >/dev/null || { echo "relocate.sh: patchelf is missing (apt-get install patchelf)" >&2; exit 1; }

# The toolchain's runtime directory: where the host's libswiftCore.so resolves.
runtime=$(ldd "$prefix/bin/anaconda" | sed -n 's/.*libswiftCore\.so => \(.*\)\/libswiftCore\.so .*/\1/p' | head -1)
if [ -z "$runtime" ] || [ "$runtime" = "$prefix/lib" ]; then
    runtime=$(dirname "$(dirname "$(readlink -f "$(command -v swiftc)")")")/lib/swift/linux
fi
[ -f "$runtime/libswiftCore.so" ] || { echo "relocate.sh: cannot find the Swift runtime ($runtime)" >&2; exit 1; }

elf_files() {
    find "$prefix/bin" "$prefix/lib" -type f \( -name '*.so' -o -name '*.so.*' -o -perm -u+x \) | while read -r file; do
        head -c 4 "$file" | grep -q 'ELF' && echo "$file"
    done
}
needed() { readelf -d "$1" 2>/dev/null | sed -n 's/.*(NEEDED).*\[\(.*\)\]/\1/p'; }

# Copy runtime libraries until nothing new is needed.
while true; do
    added=0
    for file in $(elf_files); do
        for name in $(needed "$file"); do
            if [ -f "$runtime/$name" ] && [ ! -f "$prefix/lib/$name" ]; then
                install -m 0644 "$runtime/$name" "$prefix/lib/$name"
                added=1
            fi
        done
    done
    [ $added -eq 1 ] || break
done

for file in $(elf_files); do
    case "$file" in
        "$prefix/bin/"*) path='$ORIGIN/../lib' ;;
        "$prefix/lib/anaconda/plugins/"*) path='$ORIGIN/../../..' ;;
        *) path='$ORIGIN' ;;
    esac
    patchelf --set-rpath "$path" "$file"
done
