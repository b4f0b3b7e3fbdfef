#!/usr/bin/env bash
# A benchmark, not a test: the README's first command (factorial(7) on the default machine, Release)
# with 0, 1 and 2 competing CPU-bound processes, each case run several times; prints the median
# wall time of each and its ratio to the idle case. Run it on an otherwise idle machine.
#   scripts/bench-busy.sh [RUNS] [-- extra looped options, e.g. --threads 2]
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-5}
shift || true
[[ "${1:-}" == "--" ]] && shift
dotnet build -c Release src/LoopedComputer.Cli -v q -nologo >/dev/null
looped=(dotnet src/LoopedComputer.Cli/bin/Release/net10.0/looped.dll run programs/factorial.lasm "$@")

burners=()
stop_burners() { for pid in "${burners[@]}"; do kill "$pid" 2>/dev/null || true; done; burners=(); }
trap stop_burners EXIT

median() { sort -n | awk '{ a[NR] = $1 } END { print (NR % 2 ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2) }'; }

"${looped[@]}" | head -1   # the machine line (and a warm file cache)
idle=""
for busy in 0 1 2; do
  for ((i = 0; i < busy; i++)); do (while :; do :; done) & burners+=($!); done
  times=()
  for ((r = 0; r < runs; r++)); do
    start=$(date +%s.%N)
    "${looped[@]}" >/dev/null
    times+=("$(echo "$(date +%s.%N) - $start" | bc)")
  done
  stop_burners
  m=$(printf '%s\n' "${times[@]}" | median)
  [[ -z "$idle" ]] && idle=$m
  printf '%d competing processes: median %.2f s over %d runs (%s), %.2fx the idle time\n' \
    "$busy" "$m" "$runs" "$(printf '%.2f ' "${times[@]}")" "$(echo "$m / $idle" | bc -l)"
done
