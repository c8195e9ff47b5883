package cli

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/clippings/clippings/internal/fsperm"
)

// A mistyped --db on a command that does not add articles says there is no
// archive there, and creates neither it nor its folders.
func TestMistypedArchiveIsNotCreated(t *testing.T) {
	commands := [][]string{{"check"}, {"search", "mali"}, {"stats"}, {"show", "1"}, {"tags"},
		{"timeline", "mali"}, {"export", "--format", "json", "OUT"}, {"backup", "OUT"},
		{"star", "1"}, {"delete", "1"}, {"note", "1", "text"}, {"edit", "1", "--title", "T"}, {"reextract"}}
	for _, args := range commands {
		t.Run(args[0], func(t *testing.T) {
			dir := t.TempDir()
			path := filepath.Join(dir, "typo", "clipings.db")
			for i, a := range args {
				if a == "OUT" {
					args[i] = filepath.Join(t.TempDir(), "out")
				}
			}
			out, errOut, status := clippings(t, path, args...)
			if status != ExitUsage || !strings.Contains(errOut, "no archive at "+path) {
				t.Errorf("status %d, %q %q; want exit 2 saying \"no archive at %s\"", status, out, errOut, path)
			}
			if _, err := os.Stat(filepath.Join(dir, "typo")); err == nil {
				t.Error("a folder was created for the missing archive")
			}
		})
	}
	t.Run("import creates it", func(t *testing.T) {
		path := filepath.Join(t.TempDir(), "new", "clippings.db")
		if _, errOut, status := clippings(t, path, "import", sample); status != ExitOK {
			t.Fatalf("import: %d %s", status, errOut)
		}
		if _, err := os.Stat(path); err != nil {
			t.Error("import did not create the archive")
		}
	})
	t.Run("a dry run creates nothing", func(t *testing.T) {
		dir := t.TempDir()
		path := filepath.Join(dir, "new", "clippings.db")
		if _, errOut, status := clippings(t, path, "import", "--dry-run", sample); status != ExitOK {
			t.Fatalf("import --dry-run: %d %s", status, errOut)
		}
		if entries, _ := os.ReadDir(dir); len(entries) > 0 {
			t.Errorf("a dry run made %s", entries[0].Name())
		}
	})
}

// On a read-only archive (read-only media, someone else's file), the
// commands that read work and leave it as it was; those that change it
// say why they cannot.
func TestReadOnlyArchiveCanBeRead(t *testing.T) {
	dbPath := importedArchive(t)
	before, err := os.ReadFile(dbPath)
	if err != nil {
		t.Fatal(err)
	}
	fsperm.MakeReadOnly(t, dbPath)
	fsperm.MakeReadOnly(t, filepath.Dir(dbPath))
	out := t.TempDir()
	reads := []struct {
		args []string
		want string
	}{
		{[]string{"search", "Zakharova"}, "Russia calls for negotiations"},
		{[]string{"show", "1"}, "Russia calls for negotiations"},
		{[]string{"check"}, "all is well (2 articles)"},
		{[]string{"stats"}, "Articles    2"},
		{[]string{"tags"}, ""},
		{[]string{"timeline", "mali"}, "2020"},
		{[]string{"related", "1"}, ""},
		{[]string{"entities", "mali"}, ""},
		{[]string{"search", "--group", "mali"}, "Russia calls"},
		{[]string{"note", "1"}, ""},
		{[]string{"backup", filepath.Join(out, "backup.db")}, "backed up"},
		{[]string{"export", "--format", "markdown", filepath.Join(out, "md")}, "exported #1"},
	}
	for _, c := range reads {
		stdout, errOut, status := clippings(t, dbPath, c.args...)
		if status != ExitOK || !strings.Contains(stdout+errOut, c.want) {
			t.Errorf("%v on a read-only archive: status %d, %q %q", c.args, status, stdout, errOut)
		}
	}
	for _, args := range [][]string{{"star", "1"}, {"tag", "1", "+mali"}, {"note", "1", "a note"}, {"edit", "1", "--title", "New"},
		{"delete", "1"}, {"import", "testdata/ecowas.md"}, {"reextract"}} {
		_, errOut, status := clippings(t, dbPath, args...)
		if status == ExitOK || !strings.Contains(errOut, "read-only") {
			t.Errorf("%v on a read-only archive: status %d, %q; want a failure saying it is read-only", args, status, errOut)
		}
	}
	after, _ := os.ReadFile(dbPath)
	if string(after) != string(before) {
		t.Error("the read-only archive was changed")
	}
}

// The example: another program's database given as --db to a
// command is refused and left exactly as it was, with nothing beside it.
func TestForeignDatabaseIsLeftAlone(t *testing.T) {
	sqlite3, err := exec.LookPath("sqlite3")
	if err != nil {
		t.Fatal("sqlite3 is needed (scripts/setup installs it)")
	}
	dir := t.TempDir()
	path := filepath.Join(dir, "f.db")
	if out, err := exec.Command(sqlite3, path, "CREATE TABLE articles(id,name,price); PRAGMA user_version=2").CombinedOutput(); err != nil {
		t.Fatalf("sqlite3: %v %s", err, out)
	}
	before, _ := os.ReadFile(path)
	for _, args := range [][]string{{"search", "x"}, {"import", sample}, {"check"}, {"star", "1"}} {
		_, errOut, status := clippings(t, path, args...)
		if status != ExitUsage || !strings.Contains(errOut, "not a Clippings archive") {
			t.Errorf("%v: status %d, %q", args, status, errOut)
		}
	}
	if after, _ := os.ReadFile(path); string(after) != string(before) {
		t.Error("the other program's database was changed")
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 1 {
		t.Errorf("%d files beside it; want none", len(entries)-1)
	}
}
