package bench

import (
	"context"
	"os"
	"path/filepath"
	"testing"
)

func TestFloorLoaderIndexesTheTextsWithTheArchiveOptions(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	chunk := filepath.Join(dir, "chunk")
	os.Mkdir(chunk, 0o755)
	for name, text := range map[string]string{
		"a.txt":    "Negotiations in Bamako resumed on Monday.",
		"b.txt":    "The junta negotiated with the mediators.",
		"c.html":   "<p>not a text: the shell's load skips it too</p>",
		"skip.txt": "",
	} {
		os.WriteFile(filepath.Join(chunk, name), []byte(text), 0o644)
	}
	f, err := newFloorLoader(ctx, dir, "tokenize = 'porter unicode61', prefix = '3'")
	if err != nil {
		t.Fatal(err)
	}
	if err := f.load(ctx, chunk, 0.25); err != nil {
		t.Fatal(err)
	}
	var n int
	if err := f.db.QueryRow("SELECT count(*) FROM t WHERE t MATCH 'neg*'").Scan(&n); err != nil || n != 2 {
		t.Errorf("'neg*' matches %d (%v), want 2", n, err)
	}
	if err := f.db.QueryRow("SELECT count(*) FROM t").Scan(&n); err != nil || n != 3 {
		t.Errorf("loaded %d rows (%v), want the 3 texts", n, err)
	}
	floor, err := f.finish(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if floor.Seconds <= 0 || floor.IndexBytes <= 0 || floor.Options != "tokenize = 'porter unicode61', prefix = '3'" ||
		floor.Articles != 3 || floor.TextBytes != 81 || floor.Ratio != floor.Seconds/0.25 {
		t.Errorf("floor %+v", floor)
	}
	if _, err := os.Stat(filepath.Join(dir, "fts5-only.db")); !os.IsNotExist(err) {
		t.Errorf("the FTS5-only table is still on disk: %v", err)
	}
	if again, err := f.finish(ctx); err != nil || again.IndexBytes != floor.IndexBytes {
		t.Errorf("a second finish: %+v, %v", again, err)
	}
}

func TestRateOverTakesTheChunksWithinTheRange(t *testing.T) {
	chunks := []chunkTime{{0, 5000, 5}, {5000, 10000, 10}, {10000, 15000, 2.5}, {15000, 17000, 1}}
	tests := []struct {
		from, to int
		want     float64
	}{
		{0, 17000, 17000 / 18.5},
		{5000, 15000, 10000 / 12.5},
		{10000, 17000, 7000 / 3.5},
		{12000, 17000, 2000}, // the chunk 10,000–15,000 starts before the range
		{20000, 30000, 0},
	}
	for _, tt := range tests {
		if got := rateOver(chunks, tt.from, tt.to); got != tt.want {
			t.Errorf("rateOver(%d, %d) = %v, want %v", tt.from, tt.to, got, tt.want)
		}
	}
}
