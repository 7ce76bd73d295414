#!/usr/bin/env bash
# The web sign-in demo: the bundled local Anaconda server as the OIDC provider (one registered web client) and the
# example Hummingbird app, in a throw-away HOME. Prints the URL to open; Ctrl-C stops both.
#   APP_PORT (default 5006) is the app's port, part of the registered redirect URL.
set -euo pipefail
cd "$(dirname "$0")/.."
bin=.build/debug
app_bin=Examples/WebExample/.build/debug/anaconda-web-example
app_port=${APP_PORT:-5006}
work=$(mktemp -d)
pids=()
cleanup() {
    for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
    rm -rf "$work"
}
trap cleanup EXIT
export HOME="$work/home"
mkdir -p "$HOME/.anaconda"

redirect="http://localhost:$app_port/auth/callback"
"$bin/anaconda-local-server" --port 0 --state-directory "$work/server" --web-client "web-demo:demo-secret:$redirect" \
    > "$work/server.out" &
pids+=($!)
for _ in $(seq 1 100); do grep -q "^client certificate" "$work/server.out" 2>/dev/null && break; sleep 0.1; done
url=$(sed -n 's/^listening on //p' "$work/server.out")
ca=$(sed -n 's/^CA certificate: //p' "$work/server.out")
[ -n "$url" ] || { cat "$work/server.out" >&2; echo "web-demo: the local server did not start" >&2; exit 1; }
printf '[plugin.auth]\ndomain = "%s"\nssl_verify = "%s"\n' "${url#https://}" "$ca" > "$HOME/.anaconda/config.toml"

export ANACONDA_WEB_CLIENT_ID=web-demo ANACONDA_WEB_CLIENT_SECRET=demo-secret ANACONDA_WEB_REDIRECT_URL="$redirect"
ANACONDA_WEB_COOKIE_SECRET=$(head -c 48 /dev/urandom | base64 | tr -d '\n')
export ANACONDA_WEB_COOKIE_SECRET
"$app_bin" --port "$app_port" > "$work/app.out" &
pids+=($!)
for _ in $(seq 1 100); do grep -q "^listening on" "$work/app.out" 2>/dev/null && break; sleep 0.1; done
grep -q "^listening on" "$work/app.out" || { echo "web-demo: the app did not start" >&2; exit 1; }

cat <<TEXT
local Anaconda server (OIDC provider): $url  (its certificate is signed by the demo CA $ca:
  the browser will warn about it on the approval page)
example app: http://localhost:$app_port/   <- open this, approve, and you are greeted
Ctrl-C stops both.
TEXT
wait
