#!/usr/bin/env bash
# Sequential authenticated GETs over keep-alive against the local server: ours (AnacondaClient, through
# keyring-probe) vs the reference's BaseClient (requests), and the floor: a C program on libcurl (bench/curl-gets.c),
# in the same run.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
count=${BENCH_GETS:-1000}
start_local_server
export HOME="$work/home" ANACONDA_AUTH_DOMAIN="$domain" ANACONDA_AUTH_SSL_VERIFY="$ca" \
    ANACONDA_AUTH_API_KEY="$bench_key" NO_PROXY=127.0.0.1,localhost no_proxy=127.0.0.1,localhost
rate() { sed -n 's/.*: \([0-9.]*\) requests\/s$/\1/p'; }
median() { sort -n | awk '{ a[NR] = $1 } END { print (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2 }'; }
cc -O2 -o "$work/curl-gets" bench/curl-gets.c -lcurl
# Rounds alternate ours, the floor and the reference, so that a slow moment of the machine hits all three; each
# side's median counts.
rounds=${BENCH_ROUNDS:-5}
: > "$work/ours" ; : > "$work/floor" ; : > "$work/reference"
for _ in $(seq 1 "$rounds"); do
    "$bin/keyring-probe" gets "$domain" "$count" | rate >> "$work/ours"
    "$work/curl-gets" "$url/api/account" "$ca" "$bench_key" "$count" | rate >> "$work/floor"
    "$reference/python" - "$count" <<'PY' | rate >> "$work/reference"
import sys, time
from anaconda_auth.client import BaseClient
client = BaseClient()
count = int(sys.argv[1])
client.get("/api/account").raise_for_status()  # connect first, as keyring-probe's first request does
start = time.perf_counter()
for _ in range(count):
    client.get("/api/account").raise_for_status()
elapsed = time.perf_counter() - start
print(f"{count} GETs in {elapsed:.3f} s: {count / elapsed:.0f} requests/s")
PY
done
record value throughput "$count sequential authenticated GETs (keep-alive), median of $rounds rounds" \
    "$(median < "$work/ours")" "$(median < "$work/reference")" \
    --floor "$(median < "$work/floor")" --floor-name "C on libcurl" --goal-floor-ratio 0.8
