#!/bin/sh
# Serves an mbox through Debian's public-inbox (1.9.0) on 127.0.0.1 only.
# usage: public-inbox.sh WORKDIR MBOX PORT [LIST]
# Creates a v2 inbox LIST (default linux-mm) in WORKDIR, imports MBOX (mboxrd),
# indexes it, then runs public-inbox-httpd in the foreground (stop it with SIGTERM).
# Prints "ready" on stdout once the inbox is indexed, just before the httpd starts.
set -eu
dir=$1 mbox=$2 port=$3 list=${4:-linux-mm}
mkdir -p "$dir"
export PI_CONFIG="$dir/config" HOME="$dir"
public-inbox-init -V2 -L full "$list" "$dir/$list" "http://127.0.0.1:$port/$list" "$list@example.invalid" >/dev/null
# The importer public-inbox-learn and -mda use, reading the whole mbox at once.
perl -MPublicInbox::Config -MPublicInbox::InboxWritable -e '
	my ($list, $mbox) = @ARGV;
	my $cfg = PublicInbox::Config->new;
	my $ibx = $cfg->lookup_name($list) or die "no inbox $list\n";
	$ibx = PublicInbox::InboxWritable->new($ibx);
	open my $fh, "<", $mbox or die "$mbox: $!\n";
	$ibx->import_mbox($fh, "mboxrd");
' "$list" "$mbox"
public-inbox-index "$dir/$list" >/dev/null
echo ready
exec public-inbox-httpd -W0 -l "127.0.0.1:$port" -1 "$dir/httpd.out" -2 "$dir/httpd.err"
