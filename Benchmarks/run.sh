#!/usr/bin/env bash
# Benchmarks: listarc against its peers, measured in one run on the same inputs.
# usage: Benchmarks/run.sh [SHARED_DIR]   (default ../shared; needs git, public-inbox, notmuch)
# Prints the figures that BENCHMARKS.md records.
set -euo pipefail
cd "$(dirname "$0")/.."
shared=${1:-../shared}
corpus=$shared/corpus/kernel-patches.mbox.gz
swift build -c release --product listarc-bench >/dev/null
swift build -c release --product listarc >/dev/null
bench=.build/release/listarc-bench
listarc=$(pwd)/.build/release/listarc
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

echo "== pages: HTML -> messages -> diffs vs bare libxml2 parse"
$bench pages Samples 200

echo "== mails: raw mail -> diffs vs git mailinfo"
$bench mails "$corpus" 3
mkdir -p "$work/split"
gzip -dc "$corpus" | git mailsplit --mboxrd -o"$work/split" >/dev/null
n=$(ls "$work/split" | wc -l)
start=$(date +%s.%N)
for f in "$work/split"/*; do git mailinfo -u "$work/msg" "$work/patch" <"$f" >/dev/null; done
end=$(date +%s.%N)
python3 -c "import sys; n,s=int(sys.argv[1]),float(sys.argv[2]); print('git mailinfo -u (one process per mail)   %9.0f mails/s (%.3f s wall, %d mails)' % (n/s, s, n))" "$n" "$(echo "$end - $start" | bc)"
start=$(date +%s.%N)
for f in "$work/split"/*; do "$listarc" diff extract "$f" >/dev/null || true; done
end=$(date +%s.%N)
python3 -c "import sys; n,s=int(sys.argv[1]),float(sys.argv[2]); print('listarc diff extract (one process per mail) %7.0f mails/s (%.3f s wall, %d mails)' % (n/s, s, n))" "$n" "$(echo "$end - $start" | bc)"
