package cli

import (
	"database/sql"
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

// importedArchive is an archive holding the sample article.
func importedArchive(t *testing.T) string {
	t.Helper()
	dbPath := filepath.Join(t.TempDir(), "clippings.db")
	for _, file := range []string{sample, "testdata/ecowas.md"} { // one by one: #1 and #2
		if _, errOut, status := clippings(t, dbPath, "import", file); status != ExitOK {
			t.Fatalf("import: %d %s", status, errOut)
		}
	}
	return dbPath
}

func TestCheckCommand(t *testing.T) {
	dbPath := importedArchive(t)
	out, errOut, status := clippings(t, dbPath, "check")
	if status != ExitOK || out != "" || !strings.Contains(errOut, "all is well (2 articles)") {
		t.Errorf("check of a healthy archive: %d %q %q", status, out, errOut)
	}
	out, _, status = clippings(t, dbPath, "check", "--json")
	var report struct {
		OK       bool `json:"ok"`
		Articles int  `json:"articles"`
	}
	if err := json.Unmarshal([]byte(out), &report); err != nil || status != ExitOK || !report.OK || report.Articles != 2 {
		t.Errorf("check --json: %d %s (%v)", status, out, err)
	}

	raw, err := sql.Open("sqlite", dbPath)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := raw.Exec("UPDATE articles SET original = NULL WHERE id = 1"); err != nil {
		t.Fatal(err)
	}
	raw.Close()
	out, errOut, status = clippings(t, dbPath, "check")
	if status != ExitFailed || !strings.Contains(out, "original: article #1: its original file is missing") ||
		!strings.Contains(errOut, "1 problems found") || !strings.Contains(errOut, "Restore a backup") {
		t.Errorf("check of a damaged archive: %d %q %q", status, out, errOut)
	}
}

func TestCheckCommandOnFileThatIsNoArchive(t *testing.T) {
	path := filepath.Join(t.TempDir(), "notes.db")
	os.WriteFile(path, []byte("my notes, not a database"), 0o644)
	_, errOut, status := clippings(t, path, "check")
	if status == ExitOK || !strings.Contains(errOut, path) || !strings.Contains(errOut, "not a Clippings archive") {
		t.Errorf("check of a text file: %d %q", status, errOut)
	}
	if b, _ := os.ReadFile(path); string(b) != "my notes, not a database" {
		t.Error("the file was changed")
	}
}

func TestStatsCommand(t *testing.T) {
	dbPath := importedArchive(t)
	out, _, status := clippings(t, dbPath, "stats", "--json")
	var st map[string]any
	if err := json.Unmarshal([]byte(out), &st); err != nil || status != ExitOK {
		t.Fatalf("stats --json: %d %s (%v)", status, out, err)
	}
	if st["articles"] != 2.0 || st["text_bytes"].(float64) <= 0 || st["file_bytes"].(float64) <= 0 {
		t.Errorf("stats --json = %s", out)
	}
	out, _, status = clippings(t, dbPath, "stats")
	for _, want := range []string{"Articles    2", "Languages   en 2", "Published   2020-08-19 – 2020-08-20", "Originals"} {
		if !strings.Contains(out, want) {
			t.Errorf("stats output lacks %q:\n%s", want, out)
		}
	}
	if status != ExitOK {
		t.Errorf("stats: status %d", status)
	}
}

func TestBackupCommand(t *testing.T) {
	dbPath := importedArchive(t)
	dest := filepath.Join(t.TempDir(), "backup.db")
	out, errOut, status := clippings(t, dbPath, "backup", dest)
	if status != ExitOK || !strings.Contains(out, "backed up") {
		t.Fatalf("backup: %d %q %q", status, out, errOut)
	}
	if out, _, status := clippings(t, dest, "search", "Zakharova"); status != ExitOK || !strings.Contains(out, "Russia calls") {
		t.Errorf("search in the backup: %d %q", status, out)
	}
	before, _ := os.ReadFile(dest)
	_, errOut, status = clippings(t, dbPath, "backup", dest)
	if status != ExitFailed || !strings.Contains(errOut, "already exists") {
		t.Errorf("backup onto an existing file: %d %q", status, errOut)
	}
	if after, _ := os.ReadFile(dest); string(after) != string(before) {
		t.Error("the existing backup was overwritten")
	}
}

// `export --format json` then `import` into a new archive restores every
// article; importing the export again finds only duplicates.
func TestExportThenImportRestores(t *testing.T) {
	dbPath := importedArchive(t)
	dir := filepath.Join(t.TempDir(), "export")
	out, errOut, status := clippings(t, dbPath, "export", "--format", "json", dir)
	if status != ExitOK || strings.Count(out, "exported #") != 2 || !strings.Contains(errOut, "2 articles exported") {
		t.Fatalf("export: %d %q %q", status, out, errOut)
	}
	fresh := filepath.Join(t.TempDir(), "fresh.db")
	out, errOut, status = clippings(t, fresh, "import", dir)
	if status != ExitOK || !strings.Contains(errOut, "2 imported") {
		t.Fatalf("import of the export: %d %q %q", status, out, errOut)
	}
	want, got := articlesByTitle(t, dbPath), articlesByTitle(t, fresh)
	if len(got) != 2 || !reflect.DeepEqual(got, want) {
		t.Errorf("restored articles differ:\n%v\nwant\n%v", got, want)
	}
	_, errOut, status = clippings(t, fresh, "import", dir)
	if status != ExitOK || !strings.Contains(errOut, "2 duplicates") {
		t.Errorf("second import of the export: %d %q", status, errOut)
	}
}

func TestExportCommandFormatsAndQuery(t *testing.T) {
	dbPath := importedArchive(t)
	cases := []struct {
		format, query, file string
	}{
		{"markdown", "Zakharova", "russia-calls-for-negotiations-to-end-mali-crisis.md"},
		{"html", "title:ECOWAS", "ecowas-leaders-meet-over-mali.html"},
	}
	for _, c := range cases {
		dir := t.TempDir()
		_, errOut, status := clippings(t, dbPath, "export", "--format", c.format, dir, c.query)
		entries, _ := os.ReadDir(dir)
		if status != ExitOK || len(entries) != 1 || entries[0].Name() != c.file {
			t.Errorf("export --format %s %s: %d %q, files %v; want only %s", c.format, c.query, status, errOut, entries, c.file)
		}
	}
	if _, errOut, status := clippings(t, dbPath, "export", "--format", "pdf", t.TempDir()); status != ExitUsage || !strings.Contains(errOut, "use json, markdown or html") {
		t.Errorf("unknown format: %d %q", status, errOut)
	}
}

// articlesByTitle reads articles #1 and #2 with `show --json`, without their
// ids (a restore numbers articles anew, in whatever order it stores them).
func articlesByTitle(t *testing.T, dbPath string) map[string]map[string]any {
	t.Helper()
	out := map[string]map[string]any{}
	for _, id := range []string{"1", "2"} {
		js, errOut, status := clippings(t, dbPath, "show", "--json", id)
		var a map[string]any
		if err := json.Unmarshal([]byte(js), &a); err != nil || status != ExitOK {
			t.Fatalf("show %s: %d %s %v", id, status, errOut, err)
		}
		delete(a, "id")
		out[a["title"].(string)] = a
	}
	return out
}

// reindex on an archive whose index is current has nothing to do, and
// says the index is up to date (db's TestReindexInBackground fills one).
func TestReindexCommand(t *testing.T) {
	dbPath := importedArchive(t)
	out, errOut, status := clippings(t, dbPath, "reindex")
	if status != ExitOK || out != "" || !strings.Contains(errOut, "the search index is up to date") {
		t.Errorf("reindex: %d %q %q", status, out, errOut)
	}
	if _, errOut, status := clippings(t, dbPath, "search", "ec*"); status != ExitOK || !strings.Contains(errOut, "of 2 matches") {
		t.Errorf("search after reindex: %d %q", status, errOut)
	}
}
