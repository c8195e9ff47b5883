package bench

import (
	"context"
	"fmt"
	"os/exec"
	"path/filepath"
	"time"
)

// Baseline is the time the sqlite3 command-line shell (C) takes to load the
// same texts into a bare FTS5 index: the yardstick for import speed.
type Baseline struct {
	Seconds        float64 `json:"seconds"`
	ArticlesPerSec float64 `json:"articles_per_s"`
	Ratio          float64 `json:"clippings_time_ratio"` // Clippings' import time / this
}

// baseliner loads each chunk into its own FTS5 database with the sqlite3
// shell, one transaction per chunk, as Clippings imports it.
type baseliner struct {
	shell   string
	dbPath  string
	seconds float64
	created bool
}

func newBaseliner(dir string) *baseliner {
	shell, err := exec.LookPath("sqlite3")
	if err != nil {
		return nil // no shell, no baseline
	}
	return &baseliner{shell: shell, dbPath: filepath.Join(dir, "baseline.db")}
}

func (b *baseliner) load(ctx context.Context, chunkDir string) error {
	script := ""
	if !b.created {
		script = "PRAGMA journal_mode=WAL; CREATE VIRTUAL TABLE t USING fts5(body, tokenize='porter unicode61 remove_diacritics 2');"
		b.created = true
	}
	// fsdir and readfile are the shell's own: it reads the files itself.
	script += fmt.Sprintf("BEGIN; INSERT INTO t(body) SELECT data FROM fsdir(%s) WHERE name LIKE '%%.txt'; COMMIT;", sqlQuote(chunkDir))
	t0 := time.Now()
	out, err := exec.CommandContext(ctx, b.shell, b.dbPath, script).CombinedOutput()
	if err != nil {
		return fmt.Errorf("bench: sqlite3 baseline: %v: %s", err, out)
	}
	b.seconds += time.Since(t0).Seconds()
	return nil
}

func (b *baseliner) report(articles int, clippingsSeconds float64) *Baseline {
	return &Baseline{
		Seconds:        b.seconds,
		ArticlesPerSec: float64(articles) / b.seconds,
		Ratio:          clippingsSeconds / b.seconds,
	}
}

func sqlQuote(s string) string {
	out := "'"
	for _, r := range s {
		if r == '\'' {
			out += "''"
		} else {
			out += string(r)
		}
	}
	return out + "'"
}
