package bench

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"time"
)

// Peer is what another desktop search program took on the same files in the
// same run: Recoll (recollindex, recollq), with its own configuration
// folder and default settings, timed as whole processes — and Clippings'
// command line beside it, also as whole processes.
type Peer struct {
	Name    string `json:"name"`
	Version string `json:"version"`
	// ImportSeconds is the peer's indexing time over the same chunks as
	// Clippings' import (ClippingsSeconds).
	ImportSeconds    float64       `json:"import_seconds"`
	ClippingsSeconds float64       `json:"clippings_import_seconds"`
	IndexBytes       int64         `json:"index_bytes"`
	Queries          []PeerQueries `json:"queries"`
}

// PeerQueries times one kind of query of the mix both ways: the first page
// of 50 hits, asked as a command, whole process.
type PeerQueries struct {
	Kind         string        `json:"kind"`
	Sort         string        `json:"sort"`
	Example      string        `json:"example"`
	PeerExample  string        `json:"peer_example"`
	ClippingsP50 time.Duration `json:"clippings_p50_ns"`
	ClippingsP95 time.Duration `json:"clippings_p95_ns"`
	PeerP50      time.Duration `json:"peer_p50_ns"`
	PeerP95      time.Duration `json:"peer_p95_ns"`
	// Matches are the median counts each reported (Clippings counts to
	// db.CountCap; Recoll estimates unless asked for an exact count).
	ClippingsMatches int `json:"clippings_matches"`
	PeerMatches      int `json:"peer_matches"`
}

// recoll indexes the bench's files with recollindex and queries them with
// recollq. The files Clippings imported from a chunk are kept for it (in a
// folder of their own per chunk, dated as the articles are, so Recoll's
// date filter and date order see the articles' days).
type recoll struct {
	index, query string
	conf, files  string
	seconds      float64
	chunks       int
}

// errNoRecoll: --peer recoll without Recoll installed.
var errNoRecoll = errors.New("bench: --peer recoll needs recollindex and recollq (Debian package recollcmd)")

func newRecoll(dir string) (*recoll, error) {
	index, err1 := exec.LookPath("recollindex")
	query, err2 := exec.LookPath("recollq")
	if err1 != nil || err2 != nil {
		return nil, errNoRecoll
	}
	r := &recoll{index: index, query: query, conf: filepath.Join(dir, "recoll"), files: filepath.Join(dir, "peer-files")}
	for _, d := range []string{r.conf, r.files} {
		if err := os.MkdirAll(d, 0o755); err != nil {
			return nil, fmt.Errorf("bench: recoll: %w", err)
		}
	}
	// Only where the files are: everything else is Recoll's default.
	conf := "topdirs = " + r.files + "\n"
	if err := os.WriteFile(filepath.Join(r.conf, "recoll.conf"), []byte(conf), 0o644); err != nil {
		return nil, fmt.Errorf("bench: recoll: %w", err)
	}
	return r, nil
}

// add moves a chunk Clippings imported into Recoll's folder and has
// recollindex index what is new, returning the seconds it took.
func (r *recoll) add(ctx context.Context, chunkDir string) (float64, error) {
	dst := filepath.Join(r.files, fmt.Sprintf("c%05d", r.chunks))
	r.chunks++
	if err := os.Rename(chunkDir, dst); err != nil {
		return 0, fmt.Errorf("bench: recoll: %w", err)
	}
	t0 := time.Now()
	cmd := exec.CommandContext(ctx, r.index, "-c", r.conf)
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	if err := cmd.Run(); err != nil {
		return 0, fmt.Errorf("bench: recollindex: %v: %s", err, lastLines(out.String(), 5))
	}
	took := time.Since(t0).Seconds()
	r.seconds += took
	return took, nil
}

// version is Recoll's, as recollq reports it.
func (r *recoll) version(ctx context.Context) string {
	out, _ := exec.CommandContext(ctx, r.query, "-c", r.conf, "-Q", "version").CombinedOutput()
	if m := regexp.MustCompile(`Recoll (\S+)`).FindSubmatch(out); m != nil {
		return string(m[1])
	}
	return ""
}

// recollCount is the result count recollq prints.
var recollCount = regexp.MustCompile(`(?m)^(\d+) results`)

// search runs recollq for a first page of 50, newest first or by relevance.
func (r *recoll) search(ctx context.Context, query string, newest bool) (time.Duration, int, error) {
	args := []string{"-c", r.conf, "-n", "50", "-A"}
	if newest {
		args = append(args, "-S", "mtime", "-D")
	}
	args = append(args, query)
	t0 := time.Now()
	out, err := exec.CommandContext(ctx, r.query, args...).CombinedOutput()
	took := time.Since(t0)
	if err != nil {
		return 0, 0, fmt.Errorf("bench: recollq %q: %v: %s", query, err, lastLines(string(out), 5))
	}
	n := 0
	if m := recollCount.FindSubmatch(out); m != nil {
		n, _ = strconv.Atoi(string(m[1]))
	}
	return took, n, nil
}

// clippingsCount is the count `clippings search` prints on standard error.
var clippingsCount = regexp.MustCompile(`of (\d+)\+? matches`)

// clippingsSearch runs `clippings search` as a command: the first page of
// 50 hits with snippets, and the count.
func clippingsSearch(ctx context.Context, exe, archive, query string, newest bool) (time.Duration, int, error) {
	args := []string{"search", "--db", archive, "--limit", "50"}
	if newest {
		args = append(args, "--sort", "newest")
	}
	args = append(args, query)
	t0 := time.Now()
	cmd := exec.CommandContext(ctx, exe, args...)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	err := cmd.Run()
	took := time.Since(t0)
	if err != nil {
		return 0, 0, fmt.Errorf("bench: clippings search %q: %v: %s", query, err, lastLines(stderr.String(), 5))
	}
	n := 0
	if m := clippingsCount.FindSubmatch(stderr.Bytes()); m != nil {
		n, _ = strconv.Atoi(string(m[1]))
	}
	return took, n, nil
}

// peerQuery is Recoll's form of a query of the mix, or "" when Recoll has
// nothing like it (tags, stars and authors are Clippings' own; a text
// file's title is its file name to Recoll, so title: is left out too).
func peerQuery(q string) string {
	switch {
	case strings.Contains(q, "tag:"), strings.Contains(q, "is:"), strings.Contains(q, "author:"), strings.HasPrefix(q, "title:"):
		return ""
	}
	if before, day, ok := strings.Cut(q, "after:"); ok {
		return strings.TrimSpace(before) + " date:" + day + "/"
	}
	return q
}

// timePeer runs the query mix as commands both ways: each query once
// untimed (the file cache), then timed.
func timePeer(ctx context.Context, r *recoll, archive string, mix []queryKind) ([]PeerQueries, error) {
	exe, err := os.Executable()
	if err != nil {
		return nil, fmt.Errorf("bench: %w", err)
	}
	var out []PeerQueries
	for _, kind := range mix {
		if kind.facets || peerQuery(kind.queries[0]) == "" {
			continue
		}
		for _, newest := range []bool{false, true} {
			pq := PeerQueries{Kind: kind.kind, Sort: "relevance", Example: kind.queries[0], PeerExample: peerQuery(kind.queries[0])}
			if newest {
				pq.Sort = "newest"
			}
			var ct, rt []time.Duration
			var cn, rn []int
			for _, q := range kind.queries {
				for _, timed := range []bool{false, true} {
					d, n, err := clippingsSearch(ctx, exe, archive, q, newest)
					if err != nil {
						return nil, err
					}
					d2, n2, err := r.search(ctx, peerQuery(q), newest)
					if err != nil {
						return nil, err
					}
					if timed {
						ct, cn = append(ct, d), append(cn, n)
						rt, rn = append(rt, d2), append(rn, n2)
					}
				}
			}
			sortDurations(ct)
			sortDurations(rt)
			sortInts(cn)
			sortInts(rn)
			pq.ClippingsP50, pq.ClippingsP95 = percentile(ct, 0.5), percentile(ct, 0.95)
			pq.PeerP50, pq.PeerP95 = percentile(rt, 0.5), percentile(rt, 0.95)
			pq.ClippingsMatches, pq.PeerMatches = cn[len(cn)/2], rn[len(rn)/2]
			out = append(out, pq)
		}
	}
	return out, nil
}

// dirSize is the bytes of the files under dir.
func dirSize(dir string) int64 {
	var n int64
	filepath.WalkDir(dir, func(_ string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			if info, err := d.Info(); err == nil {
				n += info.Size()
			}
		}
		return nil
	})
	return n
}

func lastLines(s string, n int) string {
	lines := strings.Split(strings.TrimSpace(s), "\n")
	if len(lines) > n {
		lines = lines[len(lines)-n:]
	}
	return strings.Join(lines, "\n")
}

// StartTimes are whole-process times of the command line: the time to
// start (--version) and a search on a small archive (the saved pages').
type StartTimes struct {
	Articles   int           `json:"articles"`
	VersionP50 time.Duration `json:"version_p50_ns"`
	VersionP95 time.Duration `json:"version_p95_ns"`
	SearchP50  time.Duration `json:"search_p50_ns"`
	SearchP95  time.Duration `json:"search_p95_ns"`
}

// startRuns is how many times each command is run.
const startRuns = 20

// timeStart runs `clippings --version` and `clippings search WORD` on the
// archive as commands, each once untimed, then startRuns times.
func timeStart(ctx context.Context, archive string, articles int, word string) (*StartTimes, error) {
	exe, err := os.Executable()
	if err != nil {
		return nil, fmt.Errorf("bench: %w", err)
	}
	st := &StartTimes{Articles: articles}
	for _, c := range []struct {
		args     []string
		p50, p95 *time.Duration
	}{
		{[]string{"--version"}, &st.VersionP50, &st.VersionP95},
		{[]string{"search", "--db", archive, "--limit", "50", word}, &st.SearchP50, &st.SearchP95},
	} {
		var times []time.Duration
		for i := range startRuns + 1 {
			t0 := time.Now()
			if out, err := exec.CommandContext(ctx, exe, c.args...).CombinedOutput(); err != nil {
				return nil, fmt.Errorf("bench: clippings %s: %v: %s", strings.Join(c.args, " "), err, lastLines(string(out), 5))
			}
			if i > 0 {
				times = append(times, time.Since(t0))
			}
		}
		sortDurations(times)
		*c.p50, *c.p95 = percentile(times, 0.5), percentile(times, 0.95)
	}
	return st, nil
}
