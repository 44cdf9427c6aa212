#!/usr/bin/env bash
# Renders a generated HTML report in headless Chromium and checks that the page loads (the
# DOM has the report's figures and footer, no console error, no blocked request) and that the
# screenshot is not blank (many colours: text, bands, bars).
# usage: render_check.sh RECLAIM_BINARY DATA_DIR [CHROMIUM]
set -euo pipefail
bin=$1
data=$2
chromium=${3:-/usr/bin/chromium}
here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

"$bin" --data "$data" --format html -o "$work/report.html" show route magnet_loop

flags=(--headless --no-sandbox --disable-gpu --disable-quic --no-first-run
       --disable-background-networking --disable-component-update --disable-sync
       --enable-logging=stderr --v=0)
"$chromium" "${flags[@]}" --user-data-dir="$work/profile-dom" --dump-dom \
  "file://$work/report.html" > "$work/dom.html" 2> "$work/dom.log"
"$chromium" "${flags[@]}" --user-data-dir="$work/profile-shot" --window-size=1200,2000 \
  --screenshot="$work/shot.png" "file://$work/report.html" > /dev/null 2> "$work/shot.log"

fail() { echo "render_check: $*" >&2; exit 1; }
grep -q "<svg" "$work/dom.html" || fail "the rendered DOM has no <svg>"
grep -q "<footer>" "$work/dom.html" || fail "the rendered DOM stops before the footer"
# Console errors and Content-Security-Policy refusals (a resource the page tried to fetch).
if grep -E "CONSOLE|Refused to" "$work/dom.log" "$work/shot.log"; then
  fail "the page logged errors"
fi
[ -s "$work/shot.png" ] || fail "no screenshot"
n=$(python3 "$here/png_colours.py" "$work/shot.png")
[ "$n" -ge 8 ] || fail "the screenshot has only $n colour(s): blank page?"
echo "render_check: page loaded, screenshot has $n colours"
