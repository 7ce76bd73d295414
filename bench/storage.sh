#!/usr/bin/env bash
# File keyring under concurrency and crashes, ours vs the Python reference, in the same run:
#   1. N processes store N different domains at once: how many entries survive?
#   2. writers killed with SIGKILL mid-write, R rounds: after how many rounds is the file unparsable?
# usage: bench/storage.sh [--quick]        (needs `make build reference`)
set -euo pipefail
cd "$(dirname "$0")/.."
writers=50
rounds=40
[ "${1:-}" = "--quick" ] && { writers=10; rounds=5; }
probe=.build/debug/keyring-probe
python=.build-reference/bin/python
[ -x "$probe" ] || swift build --product keyring-probe >/dev/null
[ -x "$python" ] || make reference >/dev/null
work=$(mktemp -d)
trap 'rm -rf "$work" || true' EXIT

# Each writer function execs, so a background job's $! is the writer itself and kill -9 really kills it mid-write.
ours_set() { HOME="$1" exec "$probe" set "$2" "$3" >/dev/null 2>&1; }
reference_set() {
    HOME="$1" exec "$python" -c "from anaconda_auth.token import TokenInfo; TokenInfo(domain='$2', api_key='$3').save()" \
        >/dev/null 2>&1
}
count() {
    python3 -c "import json,sys; print(len(json.load(open(sys.argv[1])).get('Anaconda Cloud', {})))" "$1" 2>/dev/null \
        || echo "unparsable"
}

concurrent() {  # $1: ours_set|reference_set
    local home="$work/concurrent-$1"
    mkdir -p "$home"
    for i in $(seq 1 "$writers"); do "$1" "$home" "d$i.example.com" "key-$i" & done
    wait
    count "$home/.anaconda/keyring"
}

crashes() {  # $1: ours_set|reference_set; prints the number of rounds after which the file still parsed
    local home="$work/crash-$1" ok=0
    mkdir -p "$home"
    ("$1" "$home" base.example.com base)
    for round in $(seq 1 "$rounds"); do
        pids=()
        for i in 1 2 3 4; do "$1" "$home" "r$round-$i.example.com" "$(head -c 3000 /dev/zero | tr '\0' k)" & pids+=($!); done
        sleep "0.0$((RANDOM % 9 + 1))"
        kill -9 "${pids[@]}" 2>/dev/null || true
        wait 2>/dev/null || true
        if python3 -c "import json,sys; json.load(open(sys.argv[1]))['Anaconda Cloud']['base.example.com']" \
            "$home/.anaconda/keyring" 2>/dev/null; then ok=$((ok + 1)); fi
    done
    echo "$ok/$rounds"
}

echo "| file keyring | ours | Python reference |"
echo "|---|---|---|"
exec 2>/dev/null
echo "| entries kept, $writers concurrent writers | $(concurrent ours_set)/$writers | $(concurrent reference_set)/$writers |"
echo "| rounds with a readable file (and the first entry), writers killed mid-write | $(crashes ours_set) | $(crashes reference_set) |"
