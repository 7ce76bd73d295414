#!/usr/bin/env bash
# Start-up, ours vs the Python reference in the same HOME: `anaconda --help`, `anaconda auth --help`,
# `anaconda auth api-key` with a stored key (time and peak RSS); ours alone: `--help` with 1 vs 100 installed plugin
# manifests (help must not load or scale with plugins) and host + dlopen + a trivial plugin command.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
reference_runs=$(( runs < 15 ? runs : 15 ))
export HOME="$work/home"
mkdir -p "$HOME/.example-login"
: > "$HOME/.example-login/example.com"   # so `example-auth whoami` succeeds
HOME="$work/home" "$bin/keyring-probe" set anaconda.com "$bench_key"

install_example() {  # $1: plugin directory; a small plugin without the HTTP client
    mkdir -p "$1/example-login"
    cp Plugins/ExamplePlugin/Manifests/example-login/plugin-manifest.json "$1/example-login/"
    cp "Plugins/ExamplePlugin/.build/$(basename "$bin")/libExampleLoginPlugin.so" "$1/example-login/"
}
install_example "$work/one"
install_example "$work/hundred"
for i in $(seq 1 99); do
    mkdir -p "$work/hundred/p$i"
    cat > "$work/hundred/p$i/plugin-manifest.json" <<JSON
{"schemaVersion": 1, "plugins": [{"name": "p$i", "version": "1.0.$i", "library": "libp$i.so", "abiVersion": 2,
  "apiVersion": "0.1.0", "summary": "Plugin number $i",
  "commands": [{"name": "p$i", "summary": "Plugin number $i", "subcommands": [{"name": "run"}, {"name": "list"}]}]}]}
JSON
done

for command in "--help" "auth --help" "auth api-key"; do
    slug=${command//[^a-z]/}
    timed "ours-$slug" "$runs" "$host" $command
    timed "reference-$slug" "$reference_runs" "$reference/anaconda" $command
done
record time "anaconda --help" "$work/ours-help.json" "$work/reference-help.json"
record time "anaconda auth --help" "$work/ours-authhelp.json" "$work/reference-authhelp.json"
record time "anaconda auth api-key (stored key)" "$work/ours-authapikey.json" "$work/reference-authapikey.json" \
    --goal-ms 10 --goal-ratio 50

# In four alternating rounds, so that a slow moment of the machine weighs on both sides of the ratio.
rounds=4
one=() hundred=()
for round in $(seq 1 $rounds); do
    ANACONDA_PLUGIN_PATH="$work/one" timed "help-1-$round" $(( runs / rounds < 2 ? 2 : runs / rounds )) "$host" --help
    ANACONDA_PLUGIN_PATH="$work/hundred" timed "help-100-$round" $(( runs / rounds < 2 ? 2 : runs / rounds )) "$host" --help
    one+=("$work/help-1-$round.json") hundred+=("$work/help-100-$round.json")
done
one=$(IFS=,; echo "${one[*]}") hundred=$(IFS=,; echo "${hundred[*]}")
record time "anaconda --help, 1 plugin manifest" "$one"
record time "anaconda --help, 100 plugin manifests" "$hundred" \
    --baseline "$one" --baseline-name "1 manifest" --goal-scaling 1.3
ANACONDA_PLUGIN_PATH="$work/one" timed plugin-command "$runs" "$host" example-auth whoami
record time "host + dlopen + a trivial plugin command" "$work/plugin-command.json"

peak_rss_mb() {  # median peak RSS of 5 runs of the command, in MB
    for _ in 1 2 3 4 5; do /usr/bin/time -f "%M" "$@" 2>&1 >/dev/null | tail -1; done \
        | sort -n | sed -n 3p | awk '{printf "%.1f", $1 / 1024}'
}
record value memory "peak RSS, anaconda auth api-key" "$(peak_rss_mb "$host" auth api-key)" \
    "$(peak_rss_mb "$reference/anaconda" auth api-key)" --goal-max 20
