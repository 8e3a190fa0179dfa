#!/usr/bin/env bash
# Builds one libFuzzer target (address sanitizer on) and runs it.
#   Fuzz/run.sh TARGET SECONDS     fuzz for SECONDS (TARGET "all": each in turn)
#   Fuzz/run.sh TARGET --regress   run the saved findings and seeds once, no fuzzing
# LISTARC_FUZZ_BIN=DIR runs prebuilt binaries from DIR instead of building.
# Targets: FuzzPages FuzzMail FuzzQuotes FuzzDiffs FuzzPatches FuzzReports FuzzQuery.
# Work files: .fuzz-corpus/TARGET (grown corpus), .fuzz-artifacts/ (crashes, hangs).
set -euo pipefail
cd "$(dirname "$0")/.."
targets=(FuzzPages FuzzMail FuzzQuotes FuzzDiffs FuzzPatches FuzzReports FuzzQuery)
[ $# -eq 2 ] || { echo "usage: Fuzz/run.sh TARGET|all SECONDS|--regress" >&2; exit 2; }
target=$1 mode=$2
if [ "$target" = all ]; then
    for t in "${targets[@]}"; do "$0" "$t" "$mode"; done
    exit 0
fi
[[ " ${targets[*]} " == *" $target "* ]] || { echo "Fuzz/run.sh: unknown target '$target' (one of: ${targets[*]})" >&2; exit 2; }

scratch=.build-fuzz
if [ -n "${LISTARC_FUZZ_BIN:-}" ]; then
    # Prebuilt binaries (a long campaign while the sources change).
    binary="$LISTARC_FUZZ_BIN/$target"
else
    # swiftc keeps only the last -sanitize flag, so SwiftPM's --sanitize=fuzzer
    # --sanitize=address would drop the coverage instrumentation: --sanitize=fuzzer
    # (which makes SwiftPM leave main to libFuzzer), then both, last, via -Xswiftc.
    # A fixed environment: llbuild signs each command with it, so any other
    # variable (SHLVL, OLDPWD, …) would rebuild everything.
    env -i PATH="$PATH" HOME="$HOME" LISTARC_FUZZ=1 \
        swift build -c release --sanitize=fuzzer -Xswiftc -sanitize=fuzzer,address \
        --scratch-path "$scratch" --product "$target" >&2
    binary="$scratch/release/$target"
fi

# Seeds: the findings kept as regression fixtures, the bundled samples and, when
# present, the shared conformance mails.
fixtures=Tests/Fixtures/fuzz/$target
seeds=("$fixtures")
shared=../shared/conformance/mails
case $target in
    FuzzPages) seeds+=(Samples/openwall/lists.openwall.net Samples/lore/lore.kernel.org) ;;
    FuzzMail) seeds+=(Samples/seed-thread Samples/openwall/blists-raw Samples/lore/lore.kernel.org) ;;
    FuzzQuery) seeds+=(Fuzz/queries) ;;
    *) seeds+=(Samples/seed-thread) ;;
esac
if [ "$target" != FuzzQuery ] && [ "$target" != FuzzPages ] && [ -d "$shared" ]; then seeds+=("$shared"); fi
existing=()
for s in "${seeds[@]}"; do [ -d "$s" ] && existing+=("$s"); done

# Whole pages and mails are large; the text stages see their structures (quotes,
# hunks, traces) in a few KB, and smaller inputs mean many more executions.
case $target in
    FuzzPages|FuzzMail) max_len=65536 ;;
    FuzzPatches) max_len=16384 ;;
    FuzzQuery) max_len=512 ;;
    *) max_len=8192 ;;
esac
# A hang is an input that takes over LISTARC_FUZZ_TIMEOUT seconds (wall time: raise it
# on a loaded machine, where a starved run otherwise reports timeouts that rerun fast).
options=(-timeout="${LISTARC_FUZZ_TIMEOUT:-2}" -rss_limit_mb=2048 -max_len=$max_len -print_final_stats=1)
mkdir -p .fuzz-artifacts
if [ "$mode" = --regress ]; then
    files=()
    for s in "${existing[@]}"; do while IFS= read -r f; do files+=("$f"); done < <(find "$s" -type f); done
    "$binary" "${options[@]}" -runs=0 "${files[@]}" 2>&1 | tail -3
    exit "${PIPESTATUS[0]}"
fi
corpus=.fuzz-corpus/$target
mkdir -p "$corpus"
"$binary" "${options[@]}" -max_total_time="$mode" -artifact_prefix=".fuzz-artifacts/$target-" \
    "$corpus" "${existing[@]}"
