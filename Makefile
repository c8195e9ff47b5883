# Convenience targets; the README's two commands are scripts/run and scripts/test.
.PHONY: run test score build pool train

build:
	go build -o bin/clippings .

run:
	scripts/run

test:
	scripts/test

# Extraction quality as tables: both dev corpora (testdata/corpus), the
# training pool's held-out pages, generated hard-wrapped wire copy.
score:
	article/score.sh

# The training pool: go-trafilatura's test pages rendered as copied text
# (w3m and Chromium, installed here if missing) into build/pool.
pool:
	scripts/make-pool

# The model of copied text (article/textmodel.json), learned from the pool.
train:
	go run ./article/cmd/train -pool build/pool -out article/textmodel.json
