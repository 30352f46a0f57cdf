#!/usr/bin/env bash
# Start-up with only the built-in decks, on a fresh RECALL_HOME (no cache file) for every run:
# `recall decks --json` and the first frame, for one or more binaries run in turn
# (docs/deck-cache.md, "Built-in decks: parsed at build time").
# Usage: bash benches/builtin_decks_start.sh RUNS BINARY...
# Prints, per binary, the median (min-max) of: `decks --json` wall ms; the first frame's
# RECALL_TRACE_START phases "decks read" and "first frame drawn"; the whole `script` process's
# wall ms. Needs util-linux `script` (the TUI wants a terminal).
set -euo pipefail
runs=$1
shift
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export RECALL_NOW=2026-11-30T12:00:00Z
ms() { echo $((($(date +%s%N) - $1) / 1000)) | awk '{printf "%.2f\n", $1 / 1000}'; }
for _ in $(seq "$runs"); do
    for i in $(seq $#); do
        bin=$(realpath "${!i}")
        rm -rf "$work/home" && mkdir "$work/home"
        t=$(date +%s%N)
        RECALL_HOME=$work/home "$bin" decks --json >/dev/null
        ms "$t" >>"$work/decks-$i"
        rm -rf "$work/home" && mkdir "$work/home"
        t=$(date +%s%N)
        script -qec "env RECALL_HOME=$work/home RECALL_EXIT_AFTER_FIRST_FRAME=1 \
            RECALL_TRACE_START=1 $bin 2>$work/trace" /dev/null >/dev/null
        ms "$t" >>"$work/frame-$i"
        awk '/ decks read$/ {print $1}' "$work/trace" >>"$work/read-$i"
        awk '/ first frame drawn$/ {print $1}' "$work/trace" >>"$work/drawn-$i"
    done
done
median() { sort -n "$1" | awk '{a[NR] = $1} END {printf "%.2f ms (%.2f-%.2f)", a[int((NR + 1) / 2)], a[1], a[NR]}'; }
for i in $(seq $#); do
    echo "${!i}: decks --json $(median "$work/decks-$i"); first frame: decks read" \
        "$(median "$work/read-$i"), drawn $(median "$work/drawn-$i"), process $(median "$work/frame-$i")"
done
