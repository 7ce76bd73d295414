#!/usr/bin/env bash
# Plugin host start-up, release build:
#   1. `anaconda --help` with 1 vs 100 installed plugin manifests (help must not scale with plugins),
#   2. host start + dlopen + a trivial plugin command (`anaconda plugin context`).
# usage: bench/host.sh [--quick]     (--quick: 3 runs each, for CI smoke; no thresholds)
#        BIN=.build/debug bench/host.sh --quick   (use existing debug builds instead of building release)
set -euo pipefail
cd "$(dirname "$0")/.."
runs=60
[ "${1:-}" = "--quick" ] && runs=3
bin=${BIN:-.build/release}
configuration=$(basename "$bin")
if [ -z "${BIN:-}" ]; then
    swift build -c release >/dev/null
    (cd Plugins/ExamplePlugin && swift build -c release --product ExampleLoginPlugin >/dev/null)
fi
[ -x .build-reference/bin/anaconda ] || make reference >/dev/null
host=$bin/anaconda
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/home/.example-login"
: > "$work/home/.example-login/example.com"   # so `example-auth whoami` succeeds

install_example() {  # $1: plugin directory; a small plugin without the HTTP client
    mkdir -p "$1/example-login"
    cp Plugins/ExamplePlugin/Manifests/example-login/plugin-manifest.json "$1/example-login/"
    cp "Plugins/ExamplePlugin/.build/$configuration/libExampleLoginPlugin.so" "$1/example-login/"
}
install_example "$work/one"
install_example "$work/hundred"
for i in $(seq 1 99); do
    mkdir -p "$work/hundred/p$i"
    cat > "$work/hundred/p$i/plugin-manifest.json" <<JSON
{"schemaVersion": 1, "plugins": [{"name": "p$i", "version": "1.0.$i", "library": "libp$i.so", "abiVersion": 1,
  "apiVersion": "0.1.0", "summary": "Plugin number $i",
  "commands": [{"name": "p$i", "summary": "Plugin number $i", "subcommands": [{"name": "run"}, {"name": "list"}]}]}]}
JSON
done

measure() {  # $1: name, $2: plugin dir, rest: arguments
    local name=$1 dir=$2
    shift 2
    HOME="$work/home" ANACONDA_PLUGIN_PATH="$dir" hyperfine -N --warmup 3 --runs "$runs" \
        --export-json "$work/$name.json" --command-name "$name" "$host $*" >/dev/null 2>&1
    python3 - "$work/$name.json" <<'PY'
import json, sys, statistics
r = json.load(open(sys.argv[1]))["results"][0]
times = sorted(t * 1000 for t in r["times"])
print(f'| {r["command"]} | {statistics.median(times):.2f} | {times[0]:.2f}–{times[-1]:.2f} | {r["mean"]*1000:.2f} ± {r["stddev"]*1000:.2f} |')
PY
}

echo "| command ($configuration, $runs runs) | median ms | min–max ms | mean ± σ ms |"
echo "|---|---|---|---|"
one=$(measure "help-1-manifest" "$work/one" --help)
hundred=$(measure "help-100-manifests" "$work/hundred" --help)
echo "$one"
echo "$hundred"
measure "plugin-command" "$work/one" example-auth whoami
# `auth api-key` with a stored key: ours and the Python reference, same HOME and keyring file.
key="eyJhbGciOiJSUzI1NiJ9.eyJleHAiOjQxMDI0NDQ4MDAsInN1YiI6ImJlbmNoIn0.c2ln"
HOME="$work/home" "$bin/keyring-probe" set anaconda.com "$key"
cp plugin-manifest.json "$bin/plugin-manifest.json"
measure "auth-api-key" "$work/none" auth api-key
HOME="$work/home" hyperfine -N --warmup 2 --runs "$(( runs < 10 ? runs : 10 ))" --export-json "$work/reference.json" \
    --command-name "reference auth api-key" ".build-reference/bin/anaconda auth api-key" >/dev/null 2>&1
python3 - "$work/reference.json" <<'PY'
import json, sys, statistics
r = json.load(open(sys.argv[1]))["results"][0]
times = sorted(t * 1000 for t in r["times"])
print(f'| Python reference: anaconda auth api-key | {statistics.median(times):.2f} | {times[0]:.2f}–{times[-1]:.2f} | {r["mean"]*1000:.2f} ± {r["stddev"]*1000:.2f} |')
PY
python3 - "$work/help-1-manifest.json" "$work/help-100-manifests.json" <<'PY'
import json, sys, statistics
m = [statistics.median(json.load(open(p))["results"][0]["times"]) for p in sys.argv[1:]]
print(f"\nhelp with 100 manifests / with 1 manifest: {m[1] / m[0]:.2f}x (goal <= 1.3x)")
PY
