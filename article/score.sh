#!/usr/bin/env bash
# Scores article extraction (make score): runs article/cmd/extract-dev into
# a temporary folder, then the shared scorer, on
#   - ../shared/corpus/extraction-dev (html, text, text_innertext);
#   - ../shared/corpus/extraction-dev2 (its pl-* pages count for headlines only);
#   - the pages of the training pool held out from training (build/pool/heldout,
#     made by make pool train; copied text only: their truth is the HTML path's);
# and measures hard-wrapped text on generated wire copy (article/cmd/wire).
# Extra arguments go to the scorer (e.g. -worst 5). Run from anywhere inside
# the repository.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
scorer="$root/../shared/tools/extract-score.sh"

score() { # name corpus kinds [scorer args...]
  local name=$1 corpus=$2 kinds=$3
  shift 3
  echo "== $name ($corpus)"
  go run ./article/cmd/extract-dev -corpus "$corpus" -kinds "$kinds" "$out/$name" 2>"$out/$name.log" || { cat "$out/$name.log" >&2; exit 1; }
  if [[ -s $out/$name.log ]]; then
    echo "extraction errors: $(wc -l <"$out/$name.log") (first ones:)" >&2
    head -3 "$out/$name.log" >&2
  fi
  local dirs=()
  IFS=, read -ra ks <<<"$kinds"
  for k in "${ks[@]}"; do dirs+=("$out/$name/$k"); done
  "$scorer" "$@" "${dirs[@]}" | tail -n +2
  echo
}

score dev "$root/../shared/corpus/extraction-dev" html,text,text_innertext "$@"
score dev2 "$root/../shared/corpus/extraction-dev2" html,text,text_innertext -truth "$root/../shared/corpus/extraction-dev2/truth" "$@"
if [[ -d $root/build/pool/heldout/truth ]]; then
  score heldout-pool "$root/build/pool/heldout" text,text_innertext -truth "$root/build/pool/heldout/truth" "$@"
  go run ./article/cmd/wire -pool "$root/build/pool"
else
  echo "(no held-out pool: run make pool train for its figures and the hard-wrapped text's)"
fi
