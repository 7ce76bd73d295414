#!/usr/bin/env bash
# Against the bundled local server (HTTPS, auto-approve, zero poll interval), ours vs the Python reference with the
# same config file and keyring: `anaconda auth whoami` and a whole device-flow `anaconda auth login --force`.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
reference_runs=$(( runs < 15 ? runs : 15 ))
start_local_server --auto-approve --interval 0
export HOME="$work/home" BROWSER=true NO_PROXY=127.0.0.1,localhost no_proxy=127.0.0.1,localhost
mkdir -p "$HOME/.anaconda"
printf '[plugin.auth]\ndomain = "%s"\nssl_verify = "%s"\n' "$domain" "$ca" > "$HOME/.anaconda/config.toml"
"$host" auth login >/dev/null 2>&1 </dev/null

timed ours-whoami "$runs" "$host" auth whoami
timed reference-whoami "$reference_runs" "$reference/anaconda" auth whoami
record time "anaconda auth whoami (local server)" "$work/ours-whoami.json" "$work/reference-whoami.json"

timed ours-login "$runs" "$host" auth login --force
timed reference-login "$reference_runs" "$reference/anaconda" auth login --force
record time "anaconda auth login --force, device flow" "$work/ours-login.json" "$work/reference-login.json" \
    --note "local server: auto-approve, zero poll interval"
