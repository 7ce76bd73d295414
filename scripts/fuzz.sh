#!/usr/bin/env bash
# Runs the libFuzzer targets (Fuzz/Sources/anaconda-fuzz) for SECONDS each: seeds from Fuzz/corpus/<target>, the
# corpus grown in .build-fuzz/corpus/<target>, saved crashes in Fuzz/crashes/<target>/ (each one becomes a
# regression input in Fuzz/regressions/<target>/ once fixed). Exits 1 when any target found a crash.
# Usage: scripts/fuzz.sh SECONDS [TARGET...]   (make fuzz FUZZ_TIME=600 runs every target for ten minutes)
set -uo pipefail
cd "$(dirname "$0")/.."
seconds=${1:?usage: scripts/fuzz.sh SECONDS [TARGET...]}
shift
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(toml json keyring token manifest dotenv http-date form responses condarc web)
binary=.build-fuzz/debug/anaconda-fuzz
[ -x "$binary" ] || { echo "fuzz.sh: $binary is missing; run make fuzz-build" >&2; exit 2; }
failed=0
for target in "${targets[@]}"; do
    work=.build-fuzz/corpus/$target
    crashes=Fuzz/crashes/$target
    mkdir -p "$work" "$crashes"
    seeds=(Fuzz/corpus/$target)
    [ -d Fuzz/regressions/$target ] && seeds+=(Fuzz/regressions/$target)
    log=.build-fuzz/$target.log
    # -rss_limit_mb: a parser must not need more; -timeout: one input must not take a second (a hang is a finding).
    ANACONDA_FUZZ_TARGET=$target "$binary" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 \
        -artifact_prefix="$crashes/" -print_final_stats=1 "$work" "${seeds[@]}" >"$log" 2>&1
    status=$?
    runs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$log" | grep -o '[0-9]*$' || echo 0)
    coverage=$(grep -o 'cov: [0-9]*' "$log" | tail -1 | grep -o '[0-9]*$' || echo 0)
    corpus=$(find "$work" -type f | wc -l)
    if [ $status -eq 0 ]; then
        printf '%-10s ok     %9s runs in %ss, coverage %s edges, corpus %s\n' "$target" "$runs" "$seconds" "$coverage" "$corpus"
    else
        failed=1
        printf '%-10s FAILED (exit %s): see %s; inputs in %s\n' "$target" "$status" "$log" "$crashes"
        grep -E 'ERROR|Fatal error|SUMMARY|precondition|fuzz check' "$log" | grep -v 'Cannot export' | head -5 | sed 's/^/           /'
    fi
done
exit $failed
