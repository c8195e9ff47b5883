package article

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/clippings/clippings/internal/testcorpus"
)

// devMetaTargets are the least each copied-text kind of the dev corpus must
// achieve: documents whose date (day) or site name matches what the page
// declares, and the most it may get wrong (a wrong date or source is worse
// than none). Set a little under (over) what Extract achieves.
var devMetaTargets = map[string]struct{ dates, wrongDates, sources, wrongSources, authors, wrongAuthors int }{
	// Achieved when set: text dates 37/43 right, 2 wrong; sources 19/44
	// right, 0 wrong, 2 agency; authors 20/35 right, 0 wrong.
	"text": {dates: 35, wrongDates: 3, sources: 17, wrongSources: 1, authors: 18, wrongAuthors: 1},
	// text_innertext dates 35/43 right, 2 wrong; sources 19/44 right, 0
	// wrong, 2 agency; authors 20/35 right, 0 wrong.
	"text_innertext": {dates: 33, wrongDates: 3, sources: 17, wrongSources: 1, authors: 18, wrongAuthors: 1},
}

// TestDevSetMetadata measures how often the publication date, source and
// authors extracted from the dev corpus's copied text (text/ and
// text_innertext/) match the page's declared metadata (truth/<id>.json
// "publisher_metadata": JSON-LD, OpenGraph and <meta> values, not checked
// by hand). Set CLIPPINGS_DEVMETA_VERBOSE=1 to see each document.
func TestDevSetMetadata(t *testing.T) {
	corpus := testcorpus.Dir(t, testcorpus.Dev)
	truth := loadDevMeta(t, filepath.Join(corpus, "truth"))
	ids := make([]string, 0, len(truth))
	for id := range truth {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	verbose := os.Getenv("CLIPPINGS_DEVMETA_VERBOSE") != ""
	t.Logf("%-15s %-56s %-46s %s", "kind", "date (day)", "source (site name)", "authors")
	for _, kind := range []string{"text", "text_innertext"} {
		var dates, sources, authors metaTally
		for _, id := range ids {
			want := truth[id]
			files, _ := filepath.Glob(filepath.Join(corpus, kind, id+".*"))
			if len(files) != 1 {
				t.Fatalf("%s/%s: want one input file, found %d", kind, id, len(files))
			}
			data, err := os.ReadFile(files[0])
			if err != nil {
				t.Fatal(err)
			}
			got, _ := Extract(filepath.Base(files[0]), data, Options{})
			dv := dates.add(len(want.dates) > 0, got.Published.Known(), want.dateMatches(got.Published))
			if want.sameDeclaredDay(got.Published) {
				dates.exact++
			}
			sv := "agency"
			if agencies[strings.ToLower(got.Source)] != "" && !want.siteMatches(got.Source) && want.authorMatches([]string{got.Source}) {
				// A wire story: the source is its agency, which the page
				// declares as the author ("(Reuters) —" on VentureBeat).
				if len(want.sites) > 0 {
					sources.declared++
				}
				sources.agency++
			} else {
				sv = sources.add(len(want.sites) > 0, got.Source != "", want.siteMatches(got.Source))
			}
			av := authors.add(len(want.authors) > 0, len(got.Authors) > 0, want.authorMatches(got.Authors))
			if verbose {
				t.Logf("%s/%.8s date %-5s %-10s want %-28q | source %-5s %-22q want %q | authors %-5s %q want %q",
					kind, id, dv, got.Published, strings.Join(want.rawDates, " "), sv, got.Source, want.sites,
					av, got.Authors, want.authors)
			}
		}
		t.Logf("%-15s %-56s %-46s %s", kind, dates, sources, authors)
		target := devMetaTargets[kind]
		if dates.right < target.dates {
			t.Errorf("%s: %d dates match the declared day, want at least %d", kind, dates.right, target.dates)
		}
		if dates.wrong > target.wrongDates {
			t.Errorf("%s: %d dates differ from the declared day, want at most %d", kind, dates.wrong, target.wrongDates)
		}
		if sources.right < target.sources {
			t.Errorf("%s: %d sources match the declared site name, want at least %d", kind, sources.right, target.sources)
		}
		if sources.wrong > target.wrongSources {
			t.Errorf("%s: %d sources differ from the declared site name, want at most %d", kind, sources.wrong, target.wrongSources)
		}
		if authors.right < target.authors {
			t.Errorf("%s: %d bylines name a declared author, want at least %d", kind, authors.right, target.authors)
		}
		if authors.wrong > target.wrongAuthors {
			t.Errorf("%s: %d bylines name none of the declared authors, want at most %d", kind, authors.wrong, target.wrongAuthors)
		}
	}
}

// metaTally counts one field over the documents that declare it.
type metaTally struct {
	declared, right, wrong, undeclaredFound int
	agency                                  int // sources: the wire agency the page declares as author
	exact                                   int // dates: the day as declared, in the declared offset
}

func (m *metaTally) add(declared, found, right bool) string {
	switch {
	case !declared && found:
		m.undeclaredFound++
		return "extra"
	case !declared:
		return "-"
	}
	m.declared++
	switch {
	case right:
		m.right++
		return "ok"
	case found:
		m.wrong++
		return "WRONG"
	}
	return "none"
}

func (m metaTally) String() string {
	s := fmt.Sprintf("%2d/%2d right, %2d wrong", m.right, m.declared, m.wrong)
	if m.agency > 0 {
		s += fmt.Sprintf(", %d agency", m.agency)
	}
	if m.exact > 0 {
		s += fmt.Sprintf(" [%d as declared]", m.exact)
	}
	return s + fmt.Sprintf(" (+%d undeclared)", m.undeclaredFound)
}

// devMeta is what a dev page declares about itself.
type devMeta struct {
	dates    []time.Time // with their declared offsets
	rawDates []string
	sites    []string
	authors  []string
}

func loadDevMeta(t *testing.T, dir string) map[string]devMeta {
	t.Helper()
	files, err := filepath.Glob(filepath.Join(dir, "*.json"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no truth files in %s: %v", dir, err)
	}
	out := map[string]devMeta{}
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		var d struct {
			Meta struct {
				Date   map[string]string `json:"date_published"`
				Site   map[string]string `json:"site_name"`
				Author map[string]any    `json:"author"`
			} `json:"publisher_metadata"`
		}
		if err := json.Unmarshal(data, &d); err != nil {
			t.Fatalf("%s: %v", f, err)
		}
		var m devMeta
		for _, v := range sortedValues(d.Meta.Date) {
			if tm, ok := parseDeclaredDate(v); ok {
				m.dates = append(m.dates, tm)
				m.rawDates = append(m.rawDates, v)
			}
		}
		for _, v := range sortedValues(d.Meta.Site) {
			if !strings.HasPrefix(v, "http") {
				m.sites = append(m.sites, v)
			}
		}
		for _, k := range []string{"json-ld author", "meta author", "article:author"} {
			switch v := d.Meta.Author[k].(type) {
			case string:
				m.authors = appendAuthor(m.authors, v)
			case []any:
				for _, x := range v {
					if s, ok := x.(string); ok {
						m.authors = appendAuthor(m.authors, s)
					}
				}
			}
		}
		out[strings.TrimSuffix(filepath.Base(f), ".json")] = m
	}
	return out
}

func sortedValues(m map[string]string) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	var out []string
	for _, k := range keys {
		out = append(out, m[k])
	}
	return out
}

func appendAuthor(list []string, s string) []string {
	s = strings.TrimSpace(s)
	if s == "" || strings.HasPrefix(s, "http") {
		return list
	}
	for _, a := range list {
		if a == s {
			return list
		}
	}
	return append(list, s)
}

var declaredLayouts = []string{
	time.RFC3339, "2006-01-02T15:04:05.000Z07:00", "2006-01-02T15:04:05-0700", "2006-01-02T15:04:05.000-0700",
	"2006-01-02 15:04:05Z07:00", "2006-01-02T15:04:05", "2006-01-02T15:04:05.000", "2006-01-02 15:04:05", "2006-01-02",
	"January 2, 2006, 03:04 PM MST", "January 2, 2006 15:04", "2 Jan 2006 15:04 MST",
}

// parseDeclaredDate reads a date as pages declare it. A time without an
// offset is taken as UTC.
func parseDeclaredDate(s string) (time.Time, bool) {
	s = strings.TrimSpace(s)
	for _, l := range declaredLayouts {
		if t, err := time.Parse(l, s); err == nil {
			return t, true
		}
	}
	return time.Time{}, false
}

// dateMatches reports whether d is the day of one of the declared dates, in
// some time zone: pages show the day in their own zone and often declare
// the time in UTC ("PUBLISHED: November 19, 2019 at 8:59 pm" is declared as
// 2019-11-20T02:59:46Z). A declared date without a time must match exactly.
func (m devMeta) dateMatches(d Date) bool {
	if !d.Known() {
		return false
	}
	for _, t := range m.dates {
		if t.Hour() == 0 && t.Minute() == 0 && t.Second() == 0 && t.Location() == time.UTC {
			if NewDate(t) == d {
				return true
			}
			continue
		}
		u := t.UTC()
		lo, hi := NewDate(u.Add(-12*time.Hour)), NewDate(u.Add(14*time.Hour))
		if !d.Before(lo.Time) && !d.After(hi.Time) {
			return true
		}
	}
	return false
}

// sameDeclaredDay reports whether d is the calendar day of a declared date
// as written, in its own offset (stricter than dateMatches).
func (m devMeta) sameDeclaredDay(d Date) bool {
	for _, t := range m.dates {
		if d.Known() && NewDate(t) == d {
			return true
		}
	}
	return false
}

var siteNameNoise = regexp.MustCompile(`(?i)^(?:https?://)?(?:www\.)?|(?:\.(?:com|net|org|info|in|ca|co|br|kr|uk|it|ru))+$|^the\s+`)

func normSite(s string) string {
	s = siteNameNoise.ReplaceAllString(strings.TrimSpace(s), "")
	return strings.Join(words(s), "")
}

// siteMatches reports whether source names one of the declared sites:
// equal once case, spaces, "the" and the domain ending are dropped, or the
// start of it ("Autoracing" for "Autoracing | F1 | Indy | …").
func (m devMeta) siteMatches(source string) bool {
	s := normSite(source)
	if s == "" {
		return false
	}
	for _, want := range m.sites {
		w := normSite(want)
		if w != "" && (s == w || len(s) >= 3 && strings.HasPrefix(w, s) || len(w) >= 3 && strings.HasPrefix(s, w)) {
			return true
		}
	}
	return false
}

// authorMatches reports whether one of got is one of the declared authors
// (declared values may add a title or employer: "Troy L. Smith, Cleveland.com").
func (m devMeta) authorMatches(got []string) bool {
	for _, g := range got {
		gw := strings.Join(words(g), " ")
		for _, want := range m.authors {
			ww := strings.Join(words(want), " ")
			if gw != "" && (ww == gw || strings.Contains(" "+ww+" ", " "+gw+" ")) {
				return true
			}
		}
	}
	return false
}
