package export

import (
	"bytes"
	"errors"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/clippings/clippings/article"
	"github.com/clippings/clippings/db"
)

func sampleRecord() Record {
	a := db.Article{ID: 7, Added: time.Date(2024, 3, 12, 8, 30, 0, 0, time.UTC)}
	a.Title = "Ferry service back"
	a.Body = "The ferry runs again."
	a.Authors = []string{"Ann Lee"}
	a.Published, _ = article.ParseDate("2024-03-12")
	original := []byte("Ferry service back\n\nThe ferry runs again.\n")
	a.File = article.File{Name: "ferry.txt", Format: "text", Size: int64(len(original)), SHA256: sha(original)}
	return NewRecord(a, original)
}

func TestMarshalStartsWithMarkerAndParsesBack(t *testing.T) {
	r := sampleRecord()
	b, err := Marshal(r)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.HasPrefix(b, []byte("{\n  \"clippings_export\": 1,")) || !LooksLikeExport(b) {
		t.Errorf("export does not start with its marker: %.60s", b)
	}
	back, err := Parse(b)
	if err != nil {
		t.Fatal(err)
	}
	b2, _ := Marshal(back)
	if !bytes.Equal(b, b2) {
		t.Errorf("round trip changed the record:\n%s\n%s", b, b2)
	}
}

func TestParseRefusesWhatItCannotRestore(t *testing.T) {
	valid, _ := Marshal(sampleRecord())
	edit := func(old, new string) []byte { return []byte(strings.Replace(string(valid), old, new, 1)) }
	cases := []struct {
		name string
		data []byte
		want error
	}{
		{"plain JSON", []byte(`{"name": "package", "version": "1.0"}`), ErrNotExport},
		{"not JSON", []byte("hello"), ErrNotExport},
		{"newer format", edit(`"clippings_export": 1`, `"clippings_export": 2`), ErrNewerExport},
		{"negative format", edit(`"clippings_export": 1`, `"clippings_export": -1`), ErrBadExport},
		{"cut short", valid[:len(valid)/2], ErrBadExport},
		{"original changed", edit(`"original": "`, `"original": "AAAA`), ErrBadExport},
		{"size changed", edit(`"size": `, `"size": 1`), ErrBadExport},
		{"no text", edit(`"title": "Ferry service back"`, `"title": ""`), nil},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, err := Parse(c.data)
			if c.want == nil {
				if err != nil {
					t.Errorf("Parse: %v; want success (the body is still there)", err)
				}
				return
			}
			if !errors.Is(err, c.want) {
				t.Errorf("Parse: %v; want %v", err, c.want)
			}
		})
	}
}

// The importer's seed files must stay parseable: they are real exports.
func TestFuzzSeedsAreExports(t *testing.T) {
	b, err := os.ReadFile("testdata/sample-export.json")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := Parse(b); err != nil {
		t.Errorf("testdata/sample-export.json: %v", err)
	}
}
