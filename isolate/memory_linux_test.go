package isolate

import (
	"bytes"
	"errors"
	"os"
	"strconv"
	"strings"
	"testing"

	"github.com/clippings/clippings/article"
)

// peakResident is a process's peak resident memory (VmHWM), in bytes.
func peakResident(t *testing.T, pid int) int64 {
	t.Helper()
	status, err := os.ReadFile("/proc/" + strconv.Itoa(pid) + "/status")
	if err != nil {
		t.Fatal(err)
	}
	for _, line := range strings.Split(string(status), "\n") {
		if rest, ok := strings.CutPrefix(line, "VmHWM:"); ok {
			kb, err := strconv.ParseInt(strings.TrimSuffix(strings.TrimSpace(rest), " kB"), 10, 64)
			if err != nil {
				t.Fatal(err)
			}
			return kb << 10
		}
	}
	t.Fatal("no VmHWM in /proc/PID/status")
	return 0
}

// The 49 MB text of 8.5 million short lines (generated here) took
// 2 GB to extract. In a worker, its peak resident memory — the program
// loaded, the file received, decoded and refused by its number of lines —
// stays within the 300 MB one extraction may take; the figure is logged.
func TestWorkerMemoryOnTheLargestText(t *testing.T) {
	var text bytes.Buffer
	for i := range 8_500_000 {
		text.WriteString([]string{"the port", "said", "on", "Monday"}[i%4])
		text.WriteByte('\n')
	}
	if text.Len() < 45<<20 || int64(text.Len()) > article.DefaultMaxSize {
		t.Fatalf("generated %d bytes; want the issue's 49 MB", text.Len())
	}
	p := New(1)
	defer p.Close()
	_, err := p.Extract("lines.txt", text.Bytes(), article.Options{})
	if !errors.Is(err, article.ErrTooLarge) || !strings.Contains(err.Error(), "8,500,000 lines") {
		t.Fatalf("err = %v; want the text refused for its lines", err)
	}
	peak := peakResident(t, idleWorker(t, p).cmd.Process.Pid)
	t.Logf("worker peak resident memory: %d MB for a %d MB text", peak>>20, text.Len()>>20)
	if peak > MemoryLimit {
		t.Errorf("the worker peaked at %d MB; one extraction may take %d MB", peak>>20, MemoryLimit>>20)
	}
}
