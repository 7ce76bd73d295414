# Shared by the bench scripts (sourced, never run). run.sh exports BENCH_RESULTS, BENCH_RUNS and BIN.
#   BIN: the build directory measured (run.sh builds release; BIN=.build/debug for a look without a release build)
cd "$(dirname "$0")/.."
bin=${BIN:-.build/release}
runs=${BENCH_RUNS:-40}
results=${BENCH_RESULTS:?run the benchmarks with bench/run.sh}
reference=.build-reference/bin
work=$(mktemp -d)
server_pid=""
cleanup() {
    if [ -n "$server_pid" ]; then kill "$server_pid" 2>/dev/null || true; fi
    rm -rf "$work" || true
}
trap cleanup EXIT

# The host as users run it: installed under a prefix (bin/, lib/, lib/anaconda/plugins/), not from the build
# directory, where it would also probe every build subdirectory for plugin manifests.
scripts/install.sh --prefix "$work/prefix" --build-dir "$bin" >/dev/null
host=$work/prefix/bin/anaconda

# timed NAME RUNS COMMAND...: hyperfine (no shell), in the current environment, into $work/NAME.json.
timed() {
    local name=$1 count=$2
    shift 2
    hyperfine -N --warmup 2 --runs "$count" --export-json "$work/$name.json" --command-name "$name" "$*" >/dev/null
}

# record ARGS...: one record into the results (see bench/record.py).
record() { python3 bench/record.py "$results" "$@"; }

# start_local_server [SERVER OPTIONS...]: sets $url, $domain and $ca; the server stops with the script.
start_local_server() {
    "$bin/anaconda-local-server" --port 0 --state-directory "$work/server" "$@" > "$work/server.out" 2>&1 &
    server_pid=$!
    for _ in $(seq 1 300); do grep -q "^client certificate" "$work/server.out" 2>/dev/null && break; sleep 0.1; done
    url=$(sed -n 's/^listening on //p' "$work/server.out")
    ca=$(sed -n 's/^CA certificate: //p' "$work/server.out")
    if [ -z "$url" ] || [ -z "$ca" ]; then
        echo "bench: the local server did not start:" >&2
        cat "$work/server.out" >&2
        exit 1
    fi
    domain=${url#https://}
}

# A JWT-shaped API key that expires in 2100.
bench_key="eyJhbGciOiJSUzI1NiJ9.eyJleHAiOjQxMDI0NDQ4MDAsInN1YiI6ImJlbmNoIn0.c2ln"
