#!/usr/bin/env bash
# The file keyring under concurrency and crashes, ours vs the Python reference, in the same run:
#   1. N processes store N different domains at once: how many entries survive?
#   2. R rounds of 4 writers killed with SIGKILL at a random moment within one write's duration: in how many rounds
#      does the file stay readable with the first entry intact?
set -euo pipefail
source "$(dirname "$0")/lib.sh"
writers=${BENCH_WRITERS:-50}
rounds=${BENCH_ROUNDS:-40}
probe=$bin/keyring-probe

# Each writer execs, so a background job's $! is the writer itself and kill -9 really kills it mid-write.
ours_set() { HOME="$1" exec "$probe" set "$2" "$3" >/dev/null 2>&1; }
reference_set() {
    HOME="$1" exec "$reference/python" -c \
        "from anaconda_auth.token import TokenInfo; TokenInfo(domain='$2', api_key='$3').save()" >/dev/null 2>&1
}
entries() {
    python3 -c "import json,sys; print(len(json.load(open(sys.argv[1])).get('Anaconda Cloud', {})))" "$1" 2>/dev/null \
        || echo 0
}

concurrent() {  # $1: ours_set|reference_set; prints the entries kept
    local home="$work/concurrent-$1"
    mkdir -p "$home"
    for i in $(seq 1 "$writers"); do "$1" "$home" "d$i.example.com" "key-$i" & done
    wait
    entries "$home/.anaconda/keyring"
}

write_ms() {  # $1: ours_set|reference_set; how long one write takes, in ms
    local home="$work/timing-$1" start
    mkdir -p "$home"
    start=$(date +%s%N)
    ("$1" "$home" timing.example.com key)
    echo $(( ($(date +%s%N) - start) / 1000000 + 1 ))
}

crashes() {  # $1: ours_set|reference_set; prints the rounds after which the file still parsed with the first entry
    local home="$work/crash-$1" ok=0 duration
    duration=$(write_ms "$1")
    mkdir -p "$home"
    ("$1" "$home" base.example.com base)
    for round in $(seq 1 "$rounds"); do
        pids=()
        for i in 1 2 3 4; do "$1" "$home" "r$round-$i.example.com" "$(head -c 3000 /dev/zero | tr '\0' k)" & pids+=($!); done
        sleep "$(awk -v ms="$duration" -v r="$RANDOM" 'BEGIN { printf "%.3f", ms * (r / 32768) / 1000 }')"
        kill -9 "${pids[@]}" 2>/dev/null || true
        wait 2>/dev/null || true
        if python3 -c "import json,sys; json.load(open(sys.argv[1]))['Anaconda Cloud']['base.example.com']" \
            "$home/.anaconda/keyring" 2>/dev/null; then ok=$((ok + 1)); fi
    done
    echo "$ok"
}

record value count "file keyring: entries kept, $writers processes writing at once" \
    "$(concurrent ours_set)" "$(concurrent reference_set)" --total "$writers"
record value count "file keyring: rounds with a readable file, writers killed mid-write" \
    "$(crashes ours_set 2>/dev/null)" "$(crashes reference_set 2>/dev/null)" --total "$rounds"
