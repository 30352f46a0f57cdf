#!/usr/bin/env bash
# Whole-process start-up with and without the snapshot (docs/startup-snapshot.md).
# Usage: bash benches/startup_snapshot.sh HOME_DIR [RUNS]
#   HOME_DIR: made by `cargo run --release --example synthetic_home -- HOME_DIR 100000 1000000`
# Prints, for each case and run, the recall process's wall time and CPU time (user+sys) in
# milliseconds (bash's `time`) and its peak RSS (GNU time). The TUI runs in a terminal made by
# util-linux `script`; only recall itself is timed, inside it, not `script` (which adds ~20 ms).
# "no snapshot": cache/state.bin and cache/history.bin removed before each run (the decks'
# binary cache stays); "no cache": the whole cache/ folder removed. It works on a copy of
# HOME_DIR, which it leaves as it was.
set -euo pipefail
runs=${2:-3}
bin=$(realpath "${RECALL_BIN:-target/release/recall}")
export RECALL_NOW=2026-11-30T12:00:00Z
home=$(mktemp -d)
out=$(mktemp)
trap 'rm -rf "$home" "$out" "$out.rss"' EXIT
cp -r "$1/." "$home"
# Runs CMD... with RECALL_HOME set, timed; writes "wall user sys rss" to $out. The TUI keeps
# the terminal as its stdout; a command's output goes to /dev/null.
timed() {
    TIMEFORMAT='%3R %3U %3S'
    if [ -t 1 ]; then
        { time env RECALL_HOME="$home" /usr/bin/time -f '%M' -o "$out.rss" "$@" 2>/dev/null; } 2>"$out"
    else
        { time env RECALL_HOME="$home" /usr/bin/time -f '%M' -o "$out.rss" "$@" >/dev/null 2>&1; } 2>"$out"
    fi
    echo "$(cat "$out") $(tail -n 1 "$out.rss")" >"$out"
}
export -f timed
export home out
measure() { # label, what to remove before each run, then the command
    local label=$1 remove=$2
    shift 2
    for _ in $(seq "$runs"); do
        case $remove in
        snapshot) rm -f "$home/cache/state.bin" "$home/cache/history.bin" ;;
        cache) rm -rf "$home/cache" ;;
        esac
        "$@"
        read -r wall user sys rss <"$out"
        awk -v l="$label" -v w="$wall" -v u="$user" -v s="$sys" -v r="$rss" \
            'BEGIN { printf "%s: %.0f ms wall, %.0f ms CPU, %.0f MiB peak RSS\n", l, w * 1000, (u + s) * 1000, r / 1024 }'
    done
}
frame() { script -qec "bash -c 'timed env RECALL_EXIT_AFTER_FIRST_FRAME=1 $bin'" /dev/null >/dev/null; }
cards() { timed "$bin" cards --json >/dev/null; }
stats() { timed "$bin" stats --json >/dev/null; }

measure "first frame, no cache" cache frame
measure "first frame, no snapshot" snapshot frame
measure "cards --json, no snapshot" snapshot cards
measure "stats --json, no snapshot" snapshot stats
frame # writes the snapshot
stats # writes the log's binary copy (cache/history.bin)
measure "first frame, snapshot" none frame
measure "cards --json, snapshot" none cards
measure "stats --json, snapshot" none stats
# 100 answers after the snapshot, later than every answer in it (as a session would add).
for i in $(seq 0 99); do
    printf '{"v":1,"at":"2026-11-30T11:%02d:%02d.000Z","card":"deck-0/card-%d","event":"review","rating":3,"ms":999}\n' \
        $((i / 60)) $((i % 60)) "$i" >>"$home/reviews.jsonl"
done
measure "first frame, snapshot + 100 answers" none frame
measure "cards --json, snapshot + 100 answers" none cards
measure "stats --json, snapshot + 100 answers" none stats
