#!/usr/bin/env bash
# 1000 sequential authenticated GETs over keep-alive against the local server: ours (AnacondaClient through
# keyring-probe) vs the Python reference's BaseClient (requests), in the same run.
# usage: bench/http.sh [--quick]        (needs `make build reference`)
set -euo pipefail
cd "$(dirname "$0")/.."
count=1000
[ "${1:-}" = "--quick" ] && count=50
bin=${BIN:-.build/release}     # BIN=.build/debug for a quick look without a release build
[ -x "$bin/keyring-probe" ] || swift build -c release --product keyring-probe >/dev/null
[ -x "$bin/anaconda-local-server" ] || swift build -c release --product anaconda-local-server >/dev/null
work=$(mktemp -d)
server_pid=""
trap '[ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null; rm -rf "$work"' EXIT
"$bin/anaconda-local-server" --port 0 --state-directory "$work/server" > "$work/server.out" &
server_pid=$!
for _ in $(seq 1 100); do grep -q "^client certificate" "$work/server.out" 2>/dev/null && break; sleep 0.1; done
url=$(sed -n 's/^listening on //p' "$work/server.out")
export HOME="$work" ANACONDA_AUTH_SSL_VERIFY=$(sed -n 's/^CA certificate: //p' "$work/server.out")
export ANACONDA_AUTH_DOMAIN="${url#https://}"
export ANACONDA_AUTH_API_KEY="eyJhbGciOiJSUzI1NiJ9.eyJleHAiOjQxMDI0NDQ4MDAsInN1YiI6ImJlbmNoIn0.c2ln"
ours=$("$bin/keyring-probe" gets "$ANACONDA_AUTH_DOMAIN" "$count")
reference=$(.build-reference/bin/python - "$count" <<'PY'
import sys, time
from anaconda_auth.client import BaseClient
client = BaseClient()
count = int(sys.argv[1])
start = time.perf_counter()
for _ in range(count):
    client.get("/api/account").raise_for_status()
elapsed = time.perf_counter() - start
print(f"{count} GETs in {elapsed:.3f} s: {count / elapsed:.0f} requests/s")
PY
)
echo "| $count sequential authenticated GETs to the local server ($bin) | result |"
echo "|---|---|"
echo "| ours (AnacondaClient) | $ours |"
echo "| Python reference (BaseClient) | $reference |"
