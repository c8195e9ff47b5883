package cli

import (
	"bytes"
	"context"
	"database/sql"
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"
)

// clippings runs one command in-process against archive dbPath.
func clippings(t *testing.T, dbPath string, args ...string) (stdout, stderr string, status int) {
	t.Helper()
	var out, errOut bytes.Buffer
	env := Env{Stdout: &out, Stderr: &errOut, Getenv: func(k string) string {
		if k == "CLIPPINGS_DB" {
			return dbPath
		}
		return ""
	}}
	status = Run(context.Background(), env, args)
	return out.String(), errOut.String(), status
}

const sample = "testdata/mali-russia-negotiations.txt"

func TestImportThenSearchEndToEnd(t *testing.T) {
	dbPath := filepath.Join(t.TempDir(), "data", "clippings.db")
	out, errOut, status := clippings(t, dbPath, "import", sample)
	if status != ExitOK || !strings.Contains(out, "imported   #1 Russia calls for negotiations to end Mali crisis") {
		t.Fatalf("import: status %d\n%s\n%s", status, out, errOut)
	}
	if !strings.Contains(errOut, "1 imported") {
		t.Errorf("summary line missing: %q", errOut)
	}
	for _, q := range []string{"Zakharova", `"negotiating table"`, "Wague", "negotiat*", "title:Mali"} {
		out, _, status := clippings(t, dbPath, "search", q)
		if status != ExitOK || !strings.Contains(out, "#1 ") || !strings.Contains(out, "Russia calls for negotiations") {
			t.Errorf("search %s: status %d, %q", q, status, out)
		}
	}
	for _, q := range []string{"cookies", "Skip", "minutes"} {
		if out, _, _ := clippings(t, dbPath, "search", q); out != "" {
			t.Errorf("search %s should find nothing (boilerplate is not stored): %q", q, out)
		}
	}
	// Again: a duplicate, nothing stored.
	out, _, status = clippings(t, dbPath, "import", sample)
	if status != ExitOK || !strings.Contains(out, "duplicate of #1") {
		t.Errorf("reimport: %d %q", status, out)
	}
}

func TestImportFailuresDoNotStopTheBatch(t *testing.T) {
	dbPath := filepath.Join(t.TempDir(), "a.db")
	out, errOut, status := clippings(t, dbPath, "import", "--json",
		"testdata/binary.txt", "testdata/empty.txt", "testdata/no-such-file.txt", sample)
	if status != ExitFailed {
		t.Errorf("status = %d, want %d", status, ExitFailed)
	}
	byName := map[string]importJSON{}
	for _, line := range strings.Split(strings.TrimSpace(out), "\n") {
		var r importJSON
		if err := json.Unmarshal([]byte(line), &r); err != nil {
			t.Fatalf("bad JSON line %q: %v", line, err)
		}
		byName[filepath.Base(r.Path)] = r
	}
	want := map[string]string{"binary.txt": "binary", "empty.txt": "empty", "no-such-file.txt": "no such file"}
	for name, reason := range want {
		r := byName[name]
		if r.Status != "failed" || !strings.Contains(r.Error, reason) {
			t.Errorf("%s: %+v, want failed with %q", name, r, reason)
		}
	}
	if r := byName["mali-russia-negotiations.txt"]; r.Status != "imported" || r.ID != 1 || r.Title == "" {
		t.Errorf("sample: %+v", r)
	}
	if !strings.Contains(errOut, "1 imported · 3 failed") {
		t.Errorf("summary %q", errOut)
	}
}

func TestDryRunJSONCarriesTheWholeArticle(t *testing.T) {
	dbPath := filepath.Join(t.TempDir(), "a.db")
	out, _, status := clippings(t, dbPath, "import", "--dry-run", "--json", sample)
	if status != ExitOK {
		t.Fatalf("status %d", status)
	}
	var line map[string]any
	if err := json.Unmarshal([]byte(out), &line); err != nil {
		t.Fatal(err)
	}
	a, ok := line["article"].(map[string]any)
	if !ok || line["status"] != "extracted" {
		t.Fatalf("no article in %v", line)
	}
	for _, key := range []string{"title", "subtitle", "authors", "source", "url", "published", "language", "body", "captions", "words", "file"} {
		if _, ok := a[key]; !ok {
			t.Errorf("article lacks %q", key)
		}
	}
	if a["language"] != "en" || !strings.HasPrefix(a["body"].(string), "Russia has called") {
		t.Errorf("article %v", a)
	}
	file := a["file"].(map[string]any)
	if file["name"] != "mali-russia-negotiations.txt" || file["format"] != "text" || len(file["sha256"].(string)) != 64 {
		t.Errorf("file %v", file)
	}
	if out, _, _ := clippings(t, dbPath, "search", "Zakharova"); out != "" {
		t.Errorf("dry run stored the article: %q", out)
	}
}

func TestShowAndSearchJSON(t *testing.T) {
	dbPath := filepath.Join(t.TempDir(), "a.db")
	clippings(t, dbPath, "import", sample)
	out, _, status := clippings(t, dbPath, "show", "--json", "1")
	if status != ExitOK {
		t.Fatalf("show: %d", status)
	}
	var a map[string]any
	if err := json.Unmarshal([]byte(out), &a); err != nil {
		t.Fatal(err)
	}
	if a["id"] != 1.0 || a["title"] != "Russia calls for negotiations to end Mali crisis" || a["added"] == "" {
		t.Errorf("show json: %v", a)
	}
	caps := a["captions"].([]any)
	if len(caps) != 1 || caps[0].(map[string]any)["credit"] != "REUTERS/ Idrissa Sangare" {
		t.Errorf("captions %v", caps)
	}
	if _, ok := a["authors"].([]any); !ok {
		t.Errorf("authors must be an array, got %v", a["authors"])
	}

	out, _, _ = clippings(t, dbPath, "search", "--json", "--sort", "newest", "zakharova")
	var hit map[string]any
	if err := json.Unmarshal([]byte(out), &hit); err != nil {
		t.Fatalf("%q: %v", out, err)
	}
	for _, key := range []string{"id", "title", "source", "published", "snippet", "score"} {
		if _, ok := hit[key]; !ok {
			t.Errorf("hit lacks %q: %v", key, hit)
		}
	}
	if !strings.Contains(hit["snippet"].(string), "**Zakharova**") {
		t.Errorf("snippet %q", hit["snippet"])
	}

	out, _, _ = clippings(t, dbPath, "show", "1")
	if !strings.HasPrefix(out, "Russia calls for negotiations to end Mali crisis\n") || !strings.Contains(out, "REUTERS/ Idrissa Sangare") {
		t.Errorf("show text: %q", out)
	}
}

func TestDeleteAndUsageErrors(t *testing.T) {
	dbPath := filepath.Join(t.TempDir(), "a.db")
	clippings(t, dbPath, "import", sample)
	cases := []struct {
		args   []string
		status int
		errHas string
	}{
		{[]string{"delete", "7"}, ExitFailed, "#7"},
		{[]string{"delete", "x"}, ExitUsage, "not an article ID"},
		{[]string{"show"}, ExitUsage, "exactly one"},
		{[]string{"search", "--sort", "sideways", "x"}, ExitUsage, "unknown sort"},
		{[]string{"import"}, ExitUsage, "at least one"},
		{[]string{"search", "--limit", "0", "x"}, ExitUsage, "clippings search: --limit must be at least 1"},
		{[]string{"related", "--limit", "-1", "1"}, ExitUsage, "clippings related: --limit must be at least 1"},
		{[]string{"entities", "--limit", "0"}, ExitUsage, "clippings entities: --limit must be at least 1"},
		{[]string{"frobnicate"}, ExitUsage, "unknown command"},
		{[]string{"search", "--help"}, ExitOK, "Usage: clippings search"},
		{[]string{"delete", "1"}, ExitOK, ""},
	}
	for _, c := range cases {
		_, errOut, status := clippings(t, dbPath, c.args...)
		if status != c.status || !strings.Contains(errOut, c.errHas) {
			t.Errorf("%v: status %d, stderr %q; want %d with %q", c.args, status, errOut, c.status, c.errHas)
		}
	}
	if out, _, _ := clippings(t, dbPath, "search", "Zakharova"); out != "" {
		t.Errorf("deleted article still found: %q", out)
	}
}

func TestUnopenableArchiveIsAUsageError(t *testing.T) {
	_, errOut, status := clippings(t, "testdata/mali-russia-negotiations.txt", "search", "x")
	if status != ExitUsage || !strings.Contains(errOut, "not a Clippings archive") {
		t.Errorf("status %d, %q", status, errOut)
	}
}

func TestDefaultDBPath(t *testing.T) {
	env := map[string]string{}
	get := func(k string) string { return env[k] }
	env["HOME"] = "/home/ann"
	if p, _ := DefaultDBPath(get); p != "/home/ann/.local/share/clippings/clippings.db" {
		t.Errorf("HOME only: %s", p)
	}
	env["XDG_DATA_HOME"] = "/data"
	if p, _ := DefaultDBPath(get); p != "/data/clippings/clippings.db" {
		t.Errorf("XDG_DATA_HOME: %s", p)
	}
	env["CLIPPINGS_DB"] = "/tmp/x.db"
	if p, _ := DefaultDBPath(get); p != "/tmp/x.db" {
		t.Errorf("CLIPPINGS_DB: %s", p)
	}
}

// bench --files writes articles to drop on the window; importing them
// stores every one.
func TestBenchWritesFilesToDrop(t *testing.T) {
	tmp := t.TempDir()
	dir := filepath.Join(tmp, "drop")
	out, errOut, status := clippings(t, "", "bench", "--files", dir, "--articles", "6", "--from", "500")
	if status != ExitOK || !strings.Contains(out, "wrote 6 articles") {
		t.Fatalf("bench --files: status %d\n%s\n%s", status, out, errOut)
	}
	dbPath := filepath.Join(tmp, "a.db")
	if _, errOut, status := clippings(t, dbPath, "import", dir); status != ExitOK || !strings.Contains(errOut, "6 imported") {
		t.Errorf("import of the written files: status %d, %q", status, errOut)
	}
}

// Each import writes a segment of the full-text index; no window is open
// to merge them when idle, so the import merges what it left.
func TestImportMergesTheIndexAfterwards(t *testing.T) {
	dbPath := filepath.Join(t.TempDir(), "clippings.db")
	for _, f := range []string{sample, "testdata/ecowas.md"} {
		if out, errOut, status := clippings(t, dbPath, "import", f); status != ExitOK {
			t.Fatalf("import %s: %d\n%s%s", f, status, out, errOut)
		}
	}
	conn, err := sql.Open("sqlite", dbPath)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	var segments int
	if err := conn.QueryRow("SELECT count(DISTINCT segid) FROM articles_fts_idx").Scan(&segments); err != nil {
		t.Fatal(err)
	}
	if segments != 1 {
		t.Errorf("%d segments after two imports, want them merged into 1", segments)
	}
	if out, _, _ := clippings(t, dbPath, "search", "Zakharova OR ECOWAS"); !strings.Contains(out, "#1 ") || !strings.Contains(out, "#2 ") {
		t.Errorf("after merging, search finds:\n%s", out)
	}
}

// The brief commands, which keep the collector off (internal/startgc), are
// commands, and none of them imports, watches or re-indexes.
func TestBriefCommands(t *testing.T) {
	for name := range briefCommands {
		if !IsCommand(name) {
			t.Errorf("brief command %q is not a command", name)
		}
	}
	for _, name := range []string{"import", "watch", "reindex", "reextract", "bench", "export", "backup", "check"} {
		if Brief(name) {
			t.Errorf("%q is brief: it may run long and must collect garbage", name)
		}
	}
	if !Brief("search") {
		t.Error("search is not brief")
	}
}
