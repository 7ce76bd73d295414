#!/usr/bin/env bash
# Runs every benchmark. usage: bench/run.sh [--quick]
set -euo pipefail
cd "$(dirname "$0")"
./host.sh "$@"
./storage.sh "$@"
./http.sh "$@"
