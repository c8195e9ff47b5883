// Package testcorpus finds the extraction corpora (testdata/corpus) and
// sample articles (testdata/samples) in the repository for the tests of
// any package.
package testcorpus

import (
	"encoding/json"
	"os"
	"path/filepath"
	"runtime"
	"testing"
)

// Names of the corpora.
const (
	Dev  = "extraction-dev"  // 50 pages of the public extraction benchmark
	Dev2 = "extraction-dev2" // 89 pages of Readability's and Postlight's tests
)

// MaliSample is the copied news article the product was started from.
const MaliSample = "mali-russia-negotiations.txt"

// Sample reads a sample article of testdata/samples, failing the test when
// it is missing.
func Sample(t testing.TB, name string) []byte {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(Root(), "testdata", "samples", name))
	if err != nil {
		t.Fatalf("the sample %s is missing from the repository: %v", name, err)
	}
	return data
}

// Dir is the folder of the named corpus. A test that needs it fails when
// it is missing: the data is part of the repository, so a missing corpus
// is a broken checkout, not a reason to skip.
func Dir(t testing.TB, name string) string {
	t.Helper()
	dir := filepath.Join(Root(), "testdata", "corpus", name)
	if _, err := os.Stat(filepath.Join(dir, "truth")); err != nil {
		t.Fatalf("the %s corpus is missing from the repository: %v", name, err)
	}
	return dir
}

// Root is the repository's top folder.
func Root() string {
	_, file, _, _ := runtime.Caller(0)
	return filepath.Join(filepath.Dir(file), "..", "..")
}

// Truth is a corpus page's human-written article.
type Truth struct {
	File        string `json:"-"` // the truth file's name
	Title, Body string
}

// Truths reads the named corpus's truths, in the order of their files,
// failing the test when there are none.
func Truths(t testing.TB, name string) []Truth {
	t.Helper()
	files, err := filepath.Glob(filepath.Join(Dir(t, name), "truth", "*.json"))
	if err != nil || len(files) == 0 {
		t.Fatalf("the %s corpus has no truth files (%v)", name, err)
	}
	out := make([]Truth, len(files))
	for i, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		if err := json.Unmarshal(b, &out[i]); err != nil {
			t.Fatalf("%s: %v", f, err)
		}
		out[i].File = filepath.Base(f)
	}
	return out
}
