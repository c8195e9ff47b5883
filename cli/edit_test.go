package cli

import (
	"encoding/json"
	"strings"
	"testing"
	"time"
)

// edit --date takes days from the year 1000 to today: 0001-01-01 used to be
// reported as done while it cleared the date, and 9999-12-31 made the
// timeline print 9,001 rows. Refused, the article keeps its date.
func TestEditDateIsWithinASaneRange(t *testing.T) {
	dbPath := importedArchive(t)
	nextYear := time.Now().AddDate(1, 0, 0).Format("2006-01-02")
	for _, c := range []struct {
		date, errHas string
	}{
		{"0001-01-01", "from the year 1000"},
		{"0999-12-31", "from the year 1000"},
		{"9999-12-31", "has not come yet"},
		{nextYear, "has not come yet"},
		{"2020-02-30", "no such day"},
	} {
		_, errOut, status := clippings(t, dbPath, "edit", "1", "--date", c.date)
		if status != ExitUsage || !strings.Contains(errOut, c.errHas) {
			t.Errorf("edit --date %s: %d %q; want exit 2 saying %q", c.date, status, errOut, c.errHas)
		}
	}
	js, _, _ := clippings(t, dbPath, "show", "--json", "1")
	var a map[string]any
	json.Unmarshal([]byte(js), &a)
	if a["published"] != "2020-08-19" {
		t.Errorf("published = %v after the refused edits; want it kept", a["published"])
	}
	for _, date := range []string{"1000-01-01", time.Now().Format("2006-01-02"), ""} {
		if _, errOut, status := clippings(t, dbPath, "edit", "1", "--date", date); status != ExitOK {
			t.Errorf("edit --date %q: %d %s", date, status, errOut)
		}
	}
}

// A correction typed with control characters is cleaned as extraction
// cleans a headline.
func TestEditCleansControlCharacters(t *testing.T) {
	dbPath := importedArchive(t)
	if _, errOut, status := clippings(t, dbPath, "edit", "1", "--title", "Talks \x1b]0;pwned\x07in\nMali\x1b[2J",
		"--author", "Jane\x1b[8m Doe", "--source", "Wire\u009b", "--url", "https://example.org/a\x07"); status != ExitOK {
		t.Fatalf("edit: %d %s", status, errOut)
	}
	js, _, _ := clippings(t, dbPath, "show", "--json", "1")
	var a struct {
		Title, Source, URL string
		Authors            []string
	}
	json.Unmarshal([]byte(js), &a)
	if a.Title != "Talks ]0;pwnedin Mali[2J" || a.Source != "Wire" || a.URL != "https://example.org/a" || len(a.Authors) != 1 || a.Authors[0] != "Jane[8m Doe" {
		t.Errorf("after edit: %+v", a)
	}
}
