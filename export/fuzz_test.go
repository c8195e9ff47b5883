package export

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"os"
	"testing"
)

func sha(b []byte) string {
	s := sha256.Sum256(b)
	return hex.EncodeToString(s[:])
}

// FuzzParse: whatever a .json file holds, Parse returns a record or a domain
// error, never panics, and what it accepts writes back to a file that parses
// to the same record.
func FuzzParse(f *testing.F) {
	sample, err := os.ReadFile("testdata/sample-export.json")
	if err != nil {
		f.Fatal(err)
	}
	f.Add(sample)
	for _, s := range []string{
		`{"clippings_export": 1, "title": "t", "body": "b", "original": ""}`,
		`{"clippings_export": 1, "body": "b", "published": "2024-13-40"}`,
		`{"clippings_export": 1, "body": "b", "added": "yesterday"}`,
		`{"clippings_export": 1, "body": "b", "original": "!!!"}`,
		`{"clippings_export": 1e300, "body": "b"}`,
		`{"clippings_export": 1, "body": "b", "authors": null, "captions": [null]}`,
		`{"clippings_export": 1, "body": "b", "file": {"size": -1}}`,
		`[]`, `null`, `"clippings_export"`, "",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		r, err := Parse(data)
		if err != nil {
			if !errors.Is(err, ErrNotExport) && !errors.Is(err, ErrNewerExport) && !errors.Is(err, ErrBadExport) {
				t.Fatalf("Parse error is not a domain error: %v", err)
			}
			return
		}
		out, err := Marshal(r)
		if err != nil {
			t.Fatalf("Marshal of a parsed record: %v", err)
		}
		back, err := Parse(out)
		if err != nil {
			t.Fatalf("re-parse of %s: %v", out, err)
		}
		again, _ := Marshal(back)
		if !bytes.Equal(out, again) {
			t.Fatalf("not stable:\n%s\n%s", out, again)
		}
	})
}
