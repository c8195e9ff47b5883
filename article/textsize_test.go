package article

import (
	"bytes"
	"errors"
	"runtime"
	"strings"
	"testing"
	"time"
)

// manyShortLines generates a text of n short lines, the 49 MB of
// 8.5 million lines when n is 8,500,000 (a file that large is not kept in
// testdata/).
func manyShortLines(n int) []byte {
	words := []string{"the", "port", "said", "on", "a", "Monday", "ferry", "to", "harbour", "x"}
	var b bytes.Buffer
	b.Grow(n * 6)
	for i := range n {
		b.WriteString(words[i%len(words)])
		if i%2 == 0 {
			b.WriteString(" ok")
		}
		b.WriteByte('\n')
	}
	return b.Bytes()
}

// A text of 8.5 million short lines (49 MB, under the 50 MB limit) took
// 2 GB and gave up after 30 s; it is refused at once, by its number of
// lines, having cost little more than reading it.
func TestTextOfMillionsOfLinesIsRefused(t *testing.T) {
	data := manyShortLines(8_500_000)
	if len(data) < 45<<20 || int64(len(data)) > DefaultMaxSize {
		t.Fatalf("generated %d bytes; want the issue's 49 MB", len(data))
	}
	for _, name := range []string{"lines.txt", "lines.md", "lines.html"} {
		var before, after runtime.MemStats
		runtime.GC()
		runtime.ReadMemStats(&before)
		start := time.Now()
		_, err := Extract(name, data, Options{Timeout: 30 * time.Second})
		took := time.Since(start)
		runtime.ReadMemStats(&after)
		if !errors.Is(err, ErrTooLarge) || !strings.Contains(err.Error(), "8,500,000 lines") {
			t.Errorf("%s: %v; want ErrTooLarge naming the 8,500,000 lines", name, err)
		}
		if alloc := after.TotalAlloc - before.TotalAlloc; alloc > 200<<20 {
			t.Errorf("%s: refusing it allocated %d MB", name, alloc>>20)
		}
		if took > 10*time.Second {
			t.Errorf("%s: refusing it took %s", name, took)
		}
	}
}

// The limit is on lines, not on what they say: a text at the limit is read.
func TestTextLineLimit(t *testing.T) {
	for _, c := range []struct {
		lines int
		ok    bool
	}{{maxTextLines, true}, {maxTextLines + 1, false}} {
		text := strings.Repeat("a line\n", c.lines)
		if err := checkTextLines(text); (err == nil) != c.ok {
			t.Errorf("%d lines: %v", c.lines, err)
		}
		if err := checkTextLines(strings.ReplaceAll(text, "\n", "\r")); (err == nil) != c.ok {
			t.Errorf("%d lines ending in CR: %v", c.lines, err)
		}
	}
}
