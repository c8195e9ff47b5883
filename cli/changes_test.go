package cli

import (
	"bytes"
	"context"
	"encoding/json"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/clippings/clippings/db"
)

// searchIDs runs `search --json` and returns the hits' ids.
func searchIDs(t *testing.T, dbPath, query string) []float64 {
	t.Helper()
	out, errOut, status := clippings(t, dbPath, "search", "--json", "--sort", "oldest", "--", query)
	if status != ExitOK {
		t.Fatalf("search %s: %d %s", query, status, errOut)
	}
	ids := []float64{}
	for _, line := range strings.Split(strings.TrimSpace(out), "\n") {
		if line == "" {
			continue
		}
		var h map[string]any
		if err := json.Unmarshal([]byte(line), &h); err != nil {
			t.Fatal(err)
		}
		ids = append(ids, h["id"].(float64))
	}
	return ids
}

func TestTagStarReadCommands(t *testing.T) {
	dbPath := importedArchive(t) // #1 (2020-08-19) and #2 (2020-08-20)
	steps := []struct {
		args   []string
		status int
		out    string // in stdout, or stderr when the status is not 0
	}{
		{[]string{"tag", "1", "2", "+Mali coup", "+read-later"}, ExitOK, "tagged 2 articles: +Mali coup +read-later"},
		{[]string{"tag", "2", "-READ-LATER"}, ExitOK, "tagged 1 article: -READ-LATER"},
		{[]string{"tag", "--query", "zakharova", "+Russia"}, ExitOK, "tagged 1 article: +Russia"},
		{[]string{"star", "1"}, ExitOK, "starred 1 article"},
		{[]string{"read", "1", "2"}, ExitOK, "marked read 2 articles"},
		{[]string{"unread", "2"}, ExitOK, "marked unread 1 article"},
		{[]string{"tag", "1", "7", "+x"}, ExitFailed, "article #7: no such article"},
		{[]string{"tag", "-x", "1"}, ExitUsage, "flag provided but not defined"}, // ids before tags
		{[]string{"tag", "1"}, ExitUsage, "give tags to add"},
		{[]string{"tag", "+x"}, ExitUsage, "at least one article ID"},
		{[]string{"tag", "1", "x"}, ExitUsage, "neither an article ID nor +NAME"},
		{[]string{"tag", "1", "+x", "-X"}, ExitUsage, "both added and removed"},
		{[]string{"star"}, ExitUsage, "at least one article ID"},
		{[]string{"unstar", "9"}, ExitFailed, "#9"},
	}
	for _, st := range steps {
		out, errOut, status := clippings(t, dbPath, st.args...)
		where := out
		if st.status != ExitOK {
			where = errOut
		}
		if status != st.status || !strings.Contains(where, st.out) {
			t.Errorf("%q: status %d, out %q, err %q; want %d with %q", st.args, status, out, errOut, st.status, st.out)
		}
	}
	for q, want := range map[string][]float64{
		`tag:"mali coup"`:              {1, 2},
		`tag:read-later`:               {1},
		`tag:x`:                        {1}, // tagged though #7 was missing
		`is:starred`:                   {1},
		`is:unread`:                    {2},
		`-is:read`:                     {2},
		`tag:"mali coup" -is:starred`:  {2},
		`mali tag:russia is:read`:      {1},
		`tag:russia OR tag:read-later`: {1},
	} {
		if got := searchIDs(t, dbPath, q); !reflect.DeepEqual(got, want) {
			t.Errorf("search %s: %v, want %v", q, got, want)
		}
	}
	out, _, status := clippings(t, dbPath, "tags")
	for _, want := range []string{"     2  Mali coup\n", "     1  read-later\n", "     1  Russia\n", "     1  x\n"} {
		if status != ExitOK || !strings.Contains(out, want) {
			t.Errorf("tags: %d %q lacks %q", status, out, want)
		}
	}
	out, _, _ = clippings(t, dbPath, "tags", "--json")
	var first db.TagCount
	if err := json.Unmarshal([]byte(strings.Split(out, "\n")[0]), &first); err != nil || first != (db.TagCount{Name: "Mali coup", Articles: 2}) {
		t.Errorf("tags --json: %q %v", out, err)
	}
	// Hits and articles carry it all.
	out, _, _ = clippings(t, dbPath, "search", "--json", "zakharova")
	var hit map[string]any
	json.Unmarshal([]byte(out), &hit)
	if !reflect.DeepEqual(hit["tags"], []any{"Mali coup", "read-later", "Russia", "x"}) || hit["starred"] != true || hit["read"] != true {
		t.Errorf("search --json hit: %v", hit)
	}
	out, _, _ = clippings(t, dbPath, "search", "zakharova")
	if !strings.Contains(out, "Russia calls for negotiations to end Mali crisis  ★  [Mali coup, read-later, Russia, x]") {
		t.Errorf("search line: %q", out)
	}
	// --query "" is every article.
	if out, _, status := clippings(t, dbPath, "unstar", "--query", ""); status != ExitOK || !strings.Contains(out, "unstarred 2 articles") {
		t.Errorf("unstar --query '': %d %q", status, out)
	}
	if got := searchIDs(t, dbPath, "is:starred"); len(got) != 0 {
		t.Errorf("still starred: %v", got)
	}
}

func TestNoteAndEditCommands(t *testing.T) {
	dbPath := importedArchive(t)
	if out, _, status := clippings(t, dbPath, "note", "1", "Compare", "with", "the", "Reuters", "piece."); status != ExitOK || out != "noted #1\n" {
		t.Errorf("note: %d %q", status, out)
	}
	if out, _, _ := clippings(t, dbPath, "note", "1"); out != "Compare with the Reuters piece.\n" {
		t.Errorf("note print: %q", out)
	}
	for q, want := range map[string][]float64{"note:reuters": {1}, "reuters piece": {1}, "note:zakharova": {}} {
		if got := searchIDs(t, dbPath, q); !reflect.DeepEqual(got, want) {
			t.Errorf("search %s: %v, want %v", q, got, want)
		}
	}
	// From standard input.
	var out, errOut bytes.Buffer
	env := Env{Stdin: strings.NewReader("# Follow up\n\nCall the *embassy*.\n"), Stdout: &out, Stderr: &errOut,
		Getenv: func(k string) string { return map[string]string{"CLIPPINGS_DB": dbPath}[k] }}
	if status := Run(context.Background(), env, []string{"note", "2", "-"}); status != ExitOK {
		t.Errorf("note from stdin: %d %s", status, errOut.String())
	}
	if got := searchIDs(t, dbPath, "embassy"); !reflect.DeepEqual(got, []float64{2}) {
		t.Errorf("stdin note not searchable: %v", got)
	}
	if out, _, status := clippings(t, dbPath, "note", "1", ""); status != ExitOK || !strings.Contains(out, "removed the note of #1") {
		t.Errorf("note clear: %d %q", status, out)
	}
	if got := searchIDs(t, dbPath, "note:reuters"); len(got) != 0 {
		t.Errorf("cleared note still found: %v", got)
	}
	if _, errOut, status := clippings(t, dbPath, "note", "9", "x"); status != ExitFailed || !strings.Contains(errOut, "#9") {
		t.Errorf("note of a missing article: %d %q", status, errOut)
	}

	// Edit: flags before or after the id.
	out2, errOut2, status := clippings(t, dbPath, "edit", "2", "--title", "ECOWAS leaders meet over Mali (corrected)",
		"--author", "Jane Doe", "--author", "Ali Traoré", "--date", "2020-08-22")
	if status != ExitOK || out2 != "edited #2: title, authors, published\n" {
		t.Errorf("edit: %d %q %q", status, out2, errOut2)
	}
	if _, _, status := clippings(t, dbPath, "edit", "--url", "https://example.org/ecowas", "2"); status != ExitOK {
		t.Errorf("edit with the flag first: %d", status)
	}
	js, _, _ := clippings(t, dbPath, "show", "--json", "2")
	var a map[string]any
	json.Unmarshal([]byte(js), &a)
	if a["title"] != "ECOWAS leaders meet over Mali (corrected)" || a["published"] != "2020-08-22" || a["url"] != "https://example.org/ecowas" ||
		!reflect.DeepEqual(a["authors"], []any{"Jane Doe", "Ali Traoré"}) ||
		!reflect.DeepEqual(a["edited"], []any{"title", "authors", "published", "url"}) || a["note"] != "# Follow up\n\nCall the *embassy*." {
		t.Errorf("show --json after edit: %v", a)
	}
	for _, key := range []string{"tags", "starred", "read", "note", "edited"} {
		if _, ok := a[key]; !ok {
			t.Errorf("show --json lacks %q", key)
		}
	}
	text, _, _ := clippings(t, dbPath, "show", "2")
	for _, want := range []string{"By Jane Doe, Ali Traoré", "unread", "Note:\n# Follow up", "edited: title, authors, published, url"} {
		if !strings.Contains(text, want) {
			t.Errorf("show lacks %q:\n%s", want, text)
		}
	}
	if got := searchIDs(t, dbPath, "after:2020-08-22 corrected"); !reflect.DeepEqual(got, []float64{2}) {
		t.Errorf("edited date and title not searched: %v", got)
	}
	for _, c := range []struct {
		args   []string
		status int
		errHas string
	}{
		{[]string{"edit", "2", "--date", "last week"}, ExitUsage, "as YYYY-MM-DD"},
		{[]string{"edit", "2"}, ExitUsage, "nothing to change"},
		{[]string{"edit", "2", "--title", " "}, ExitUsage, "needs a title"},
		{[]string{"edit", "2", "3", "--title", "x"}, ExitUsage, "unexpected"},
		{[]string{"edit", "9", "--title", "x"}, ExitFailed, "#9"},
	} {
		if _, errOut, status := clippings(t, dbPath, c.args...); status != c.status || !strings.Contains(errOut, c.errHas) {
			t.Errorf("%q: %d %q; want %d with %q", c.args, status, errOut, c.status, c.errHas)
		}
	}
}

func TestReextractCommand(t *testing.T) {
	dbPath := importedArchive(t)
	clippings(t, dbPath, "edit", "1", "--title", "My own headline")
	clippings(t, dbPath, "tag", "1", "+kept")
	out, errOut, status := clippings(t, dbPath, "reextract")
	if status != ExitOK || out != "" || !strings.Contains(errOut, "2 unchanged") {
		t.Errorf("reextract: %d %q %q", status, out, errOut)
	}
	// An article whose original no longer extracts fails, and keeps its text.
	s, err := db.Open(context.Background(), dbPath)
	if err != nil {
		t.Fatal(err)
	}
	a, _ := s.Get(context.Background(), 2)
	a.Title, a.Body = "Pasted by hand", "A text with no usable original."
	res, err := s.Add(context.Background(), []db.NewArticle{{Article: a.Article, Original: []byte{}}})
	s.Close()
	if err != nil || res[0].Err != nil {
		t.Fatal(err, res)
	}
	out, errOut, status = clippings(t, dbPath, "reextract", "--json")
	if status != ExitFailed || !strings.Contains(errOut, "2 unchanged · 1 failed") {
		t.Errorf("reextract with a failure: %d %q", status, errOut)
	}
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if len(lines) != 3 || !strings.Contains(out, `"status":"failed"`) || !strings.Contains(out, `"title":"Pasted by hand"`) {
		t.Errorf("reextract --json: %q", out)
	}
	out, _, status = clippings(t, dbPath, "reextract", "title:pasted")
	if status != ExitFailed || !strings.HasPrefix(out, "failed     #3 Pasted by hand: the original no longer extracts") {
		t.Errorf("reextract QUERY: %d %q", status, out)
	}
	if got := searchIDs(t, dbPath, `title:"my own headline" tag:kept`); !reflect.DeepEqual(got, []float64{1}) {
		t.Errorf("the edit and the tag did not survive: %v", got)
	}
	if _, errOut, status := clippings(t, dbPath, "reextract", "nothingmatches"); status != ExitOK || !strings.Contains(errOut, "no articles") {
		t.Errorf("reextract of nothing: %d %q", status, errOut)
	}
}

// A JSON export carries tags, star, read state, note and edits, and a
// restore brings them back.
func TestExportRestoresOrganisation(t *testing.T) {
	dbPath := importedArchive(t)
	clippings(t, dbPath, "tag", "1", "2", "+Mali coup")
	clippings(t, dbPath, "star", "2")
	clippings(t, dbPath, "read", "1")
	clippings(t, dbPath, "note", "2", "Check the date.")
	clippings(t, dbPath, "edit", "2", "--source", "Reuters (edited)")
	dir := filepath.Join(t.TempDir(), "export")
	if _, errOut, status := clippings(t, dbPath, "export", "--format", "json", dir); status != ExitOK {
		t.Fatalf("export: %s", errOut)
	}
	fresh := filepath.Join(t.TempDir(), "fresh.db")
	if _, errOut, status := clippings(t, fresh, "import", dir); status != ExitOK {
		t.Fatalf("import: %s", errOut)
	}
	want, got := articlesByTitle(t, dbPath), articlesByTitle(t, fresh)
	if !reflect.DeepEqual(got, want) {
		t.Errorf("restored articles differ:\n%v\nwant\n%v", got, want)
	}
	if ids := searchIDs(t, fresh, `tag:"mali coup" is:starred note:date source:edited`); len(ids) != 1 {
		t.Errorf("restored organisation not searchable: %v", ids)
	}
}
