# Sourced by the scripts that run the real window (app/e2e/e2e.sh,
# scripts/window-memory): starts a virtual X server on a free display.

# start_xvfb FIRST LAST DIR starts Xvfb on the first free display numbered
# FIRST to LAST, logging into DIR/xvfb.log, and waits for its socket. It
# sets display and xvfb_pid (for the caller's cleanup); on failure it says
# why on stderr and returns 1.
start_xvfb() {
  local first=$1 last=$2 dir=$3 n
  display=
  for n in $(seq "$first" "$last"); do
    if [[ ! -e /tmp/.X11-unix/X$n && ! -e /tmp/.X$n-lock ]]; then display=$n; break; fi
  done
  [[ -n $display ]] || { echo "no free X display in :$first–:$last" >&2; return 1; }
  Xvfb ":$display" -screen 0 1400x900x24 -nolisten tcp >"$dir/xvfb.log" 2>&1 &
  xvfb_pid=$!
  for _ in $(seq 1 50); do [[ -e /tmp/.X11-unix/X$display ]] && return 0; sleep 0.1; done
  echo "Xvfb did not start on :$display (see $dir/xvfb.log)" >&2
  return 1
}
