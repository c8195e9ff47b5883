package cli

import (
	"strings"
	"testing"

	"github.com/clippings/clippings/bench"
)

func TestBenchReportsTheFloorsOfImportAndSize(t *testing.T) {
	r := &bench.Report{
		Articles: 1000, Cores: 2, ImportSeconds: 4, ArticlesPerSec: 250, MBPerSec: 1, FirstChunkRate: 250, LastChunkRate: 250,
		RateAt100k: 600, RateLast50k: 450, TextBytes: 4_000_000, ArchiveBytes: 14_000_000, StoredTextBytes: 4_000_000, StoredOriginalBytes: 2_000_000,
		Merged: &bench.MergedSize{Seconds: 3, ArchiveBytes: 13_000_000, FreeBytes: 1_000_000},
		Baseline: &bench.Baseline{Seconds: 1, ArticlesPerSec: 1000, Ratio: 4,
			FTS5: &bench.FTS5Floor{Options: "prefix = '2 3'", Articles: 500, TextBytes: 2_000_000, Seconds: 2.5, Ratio: 2.5, IndexBytes: 1_950_000}},
	}
	var out strings.Builder
	printBench(&out, r)
	for _, want := range []string{
		"Clippings takes 4.00× its time",
		"50,000–100,000 600/s; the last 50,000 450/s (75% of that)",
		"FTS5 alone      2.50× the shell's time, index 98% of the text (the first 500 texts): this SQLite, the archive's prefix = '2 3'",
		"as imported: index and metadata 200% of the text, compressed originals 50%",
		// The same archive merged: 13 MB less 1 MB of free pages, 4 MB of text, 2 MB of originals.
		"3 s): index and metadata 150% of the text;",
		"archive 12.4 MB, of which 1.0 MB free pages",
	} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("report lacks %q:\n%s", want, out.String())
		}
	}
}
