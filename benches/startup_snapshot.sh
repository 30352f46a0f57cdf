#!/usr/bin/env bash
# Whole-process start-up with and without the snapshot (docs/startup-snapshot.md).
# Usage: bash benches/startup_snapshot.sh HOME_DIR [RUNS]
#   HOME_DIR: made by `cargo run --release --example synthetic_home -- HOME_DIR 100000 1000000`
# Prints, for each case, wall seconds, CPU seconds (user+sys) and peak RSS of each run.
# Needs util-linux `script` (the TUI wants a terminal) and GNU time at /usr/bin/time.
set -euo pipefail
home=$1
runs=${2:-3}
bin=${RECALL_BIN:-target/release/recall}
export RECALL_NOW=2026-11-30T12:00:00Z
measure() { # label, then the command
    local label=$1
    shift
    for _ in $(seq "$runs"); do
        [ "${fresh:-}" = 1 ] && rm -rf "$home/cache"
        /usr/bin/time -f "$label: %e s wall, %U+%S s CPU, %M KB peak RSS" "$@" >/dev/null
    done
}
frame() { script -qec "env RECALL_HOME=$home RECALL_NOW=$RECALL_NOW RECALL_EXIT_AFTER_FIRST_FRAME=1 $bin" /dev/null; }
cards() { RECALL_HOME=$home "$bin" cards --json; }
stats() { RECALL_HOME=$home "$bin" stats --json; }
export -f frame cards stats
export home bin

fresh=1 measure "first frame, no snapshot" bash -c frame
fresh=1 measure "cards --json, no snapshot" bash -c cards
fresh=1 measure "stats --json, no snapshot" bash -c stats
bash -c frame >/dev/null # writes the snapshot
bash -c stats >/dev/null # writes the log's binary copy (cache/history.bin)
measure "first frame, snapshot" bash -c frame
measure "cards --json, snapshot" bash -c cards
measure "stats --json, snapshot" bash -c stats
# 100 answers after the snapshot, later than every answer in it (as a session would add).
if ! grep -q '"card":"deck-0/card-0","event":"review","rating":3,"ms":999}' "$home/reviews.jsonl"; then
    for i in $(seq 0 99); do
        printf '{"v":1,"at":"2026-11-30T10:%02d:%02d.000Z","card":"deck-0/card-%d","event":"review","rating":3,"ms":999}\n' \
            $((i / 60)) $((i % 60)) "$i" >>"$home/reviews.jsonl"
    done
fi
measure "first frame, snapshot + 100 answers" bash -c frame
measure "cards --json, snapshot + 100 answers" bash -c cards
measure "stats --json, snapshot + 100 answers" bash -c stats
