#!/usr/bin/env bash
# Scores article extraction (make score) with the benchmark's metric
# (internal/extractscore), per input kind, on
#   - testdata/corpus/extraction-dev (html, text, text_innertext);
#   - testdata/corpus/extraction-dev2 (its pl-* pages count for headlines only);
#   - the pages of the training pool held out from training (build/pool/heldout,
#     made by make pool train; copied text only: their truth is the HTML path's);
#   - the saved-HTML headline where a page's metadata is missing: go-trafilatura's
#     comparison pages stripped of it (article/cmd/html-headlines, ~1 minute);
# and measures hard-wrapped text on generated wire copy (article/cmd/wire).
# Extra arguments go to article/cmd/extract-dev (e.g. -misses). Run from
# anywhere inside the repository.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"

score() { # name corpus kinds [extract-dev args...]
  local name=$1 corpus=$2 kinds=$3
  shift 3
  echo "== $name ($corpus)"
  go run ./article/cmd/extract-dev -corpus "$corpus" -kinds "$kinds" "$@" 2>/dev/null
  echo
}

score dev testdata/corpus/extraction-dev html,text,text_innertext "$@"
score dev2 testdata/corpus/extraction-dev2 html,text,text_innertext "$@"
echo "== saved HTML without its metadata (go-trafilatura's comparison pages)"
go run ./article/cmd/html-headlines
echo
if [[ -d $root/build/pool/heldout/truth ]]; then
  score heldout-pool build/pool/heldout text,text_innertext "$@"
  go run ./article/cmd/wire -pool "$root/build/pool"
else
  echo "(no held-out pool: run make pool train for its figures and the hard-wrapped text's)"
fi
