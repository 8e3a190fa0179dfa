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
for f in "$work/split"/*; do "$listarc" diff extract "$f" >/dev/null 2>&1 || true; done
end=$(date +%s.%N)
python3 -c "import sys; n,s=int(sys.argv[1]),float(sys.argv[2]); print('listarc diff extract (one process per mail) %7.0f mails/s (%.3f s wall, %d mails)' % (n/s, s, n))" "$n" "$(echo "$end - $start" | bc)"

echo "== import + index of the corpus: listarc vs public-inbox-index (v2, Xapian) vs notmuch new"
# CPU time (user+sys) and peak RSS of each, on the same mails.
measure() { # label, command...
    local label=$1; shift
    /usr/bin/time -f "%U %S %e %M" -o "$work/time" "$@" >/dev/null 2>"$work/err" || { echo "$label failed:"; tail -3 "$work/err"; return; }
    read -r u s e m <"$work/time"
    python3 -c "import sys; u,s,e,m=map(float,sys.argv[2:]); print('%-28s %7.2f s CPU %7.2f s wall %6.0f MB peak RSS' % (sys.argv[1], u+s, e, m/1024))" "$label" "$u" "$s" "$e" "$m"
}
# Three fresh imports (the spread shows how quiet the machine is), then one over the last.
for run in 1 2 3; do
    rm -f "$work"/archive.sqlite*
    measure "listarc import ($run)" "$listarc" import --db "$work/archive.sqlite" "$corpus"
done
measure "listarc import (again)" "$listarc" import --db "$work/archive.sqlite" "$corpus"
gzip -dc "$corpus" >"$work/corpus.mbox"
export HOME="$work/home" PI_CONFIG="$work/home/.public-inbox/config"
mkdir -p "$HOME"
public-inbox-init -V2 -L medium bench "$work/pi" http://127.0.0.1/bench bench@example.invalid >/dev/null 2>&1
cat >"$work/import.pl" <<'PL'
use strict;
use PublicInbox::Config;
use PublicInbox::InboxWritable;
my $ibx = PublicInbox::Config->new->lookup_name('bench') or die "no inbox";
$ibx = PublicInbox::InboxWritable->new($ibx);
open my $fh, '<', $ARGV[0] or die;
$ibx->import_mbox($fh, 'mboxrd');
PL
measure "public-inbox import+index" perl "$work/import.pl" "$work/corpus.mbox"
# public-inbox-index itself: the same index built again from the inbox's git history.
rm -rf "$work/pi/xap15" "$work/pi/msgmap.sqlite3"*
measure "public-inbox-index (from git)" public-inbox-index "$work/pi"
mkdir -p "$work/maildir/cur" "$work/maildir/new" "$work/maildir/tmp"
i=0; for f in "$work/split"/*; do i=$((i+1)); cp "$f" "$work/maildir/cur/$i.bench:2,S"; done
printf '[database]\npath=%s\n[new]\ntags=new\n' "$work/maildir" >"$work/notmuch-config"
measure "notmuch new" env NOTMUCH_CONFIG="$work/notmuch-config" notmuch new

echo "== import of a 1 GB mbox (the corpus repeated with fresh Message-IDs): peak RSS"
python3 - "$work/corpus.mbox" "$work/big.mbox" <<'PY'
import re, sys
corpus = open(sys.argv[1], 'rb').read()
copies = max(1, (1 << 30) // len(corpus) + 1)
with open(sys.argv[2], 'wb') as out:
    for i in range(copies):
        out.write(re.sub(rb'(?mi)^(message-id:[ \t]*<)', b'\\1r%d.' % i, corpus))
PY
ls -l "$work/big.mbox" | awk '{printf "mbox: %.0f MB\n", $5 / 1048576}'
measure "listarc import (1 GB mbox)" "$listarc" import --db "$work/big.sqlite" "$work/big.mbox"
rm -f "$work/big.mbox" "$work/big.sqlite"*

names="do_brk_flags kfree msecs_to_jiffies mas_store_gfp"
echo "== queries: search function and blame latency (in-process) on the corpus archive + the seed thread"
"$listarc" import --db "$work/archive.sqlite" Samples/seed-thread/thread.mbox >/dev/null 2>&1
$bench queries "$work/archive.sqlite" Samples/seed-thread/M2.eml $names

echo "== queries: search function on a synthetic archive of 1,000,000 hunks (copies of the corpus archive's rows)"
$bench synthetic "$work/archive.sqlite" "$work/synthetic.sqlite" 1000000
$bench queries "$work/synthetic.sqlite" - $names
rm -f "$work/synthetic.sqlite"*

echo "== queries: public-inbox's Xapian search over HTTP on the same corpus (public-inbox-httpd on 127.0.0.1)"
# The inbox built above; one keep-alive connection, wall time per GET (request to last byte).
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
public-inbox-httpd -W0 -l "127.0.0.1:$port" -1 "$work/httpd.out" -2 "$work/httpd.err" >/dev/null 2>&1 &
httpd=$!
trap 'kill "$httpd" 2>/dev/null; rm -rf "$work"' EXIT
for _ in $(seq 50); do curl -s -o /dev/null "http://127.0.0.1:$port/bench/" && break; sleep 0.2; done
queries=""
for n in $names; do queries="$queries dfhh:$n"; done
python3 - "$port" bench 200 $queries dfb:kfree <<'PY'
import http.client, re, sys, time, urllib.parse
port, inbox, runs = int(sys.argv[1]), sys.argv[2], int(sys.argv[3])
conn = http.client.HTTPConnection("127.0.0.1", port)
for query in sys.argv[4:]:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        conn.request("GET", "/%s/?q=%s" % (inbox, urllib.parse.quote(query)))
        response = conn.getresponse()
        body = response.read()
        times.append((time.perf_counter() - start) * 1000)
    hits = len(re.findall(rb"(?:^|\n|<pre>)\d+\. <", body))   # one numbered line per message (first page)
    times.sort()
    pct = lambda p: times[min(len(times) - 1, int(len(times) * p))]
    label = "public-inbox %s (%d messages, HTTP %d)" % (query, hits, response.status)
    print("%-60s p50 %7.2f ms  p99 %7.2f ms" % (label, pct(0.5), pct(0.99)))
PY
kill "$httpd" 2>/dev/null || true
