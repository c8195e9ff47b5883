# Convenience targets; the README's two commands are scripts/run and scripts/test.
.PHONY: run test score build pool train common-words

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

# The common words of entities/data/common.txt, from the SCOWL spelling
# dictionaries (Debian packages wamerican and wbritish, installed if missing).
common-words:
	test -f /usr/share/dict/american-english -a -f /usr/share/dict/british-english || $$([ $$(id -u) -eq 0 ] || echo sudo) apt-get install -y wamerican wbritish
	go run ./entities/cmd/commonwords /usr/share/dict/american-english /usr/share/dict/british-english > entities/data/common.txt
