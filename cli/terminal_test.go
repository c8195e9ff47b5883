package cli

import (
	"database/sql"
	"encoding/json"
	"strings"
	"testing"
	"unicode"
)

// rawControl finds a control character a terminal would act on: C0 but line
// feed and tab, DEL, and C1 (U+0080–U+009F).
func rawControl(s string) (rune, bool) {
	for _, r := range s {
		if unicode.IsControl(r) && r != '\n' && r != '\t' {
			return r, true
		}
	}
	return 0, false
}

// A title built to retitle or clear the user's terminal
// (testdata/hostile-title.json: ESC ] 0;… BEL, ESC [2J, a newline and a C1
// CSI in every field, the file's path and the note) is cleaned as it is
// imported, as extraction cleans what it reads, and nothing the commands
// print holds a raw control character.
func TestControlCharactersAreCleanedOnTheWayIn(t *testing.T) {
	dbPath := t.TempDir() + "/clippings.db"
	out, errOut, status := clippings(t, dbPath, "import", "testdata/hostile-title.json")
	if status != ExitOK {
		t.Fatalf("import: %d %s %s", status, out, errOut)
	}
	if r, ok := rawControl(out + errOut); ok {
		t.Errorf("import printed %U: %q", r, out)
	}
	js, _, _ := clippings(t, dbPath, "show", "--json", "1")
	var a map[string]any
	if err := json.Unmarshal([]byte(js), &a); err != nil {
		t.Fatalf("show --json: %v %q", err, js)
	}
	for _, field := range []string{"title", "subtitle", "source", "url", "note"} {
		s, _ := a[field].(string)
		if r, ok := rawControl(s); ok {
			t.Errorf("stored %s holds %U: %q", field, r, s)
		}
	}
	if a["title"] != "Harbour ]0;you have been pwnedreopens[2J after repairs31m" {
		t.Errorf("title = %q; want the text without its control characters, on one line", a["title"])
	}
	if a["note"] != "Check ]0;titlewith the port.\nSecond line2J." {
		t.Errorf("note = %q; want its lines without control characters", a["note"])
	}
	for _, args := range [][]string{{"search", "harbour"}, {"show", "1"}, {"tags"}, {"search", "--json", "harbour"}} {
		out, errOut, _ := clippings(t, dbPath, args...)
		if r, ok := rawControl(out + errOut); ok {
			t.Errorf("%v printed %U: %q", args, r, out)
		}
	}
}

// What an archive already holds (written by an earlier version, or by
// another tool) is escaped on the way out: every control character a
// terminal would act on is printed as \u00XX, in text and in JSON lines.
func TestControlCharactersAreEscapedOnTheWayOut(t *testing.T) {
	dbPath := importedArchive(t)
	raw, err := sql.Open("sqlite", dbPath)
	if err != nil {
		t.Fatal(err)
	}
	hostile := "Mali \x1b]0;pwned\x07talks\x1b[2J\r\u009b31m\x7f"
	if _, err := raw.Exec("UPDATE articles SET title = ?, source = ?, note = ? WHERE id = 1", hostile, hostile, hostile); err != nil {
		t.Fatal(err)
	}
	raw.Close()
	for _, args := range [][]string{{"search", "Zakharova"}, {"show", "1"}, {"search", "--json", "Zakharova"}, {"show", "--json", "1"},
		{"related", "2"}, {"reextract", "--json"}} {
		out, errOut, _ := clippings(t, dbPath, args...)
		if r, ok := rawControl(out + errOut); ok {
			t.Errorf("%v printed %U raw: %q", args, r, out)
		}
		if args[0] == "show" && !strings.Contains(out, `\u001b]0;pwned\u0007talks`) {
			t.Errorf("%v: the control characters are not shown escaped: %q", args, out)
		}
	}
	js, _, _ := clippings(t, dbPath, "show", "--json", "1")
	var a map[string]any
	if err := json.Unmarshal([]byte(js), &a); err != nil || a["title"] != hostile {
		t.Errorf("show --json is not the stored title in valid JSON: %v %q", err, a["title"])
	}
}
