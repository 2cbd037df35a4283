#!/bin/sh
# The nightly load, for cron: loads every .txt and .pdf document in the inbox, moves each file to
# processed/ or rejected/ once the database has it (or has recorded its rejection), appends
# to a dated log, never runs twice at once, and exits with the loader's code:
#   0 all loaded or already loaded   65 some documents rejected   69 database unavailable
#   64 usage   1 anything else   75 another run still holds the lock (nothing was done)
#
# Settings come from the environment, or from the file named by JUESUAN_ENV_FILE
# (default /etc/juesuan/juesuan.env; see juesuan.env.example):
#   JUESUAN_INBOX           folder the documents arrive in (required)
#   JUESUAN_PROCESSED       where loaded files go          (default: $JUESUAN_INBOX/../processed)
#   JUESUAN_REJECTED        where rejected files go        (default: $JUESUAN_INBOX/../rejected)
#   JUESUAN_LOG_DIR         one log file per day           (default: $JUESUAN_INBOX/../log)
#   JUESUAN_SETTLE_SECONDS  leave files younger than this alone: they may still be arriving (default 60)
#   JUESUAN_BIN             the juesuan program            (default: juesuan on PATH)
#   JUESUAN_PDF_MAX_PAGES, JUESUAN_PDF_MAX_SECONDS, JUESUAN_PDF_MAX_MEMORY_MIB
#                           the limits of reading one PDF  (default: juesuan's, see juesuan load --help)
#   DATABASE_URL or PGHOST, PGDATABASE, … and ~/.pgpass    the warehouse, as libpq reads them
set -u

env_file=${JUESUAN_ENV_FILE:-/etc/juesuan/juesuan.env}
if [ -r "$env_file" ]; then
    set -a
    . "$env_file"
    set +a
fi

if [ -z "${JUESUAN_INBOX:-}" ] || [ ! -d "$JUESUAN_INBOX" ]; then
    echo "juesuan-nightly: JUESUAN_INBOX must name an existing folder" >&2
    exit 64
fi
inbox=$(cd "$JUESUAN_INBOX" && pwd)
processed=${JUESUAN_PROCESSED:-$inbox/../processed}
rejected=${JUESUAN_REJECTED:-$inbox/../rejected}
log_dir=${JUESUAN_LOG_DIR:-$inbox/../log}
settle=${JUESUAN_SETTLE_SECONDS:-60}
juesuan=${JUESUAN_BIN:-juesuan}
mkdir -p "$processed" "$rejected" "$log_dir" || exit 1
log="$log_dir/juesuan-$(date +%Y-%m-%d).log"

# One run at a time: the lock lives beside the inbox and is released when this shell exits.
exec 9>"$inbox/../.juesuan-nightly.lock" || exit 1
if ! flock -n 9; then
    echo "$(date -Is) another run holds the lock; nothing done" >>"$log"
    exit 75
fi

# Documents that have settled (older than $settle seconds), in a stable order.
list=$(mktemp) || exit 1
trap 'rm -f "$list"' EXIT
find "$inbox" -type f \( -name '*.txt' -o -name '*.pdf' \) ! -newermt "-$settle seconds" | sort >"$list"
count=$(wc -l <"$list")

echo "$(date -Is) run starts: $count documents in $inbox" >>"$log"
if [ "$count" -eq 0 ]; then
    echo "$(date -Is) run ends: nothing to do" >>"$log"
    exit 0
fi
# The loader reads the list from its arguments; xargs would split the run in several.
set --
while IFS= read -r file; do set -- "$@" "$file"; done <"$list"
limits=""
[ -n "${JUESUAN_PDF_MAX_PAGES:-}" ] && limits="$limits --pdf-max-pages $JUESUAN_PDF_MAX_PAGES"
[ -n "${JUESUAN_PDF_MAX_SECONDS:-}" ] && limits="$limits --pdf-max-seconds $JUESUAN_PDF_MAX_SECONDS"
[ -n "${JUESUAN_PDF_MAX_MEMORY_MIB:-}" ] && limits="$limits --pdf-max-memory-mib $JUESUAN_PDF_MAX_MEMORY_MIB"
# shellcheck disable=SC2086 # the limits are options and numbers, split on purpose
"$juesuan" load --json $limits --processed-dir "$processed" --rejected-dir "$rejected" "$@" >>"$log" 2>&1
status=$?
echo "$(date -Is) run ends: exit $status" >>"$log"
exit $status
