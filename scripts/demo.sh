#!/usr/bin/env bash
# The demo: the `anaconda` host with the example third-party plugins installed in a throw-away plugin directory
# and HOME, showing plugin help, a plugin command, the shared error handler and the login routing.
set -euo pipefail
cd "$(dirname "$0")/.."
host=.build/debug/anaconda
example=Plugins/ExamplePlugin
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export HOME="$work/home" ANACONDA_PLUGIN_PATH="$work/plugins"
mkdir -p "$HOME"
for pair in example-plugin:ExamplePlugin example-login:ExampleLoginPlugin; do
    name=${pair%%:*} library=${pair#*:}
    mkdir -p "$ANACONDA_PLUGIN_PATH/$name"
    cp "$example/Manifests/$name/plugin-manifest.json" "$ANACONDA_PLUGIN_PATH/$name/"
    cp "$example/.build/debug/lib$library.so" "$ANACONDA_PLUGIN_PATH/$name/"
done
run() {
    printf '\n$ anaconda %s\n' "$*"
    "$host" "$@" || printf '(exit %s)\n' "$?"
}
run --help
run --version
run plugin fail http-422
run plugin need-login </dev/null
run login
run plugin need-login
