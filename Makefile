# Convenience targets; the README's two commands are scripts/run and scripts/test.
.PHONY: run test score build

build:
	go build -o bin/clippings .

run:
	scripts/run

test:
	scripts/test

# Extraction quality on ../shared/corpus/extraction-dev, as a table.
score:
	article/score.sh
