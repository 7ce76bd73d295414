#!/usr/bin/env bash
# The "Sign in with Anaconda" middleware's cost: wrk against the example web app (release build), a signed-in
# GET /hello (the middleware opens the sealed session cookie; no upstream call) vs GET /plain/hello (the same page
# without any middleware), in the same run. Prints both rates, the ratio and a markdown table on standard output
# (progress on standard error).
#   bench/web.sh                      # wrk -t2 -c32 -d10s on each
#   DURATION=3s bench/web.sh          # shorter
# Environment: WEB_EXAMPLE_BIN (default Examples/WebExample/.build/release/anaconda-web-example; build it with
# `swift build -c release --package-path Examples/WebExample`), BIN (the build directory of anaconda-local-server,
# default .build/debug: the provider only serves the sign-in, it is not measured), DURATION, THREADS, CONNECTIONS.
# With BENCH_RESULTS set (bench/run.sh), the numbers are also recorded for docs/benchmarks.md.
# Needs wrk and curl (scripts/setup.sh).
set -euo pipefail
cd "$(dirname "$0")/.."
bin=${BIN:-.build/debug}
app_bin=${WEB_EXAMPLE_BIN:-Examples/WebExample/.build/release/anaconda-web-example}
duration=${DURATION:-10s}
threads=${THREADS:-2}
connections=${CONNECTIONS:-32}
for tool in wrk curl python3; do
    command -v "$tool" >/dev/null || { echo "bench/web.sh: $tool not found (scripts/setup.sh installs it)" >&2; exit 1; }
done
for program in "$bin/anaconda-local-server" "$app_bin"; do
    [ -x "$program" ] || { echo "bench/web.sh: $program not found: build it first (see the top of this script)" >&2; exit 1; }
done
# Nothing from the caller's environment may change what is measured.
for variable in $(compgen -e | grep -E '^(ANACONDA_|CONDA_)' || true); do unset "$variable"; done
export NO_PROXY=127.0.0.1,localhost no_proxy=127.0.0.1,localhost
work=$(mktemp -d)
pids=()
cleanup() {
    for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
    for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
    rm -rf "$work" || true
}
trap cleanup EXIT

# wait_for FILE PATTERN NAME: until FILE has a line matching PATTERN (30 s), else its content and exit 1.
wait_for() {
    for _ in $(seq 1 300); do grep -q "$2" "$1" 2>/dev/null && return 0; sleep 0.1; done
    echo "bench/web.sh: $3 did not start:" >&2
    cat "$1" >&2
    exit 1
}

port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
app="http://localhost:$port"
secret=$(python3 -c 'import secrets; print(secrets.token_urlsafe(24))')
"$bin/anaconda-local-server" --port 0 --auto-approve --state-directory "$work/server" \
    --web-client "bench:$secret:$app/auth/callback" > "$work/server.out" 2>&1 &
pids+=($!)
wait_for "$work/server.out" "^CA certificate: " "anaconda-local-server"
url=$(sed -n 's/^listening on //p' "$work/server.out")
ca=$(sed -n 's/^CA certificate: //p' "$work/server.out")
mkdir -p "$work/home/.anaconda"
printf '[plugin.auth]\ndomain = "%s"\nssl_verify = "%s"\n' "${url#https://}" "$ca" > "$work/home/.anaconda/config.toml"

HOME="$work/home" ANACONDA_WEB_CLIENT_ID=bench ANACONDA_WEB_CLIENT_SECRET="$secret" \
    ANACONDA_WEB_COOKIE_SECRET="$(python3 -c 'import secrets; print(secrets.token_hex(32))')" \
    ANACONDA_WEB_REDIRECT_URL="$app/auth/callback" ANACONDA_WEB_OPTIONAL=false \
    "$app_bin" --host 127.0.0.1 --port "$port" > "$work/app.out" 2>&1 &
pids+=($!)
wait_for "$work/app.out" "^listening on " "anaconda-web-example"

# The whole sign-in, non-interactive (auto-approve): /login -> provider -> /auth/callback -> /hello.
jar=$work/cookies.txt
page=$(curl -s -L --max-time 30 --cacert "$ca" -c "$jar" -b "$jar" "$app/login?next=/hello")
case $page in
    *"Hello, me@example.com"*) ;;
    *) echo "bench/web.sh: the sign-in did not end on /hello: $page" >&2; cat "$work/app.out" >&2; exit 1 ;;
esac
# The session cookie(s) from the jar (HttpOnly ones are written as `#HttpOnly_DOMAIN ...`).
cookie=$(awk -F'\t' '{ sub(/^#HttpOnly_/, "", $1) } NF == 7 && $1 !~ /^#/ && $6 ~ /^anaconda_session/ {
    printf "%s%s=%s", (n++ ? "; " : ""), $6, $7 }' "$jar")
[ -n "$cookie" ] || { echo "bench/web.sh: no anaconda_session cookie in the jar:" >&2; cat "$jar" >&2; exit 1; }

# check PATH [CURL OPTIONS...]: the page answers 200 and greets (wrk counts a 3xx as a success: a redirect to the
# sign-in would be measured instead).
check() {
    local path=$1 status
    shift
    status=$(curl -s -o "$work/check.html" -w '%{http_code}' --max-time 10 "$@" "$app$path")
    if [ "$status" != 200 ] || ! grep -q "Hello" "$work/check.html"; then
        echo "bench/web.sh: GET $path answered $status: $(head -c 300 "$work/check.html")" >&2
        exit 1
    fi
}
check /hello -H "Cookie: $cookie"
check /plain/hello

# measure NAME PATH [WRK OPTIONS...]: sets NAME_rate (requests/s) and NAME_latency (average, as wrk writes it).
measure() {
    local name=$1 path=$2 out
    shift 2
    out=$work/$name.wrk
    echo "wrk -t$threads -c$connections -d$duration $app$path..." >&2
    wrk -t1 -c4 -d1s "$@" "$app$path" >/dev/null  # warm-up
    wrk -t"$threads" -c"$connections" -d"$duration" --latency "$@" "$app$path" > "$out"
    if grep -q -E "Non-2xx or 3xx responses|Socket errors" "$out"; then
        echo "bench/web.sh: errors during GET $path:" >&2
        cat "$out" >&2
        exit 1
    fi
    printf -v "${name}_rate" '%s' "$(awk '/^Requests\/sec:/ { print $2 }' "$out")"
    printf -v "${name}_latency" '%s' "$(awk '$1 == "Latency" { print $2; exit }' "$out")"
}
# Alternating rounds (ROUNDS, default 3), medians: the machine's noise hits both alike. Both requests carry the
# session cookie, as a browser sends it to every page: the difference is the middleware, not the header's size.
median() { printf '%s\n' "$@" | sort -g | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }
plain_rates=(); hello_rates=(); plain_latencies=(); hello_latencies=()
for _ in $(seq 1 "${ROUNDS:-3}"); do
    measure plain /plain/hello -H "Cookie: $cookie"
    plain_rates+=("$plain_rate"); plain_latencies+=("${plain_latency%us}")
    measure hello /hello -H "Cookie: $cookie"
    hello_rates+=("$hello_rate"); hello_latencies+=("${hello_latency%us}")
done
plain_rate=$(median "${plain_rates[@]}"); hello_rate=$(median "${hello_rates[@]}")
plain_latency=$(median "${plain_latencies[@]}")us; hello_latency=$(median "${hello_latencies[@]}")us
check /hello -H "Cookie: $cookie"  # still signed in: every request of the run was a signed-in one

ratio=$(awk -v a="$hello_rate" -v b="$plain_rate" 'BEGIN { printf "%.2f", a / b }')
echo "/hello (signed in, middleware): $hello_rate requests/s; /plain/hello (no middleware): $plain_rate requests/s;"\
     "ratio $ratio" >&2
cat <<EOF
wrk -t$threads -c$connections -d$duration, $(nproc) cores, app $app_bin

| GET | what runs | requests/s | average latency |
| --- | --- | ---: | ---: |
| /hello | sign-in middleware: the sealed session cookie opened, signed-in page | $hello_rate | $hello_latency |
| /plain/hello | the same page, no middleware | $plain_rate | $plain_latency |

With the middleware: ${ratio}× the throughput without it.
EOF
if [ -n "${BENCH_RESULTS:-}" ]; then
    python3 bench/record.py "$BENCH_RESULTS" value throughput \
        "signed-in GET /hello through the sign-in middleware, wrk -t$threads -c$connections -d$duration" "$hello_rate" \
        --floor "$plain_rate" --floor-name "no middleware"
fi
