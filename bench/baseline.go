package bench

import (
	"context"
	"database/sql"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"time"
)

// Baseline is the time the sqlite3 command-line shell (C) takes to load the
// same texts into a bare FTS5 index: the yardstick for import speed.
type Baseline struct {
	Seconds        float64 `json:"seconds"`
	ArticlesPerSec float64 `json:"articles_per_s"`
	Ratio          float64 `json:"clippings_time_ratio"` // Clippings' import time / this
	// FTS5 is the least Clippings' one writer could take: its own SQLite
	// loading the same texts into an FTS5 table with the archive's
	// tokenizer and prefix indexes, and nothing else.
	FTS5 *FTS5Floor `json:"fts5_only,omitempty"`
}

// FTS5Floor is the time and index size of the full-text index alone, over
// the first Articles texts (at most floorArticles: a third database the
// size of the archive would crowd the file cache the import needs).
type FTS5Floor struct {
	Options    string  `json:"options"`
	Articles   int     `json:"articles"`
	TextBytes  int64   `json:"text_bytes"`
	Seconds    float64 `json:"seconds"`
	Ratio      float64 `json:"time_ratio"`  // Seconds / the shell's on the same texts
	IndexBytes int64   `json:"index_bytes"` // its index, without the texts
}

// floorArticles is how many texts the FTS5-only table takes.
const floorArticles = 100_000

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

// load loads a chunk, returning the seconds it took.
func (b *baseliner) load(ctx context.Context, chunkDir string) (float64, error) {
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
		return 0, fmt.Errorf("bench: sqlite3 baseline: %v: %s", err, out)
	}
	took := time.Since(t0).Seconds()
	b.seconds += took
	return took, nil
}

func (b *baseliner) report(articles int, clippingsSeconds float64, floor *FTS5Floor) *Baseline {
	return &Baseline{
		Seconds:        b.seconds,
		ArticlesPerSec: float64(articles) / b.seconds,
		Ratio:          clippingsSeconds / b.seconds,
		FTS5:           floor,
	}
}

// floorLoader loads each chunk into an FTS5 table of this program's SQLite
// made with the archive's options: one transaction per chunk, as the shell
// and Clippings' imports do; reading the files included, as theirs is.
type floorLoader struct {
	db           *sql.DB
	path         string
	floor        FTS5Floor
	shellSeconds float64 // the shell's time on the same chunks
	done         bool
}

func newFloorLoader(ctx context.Context, dir, options string) (*floorLoader, error) {
	path := filepath.Join(dir, "fts5-only.db")
	conn, err := sql.Open("sqlite", path+"?_pragma=journal_mode(WAL)&_pragma=synchronous(NORMAL)")
	if err != nil {
		return nil, fmt.Errorf("bench: FTS5-only table: %w", err)
	}
	conn.SetMaxOpenConns(1)
	if _, err := conn.ExecContext(ctx, "CREATE VIRTUAL TABLE t USING fts5(body, "+options+")"); err != nil {
		conn.Close()
		return nil, fmt.Errorf("bench: FTS5-only table: %w", err)
	}
	return &floorLoader{db: conn, path: path, floor: FTS5Floor{Options: options}}, nil
}

// wants tells whether the table takes more texts.
func (f *floorLoader) wants() bool { return !f.done && f.floor.Articles < floorArticles }

// load loads a chunk the shell took shellSeconds to load.
func (f *floorLoader) load(ctx context.Context, chunkDir string, shellSeconds float64) error {
	t0 := time.Now()
	entries, err := os.ReadDir(chunkDir)
	if err != nil {
		return fmt.Errorf("bench: FTS5-only load: %w", err)
	}
	tx, err := f.db.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("bench: FTS5-only load: %w", err)
	}
	defer tx.Rollback()
	insert, err := tx.PrepareContext(ctx, "INSERT INTO t(body) VALUES (?)")
	if err != nil {
		return fmt.Errorf("bench: FTS5-only load: %w", err)
	}
	for _, e := range entries {
		if !strings.HasSuffix(e.Name(), ".txt") {
			continue
		}
		text, err := os.ReadFile(filepath.Join(chunkDir, e.Name()))
		if err != nil {
			return fmt.Errorf("bench: FTS5-only load: %w", err)
		}
		if _, err := insert.ExecContext(ctx, string(text)); err != nil {
			return fmt.Errorf("bench: FTS5-only load: %w", err)
		}
		f.floor.Articles++
		f.floor.TextBytes += int64(len(text))
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("bench: FTS5-only load: %w", err)
	}
	f.floor.Seconds += time.Since(t0).Seconds()
	f.shellSeconds += shellSeconds
	return nil
}

// finish measures the index and deletes the table; it is safe to call again.
func (f *floorLoader) finish(ctx context.Context) (*FTS5Floor, error) {
	if f.done {
		return &f.floor, nil
	}
	f.done = true
	defer os.Remove(f.path + "-wal")
	defer os.Remove(f.path)
	defer f.db.Close()
	if err := f.db.QueryRowContext(ctx, "SELECT coalesce(sum(length(block)), 0) FROM t_data").Scan(&f.floor.IndexBytes); err != nil {
		return nil, fmt.Errorf("bench: FTS5-only index size: %w", err)
	}
	f.floor.Ratio = f.floor.Seconds / max(f.shellSeconds, 1e-9)
	return &f.floor, nil
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
