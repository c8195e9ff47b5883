#!/usr/bin/env bash
# End-to-end test of the desktop app in a real X window: builds clippings,
# opens it on an empty archive under Xvfb, drags the Mali sample onto the
# window with the X drag-and-drop protocol, and waits until the command line
# finds the article in the archive. Leaves a screenshot in its temp folder.
#
#   app/e2e/e2e.sh            (from anywhere; needs Xvfb, and xdotool and
#                              ImageMagick's import for waiting and the shot)
set -euo pipefail

root=$(cd "$(dirname "$0")/../.." && pwd)
shared=$root/../shared
sample=$shared/samples/mali-russia-negotiations.txt
drop=$shared/tools/xdnd-drop.sh
tmp=$(mktemp -d "${TMPDIR:-/tmp}/clippings-e2e.XXXXXX")
app_pid= xvfb_pid=

log() { echo "e2e: $*"; }
fail() {
  echo "e2e: FAIL: $*" >&2
  [[ -f $tmp/app.log ]] && { echo "--- app log" >&2; tail -n 40 "$tmp/app.log" >&2; }
  exit 1
}
cleanup() {
  [[ -n $app_pid ]] && kill "$app_pid" 2>/dev/null && wait "$app_pid" 2>/dev/null
  [[ -n $xvfb_pid ]] && kill "$xvfb_pid" 2>/dev/null && wait "$xvfb_pid" 2>/dev/null
  true
}
trap cleanup EXIT

[[ -f $sample ]] || fail "sample missing: $sample"
[[ -x $drop || -f $drop ]] || fail "drop tool missing: $drop"
command -v Xvfb >/dev/null || fail "Xvfb is not installed"

log "building into $tmp"
(cd "$root" && go build -o "$tmp/clippings" .) || fail "build failed"

# A display nobody uses.
source "$root/scripts/xvfb.bash"
start_xvfb 90 140 "$tmp" || fail "Xvfb did not start"

export DISPLAY=:$display LANG=en_US.UTF-8 XDG_CONFIG_HOME=$tmp/config
log "starting the app on display $DISPLAY"
"$tmp/clippings" --db "$tmp/a.db" >"$tmp/app.log" 2>&1 &
app_pid=$!

# Wait for the window. Without xdotool, the drop tool's own search for the
# title is the probe (a repeated drop is only a duplicate).
dropped=
for _ in $(seq 1 60); do
  kill -0 "$app_pid" 2>/dev/null || fail "the app exited"
  if command -v xdotool >/dev/null; then
    if xdotool search --name '^Clippings$' >/dev/null 2>&1; then break; fi
  elif bash "$drop" "Clippings" "$sample" >"$tmp/drop.log" 2>&1; then
    dropped=1
    break
  fi
  sleep 0.5
done
sleep 1 # let the first frame and the drop target settle

if [[ -z $dropped ]]; then
  log "dragging $(basename "$sample") onto the window"
  bash "$drop" "Clippings" "$sample" >"$tmp/drop.log" 2>&1 || { cat "$tmp/drop.log" >&2; fail "drag and drop failed"; }
fi

log "waiting for the article to reach the archive"
found=
for _ in $(seq 1 120); do
  if "$tmp/clippings" search --db "$tmp/a.db" Zakharova 2>/dev/null | grep -q "Mali"; then found=1; break; fi
  sleep 0.5
done
[[ -n $found ]] || fail "the dropped article never appeared in the archive"

sleep 1 # the window shows it too
if command -v import >/dev/null; then
  import -window root "$tmp/e2e.png" && log "screenshot: $tmp/e2e.png"
fi
kill -0 "$app_pid" 2>/dev/null || fail "the app died after the drop"
rm -f "$tmp/clippings"
log "ok: the dropped article is searchable (logs in $tmp)"
