package cli

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// rediscoverArchive imports the sample, a copy of it from another outlet
// (another headline, a word changed, a line of boilerplate) and an
// unrelated story.
func rediscoverArchive(t *testing.T) string {
	t.Helper()
	dbPath := filepath.Join(t.TempDir(), "a.db")
	if _, errOut, status := clippings(t, dbPath, "import", sample); status != ExitOK {
		t.Fatalf("import: %s", errOut)
	}
	out, _, _ := clippings(t, dbPath, "show", "--json", "1")
	var a struct{ Body string }
	if err := json.Unmarshal([]byte(out), &a); err != nil {
		t.Fatal(err)
	}
	body := strings.Replace(a.Body, "seriously concerned", "deeply concerned", 1) +
		"\n\nRead more: Full coverage of this story and others on our website."
	copyFile := filepath.Join(t.TempDir(), "copy.md")
	md := "---\ntitle: Moscow urges talks in Mali\nsource: Daily Courier\ndate: 2020-08-21\n---\n\n" + body + "\n"
	if err := os.WriteFile(copyFile, []byte(md), 0o644); err != nil {
		t.Fatal(err)
	}
	if out, errOut, status := clippings(t, dbPath, "import", copyFile); status != ExitOK || !strings.Contains(out, "#2 Moscow urges talks in Mali") {
		t.Fatalf("import copy: %s %s", out, errOut)
	}
	if out, errOut, status := clippings(t, dbPath, "import", "testdata/ecowas.md"); status != ExitOK || !strings.Contains(out, "#3 ECOWAS") {
		t.Fatalf("import ECOWAS: %s %s", out, errOut)
	}
	return dbPath
}

func TestSearchGroup(t *testing.T) {
	dbPath := rediscoverArchive(t)
	// Ungrouped, both copies are found; grouped, one line for the story.
	out, _, _ := clippings(t, dbPath, "search", "--sort", "oldest", "Zakharova")
	if strings.Count(out, "\n#") != 1 || !strings.Contains(out, "#1 ") || !strings.Contains(out, "#2 ") {
		t.Errorf("ungrouped: %q", out)
	}
	out, errOut, status := clippings(t, dbPath, "search", "--group", "--sort", "oldest", "Zakharova")
	if status != ExitOK || !strings.HasPrefix(out, "#1 ") || strings.Contains(out, "#2 ") || !strings.Contains(out, "(+1 copy)") {
		t.Errorf("grouped: %d %q %q", status, out, errOut)
	}
	out, _, _ = clippings(t, dbPath, "search", "--group", "--json", "--sort", "newest", "mali")
	var hits []searchJSON
	for _, line := range strings.Split(strings.TrimSpace(out), "\n") {
		var h searchJSON
		if err := json.Unmarshal([]byte(line), &h); err != nil {
			t.Fatalf("%q: %v", line, err)
		}
		hits = append(hits, h)
	}
	// Newest first: the copy (21 August) stands for the story; the ECOWAS
	// story has no copies, and says so.
	if len(hits) != 2 || hits[0].ID != 2 || hits[0].Copies == nil || len(*hits[0].Copies) != 1 || (*hits[0].Copies)[0] != 1 ||
		hits[1].ID != 3 || hits[1].Copies == nil || len(*hits[1].Copies) != 0 {
		t.Errorf("grouped JSON: %s", out)
	}
	// Without --group, no copies key.
	out, _, _ = clippings(t, dbPath, "search", "--json", "ecowas")
	if strings.Contains(out, `"copies"`) {
		t.Errorf("ungrouped JSON has copies: %s", out)
	}
}

func TestShowEntitiesAndCopies(t *testing.T) {
	dbPath := rediscoverArchive(t)
	out, _, status := clippings(t, dbPath, "show", "--json", "1")
	if status != ExitOK {
		t.Fatal(status)
	}
	var a struct {
		ID       int64
		Title    string
		Entities struct {
			People, Places, Organisations []struct {
				Name  string
				Count int
			}
		}
		Copies []struct {
			ID         int64
			Source     string
			Published  *string
			Similarity float64
		}
	}
	if err := json.Unmarshal([]byte(out), &a); err != nil {
		t.Fatal(err)
	}
	names := func(l []struct {
		Name  string
		Count int
	}) string {
		var out []string
		for _, e := range l {
			out = append(out, e.Name)
		}
		return strings.Join(out, "|")
	}
	if a.ID != 1 || !strings.Contains(names(a.Entities.People), "Maria Zakharova") || !strings.Contains(names(a.Entities.Places), "Bamako") ||
		!strings.Contains(names(a.Entities.Organisations), "Economic Community of West African States") {
		t.Errorf("entities: %+v", a.Entities)
	}
	if len(a.Copies) != 1 || a.Copies[0].ID != 2 || a.Copies[0].Source != "Daily Courier" || a.Copies[0].Published == nil ||
		*a.Copies[0].Published != "2020-08-21" || a.Copies[0].Similarity < 0.8 {
		t.Errorf("copies: %+v", a.Copies)
	}
	// The keys are there even when empty.
	out, _, _ = clippings(t, dbPath, "show", "--json", "3")
	if !strings.Contains(out, `"copies": []`) || !strings.Contains(out, `"people": [`) {
		t.Errorf("show 3: %s", out)
	}
	out, _, _ = clippings(t, dbPath, "show", "1")
	if !strings.Contains(out, "\nPeople: ") || !strings.Contains(out, "Maria Zakharova") ||
		!strings.Contains(out, "\nAlso published by: Daily Courier (#2, 2020-08-21)") {
		t.Errorf("show text: %s", out)
	}
}

func TestRelatedCommand(t *testing.T) {
	dbPath := rediscoverArchive(t)
	out, errOut, status := clippings(t, dbPath, "related", "--json", "1")
	if status != ExitOK {
		t.Fatalf("related: %d %s", status, errOut)
	}
	lines := strings.Split(strings.TrimSpace(out), "\n")
	var h searchJSON
	if len(lines) != 1 || json.Unmarshal([]byte(lines[0]), &h) != nil || h.ID != 3 {
		t.Errorf("related to #1 (its copy left out): %q", out)
	}
	out, _, _ = clippings(t, dbPath, "related", "3")
	if !strings.HasPrefix(out, "#1 ") && !strings.HasPrefix(out, "#2 ") {
		t.Errorf("related to #3: %q", out)
	}
	for _, c := range []struct {
		args   []string
		status int
		errHas string
	}{
		{[]string{"related"}, ExitUsage, "exactly one"},
		{[]string{"related", "x"}, ExitUsage, "not an article ID"},
		{[]string{"related", "--limit", "0", "1"}, ExitUsage, "at least 1"},
		{[]string{"related", "42"}, ExitFailed, "#42"},
		{[]string{"related", "--help"}, ExitOK, "Usage: clippings related"},
	} {
		_, errOut, status := clippings(t, dbPath, c.args...)
		if status != c.status || !strings.Contains(errOut, c.errHas) {
			t.Errorf("%v: %d %q, want %d with %q", c.args, status, errOut, c.status, c.errHas)
		}
	}
}

func TestTimelineAndEntitiesCommands(t *testing.T) {
	dbPath := rediscoverArchive(t)
	out, _, status := clippings(t, dbPath, "timeline", "--json", "mali")
	var tl timelineJSON
	if status != ExitOK || json.Unmarshal([]byte(out), &tl) != nil {
		t.Fatalf("timeline: %d %q", status, out)
	}
	if tl.Unit != "day" || !tl.Complete || len(tl.Periods) < 2 || tl.Periods[0].Query != "date:"+tl.Periods[0].Period {
		t.Errorf("timeline: %+v", tl)
	}
	total := 0
	for _, p := range tl.Periods {
		total += p.Count
		if p.Count > 0 {
			out, _, _ := clippings(t, dbPath, "search", "--json", "mali", p.Query)
			if n := strings.Count(out, "\n"); n != p.Count {
				t.Errorf("%s: %d results, timeline says %d", p.Query, n, p.Count)
			}
		}
	}
	if total != 3 {
		t.Errorf("timeline adds up to %d", total)
	}
	out, _, _ = clippings(t, dbPath, "timeline", "mali")
	if !strings.Contains(out, "█") {
		t.Errorf("timeline text: %q", out)
	}

	out, _, status = clippings(t, dbPath, "entities", "--json", "--limit", "3")
	var f struct {
		People, Places []struct {
			Value string
			Count int
		}
		Counted int
	}
	if status != ExitOK || json.Unmarshal([]byte(out), &f) != nil || f.Counted != 3 || len(f.Places) == 0 || len(f.Places) > 3 {
		t.Fatalf("entities: %d %q", status, out)
	}
	// Each count is what a search for the entity finds.
	for _, p := range f.Places {
		out, _, _ := clippings(t, dbPath, "search", "--json", `place:"`+p.Value+`"`)
		if n := strings.Count(out, "\n"); n != p.Count {
			t.Errorf("place %q: %d results, %d counted", p.Value, n, p.Count)
		}
	}
	out, _, _ = clippings(t, dbPath, "entities", "zakharova")
	if !strings.Contains(out, "People\n") || !strings.Contains(out, `person:"Maria Zakharova"`) {
		t.Errorf("entities text: %q", out)
	}
}
