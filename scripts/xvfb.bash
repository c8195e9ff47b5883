# Sourced by the scripts that run the real window (app/e2e/e2e.sh,
# scripts/window-memory, scripts/release-test): starts a virtual X server
# on a free display.

# start_xvfb DIR starts Xvfb on a display it picks itself (-displayfd: the
# server takes the first free number, so two runs starting at once cannot
# both take one, as they could when we looked for a free number first),
# logging into DIR/xvfb.log, and waits for its socket. It sets display and
# xvfb_pid (for the caller's cleanup); on failure it says why on stderr and
# returns 1.
start_xvfb() {
  local dir=$1
  display=
  Xvfb -displayfd 3 -screen 0 1400x900x24 -nolisten tcp 3>"$dir/xvfb.display" >"$dir/xvfb.log" 2>&1 &
  xvfb_pid=$!
  for _ in $(seq 1 100); do
    display=$(tr -dc 0-9 <"$dir/xvfb.display" 2>/dev/null)
    [[ -n $display && -e /tmp/.X11-unix/X$display ]] && return 0
    kill -0 "$xvfb_pid" 2>/dev/null || break
    sleep 0.1
  done
  echo "Xvfb did not start (see $dir/xvfb.log)" >&2
  display=
  return 1
}
