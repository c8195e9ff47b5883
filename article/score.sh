#!/usr/bin/env bash
# Scores article extraction on the dev corpus (../shared/corpus/extraction-dev):
# runs article/cmd/extract-dev into a temporary folder, then the shared scorer
# on each input kind (html, text, text_innertext). Extra arguments go to the
# scorer (e.g. -worst 5). Run from anywhere inside the repository.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
go run ./article/cmd/extract-dev -corpus "$root/../shared/corpus/extraction-dev" "$out" 2>"$out/errors.log" || { cat "$out/errors.log" >&2; exit 1; }
if [[ -s $out/errors.log ]]; then
  echo "extraction errors:" >&2
  cat "$out/errors.log" >&2
fi
"$root/../shared/tools/extract-score.sh" "$@" "$out/html" "$out/text" "$out/text_innertext"
