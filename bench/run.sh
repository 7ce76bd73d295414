#!/usr/bin/env bash
# Every benchmark, ours vs the Python reference in the same run, then docs/benchmarks.md and docs/benchmarks.svg.
# usage: bench/run.sh [--quick] [--out DIR] [host|server|http|storage ...]
#   --quick  a few runs of each (CI's smoke run: goals shown, not judged); the report goes to a temporary
#            directory and the table to standard output unless --out is given
#   BIN=.build/debug bench/run.sh --quick    measure existing debug builds instead of building release
set -euo pipefail
cd "$(dirname "$0")/.."
quick=false
out=""
scripts=()
while [ $# -gt 0 ]; do
    case $1 in
        --quick) quick=true ;;
        --out) out=$2; shift ;;
        host | server | http | storage) scripts+=("$1") ;;
        *) echo "usage: bench/run.sh [--quick] [--out DIR] [host|server|http|storage ...]" >&2; exit 2 ;;
    esac
    shift
done
[ ${#scripts[@]} -gt 0 ] || scripts=(host server http storage)
if $quick; then
    export BENCH_RUNS=3 BENCH_GETS=50 BENCH_WRITERS=10 BENCH_ROUNDS=5 BENCH_NO_VERDICT=1
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
quietly() {  # runs a build step; its output is shown only when it fails
    "$@" > "$work/step.log" 2>&1 || { cat "$work/step.log" >&2; echo "bench: failed: $*" >&2; exit 1; }
}
if [ -z "${BIN:-}" ]; then
    echo "building release..." >&2
    quietly swift build -c release
    quietly swift build -c release --package-path Plugins/ExamplePlugin --product ExampleLoginPlugin
fi
bin=${BIN:-.build/release}
cp plugin-manifest.json "$bin/plugin-manifest.json"
[ -x .build-reference/bin/anaconda ] || quietly make reference
# Nothing from the caller's environment may change what is measured.
for variable in $(compgen -e | grep -E '^(ANACONDA_|CONDA_)' || true); do unset "$variable"; done
export BENCH_RESULTS="$work/results.jsonl" BIN="$bin"
for script in "${scripts[@]}"; do
    echo "bench/$script.sh..." >&2
    "bench/$script.sh"
done

{
    echo "CPU: $(sed -n 's/^model name\s*: //p' /proc/cpuinfo | head -1), $(nproc) cores"
    echo "Memory: $(awk '/MemTotal/ { printf "%.0f GiB", $2 / 1048576 }' /proc/meminfo)"
    echo "OS: $(. /etc/os-release && echo "$PRETTY_NAME"), Linux $(uname -r)"
    echo "Swift: $(swift --version 2>&1 | head -1)"
    echo "Ours: $bin (configuration $(basename "$bin")), commit $(git rev-parse --short HEAD 2>/dev/null || echo unknown)"
    echo "Reference: anaconda-auth $(.build-reference/bin/python -c 'import anaconda_auth; print(anaconda_auth.__version__)'),"\
         "anaconda-cli-base $(.build-reference/bin/python -c 'import anaconda_cli_base; print(anaconda_cli_base.__version__)'),"\
         "$(.build-reference/bin/python --version)"
    echo "Tools: $(hyperfine --version), GNU time for peak RSS"
    echo "Date: $(date -u +%Y-%m-%d)"
} > "$work/machine.txt"
commands="scripts/setup.sh         # system packages (hyperfine, time, ...)
make reference           # the Python reference in .build-reference (PyPI)
bench/run.sh             # builds release, measures, writes docs/benchmarks.md and docs/benchmarks.svg
bench/run.sh --quick     # a few runs of each, as CI does"
report_dir=${out:-$($quick && echo "$work" || echo docs)}
mkdir -p "$report_dir"
python3 bench/report.py "$BENCH_RESULTS" --markdown "$report_dir/benchmarks.md" --svg "$report_dir/benchmarks.svg" \
    --machine "$work/machine.txt" --commands "$commands"
if [ "$report_dir" = "$work" ]; then
    sed -n '/^| measurement/,/^$/p' "$work/benchmarks.md"
else
    echo "wrote $report_dir/benchmarks.md and $report_dir/benchmarks.svg" >&2
fi
