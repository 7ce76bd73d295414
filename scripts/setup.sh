#!/usr/bin/env bash
# Installs the system packages the project needs on a fresh Debian machine (as root, or with sudo):
# libcurl with OpenSSL (headers to build the HTTP transport), libsecret and gnome-keyring + D-Bus for the Secret
# Service keyring and its tests, curl and python3-venv for the tests and the Python reference, gcc for the loader
# tests' broken plugins and the benchmark's C libcurl client, hyperfine for the benchmarks, patchelf for relocatable
# installs (relative run paths), zstd for the conda package, zsh and fish for the completion tests, chromium and
# chromium-driver for the web sign-in browser test (Tests/Browser), wrk for the web middleware benchmark (bench/web.sh).
set -euo pipefail
command -v apt-get >/dev/null 2>&1 || { echo "setup.sh: apt-get not found; install the packages listed here by hand" >&2; exit 0; }
sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
$sudo apt-get install -y -qq --no-install-recommends \
    gcc libc6-dev curl libcurl4-openssl-dev python3-venv libsecret-1-dev gnome-keyring dbus-x11 libsecret-tools \
    hyperfine time patchelf zstd zsh fish chromium chromium-driver wrk >/dev/null
