#!/usr/bin/env bash
# The demo: a working login against the bundled local Anaconda server, in a throw-away HOME.
#   1. start `anaconda-local-server` (HTTPS with a generated CA; device codes approved automatically),
#   2. point `[plugin.auth]` at it, `anaconda login` (device flow), `anaconda auth api-key`, `anaconda whoami`,
#   3. the example third-party plugin's `anaconda plugin do-something` (the server answers 422),
#   4. `anaconda token install` (a repository token for the organization, checked, stored, conda configured in
#      the throw-away ~/.condarc) and `anaconda token list`,
#   5. `anaconda logout`.
set -euo pipefail
cd "$(dirname "$0")/.."
bin=.build/debug
work=$(mktemp -d)
server_pid=""
cleanup() {
    [ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null
    rm -rf "$work"
}
trap cleanup EXIT
export HOME="$work/home" ANACONDA_PLUGIN_PATH="$work/plugins"
mkdir -p "$HOME/.anaconda" "$ANACONDA_PLUGIN_PATH/example-plugin"
cp Plugins/ExamplePlugin/Manifests/example-plugin/plugin-manifest.json Plugins/ExamplePlugin/.build/debug/libExamplePlugin.so \
    "$ANACONDA_PLUGIN_PATH/example-plugin/"

"$bin/anaconda-local-server" --port 0 --auto-approve --state-directory "$work/server" > "$work/server.out" &
server_pid=$!
for _ in $(seq 1 100); do grep -q "^client certificate" "$work/server.out" 2>/dev/null && break; sleep 0.1; done
url=$(sed -n 's/^listening on //p' "$work/server.out")
ca=$(sed -n 's/^CA certificate: //p' "$work/server.out")
echo "local Anaconda server: $url (CA $ca)"
printf '[plugin.auth]\ndomain = "%s"\nssl_verify = "%s"\n' "${url#https://}" "$ca" > "$HOME/.anaconda/config.toml"
# The local server is also the premium repository that checks tokens.
export CONDA_TOKEN_REPO_URL="$url/repo/"

run() {
    printf '\n$ anaconda %s\n' "$*"
    "$bin/anaconda" "$@" || printf '(exit %s)\n' "$?"
}
run --help
run login
run auth api-key
run whoami
run plugin do-something input-data
run token install --yes
run token list
printf '\n$ cat ~/.condarc\n'
cat "$HOME/.condarc"
run logout
run auth api-key </dev/null
