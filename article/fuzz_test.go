package article

import (
	"errors"
	"flag"
	"os"
	"path/filepath"
	"testing"
	"time"
	"unicode/utf8"
)

// domainErrors are the only errors Extract may return.
var domainErrors = []error{ErrEmpty, ErrBinary, ErrTooLarge, ErrUnsupported, ErrNoArticle, ErrTimeout}

// fuzzExtract checks what must hold for any input: no panic (the parsers
// run without the recovering wrapper here), valid UTF-8 out, domain errors
// only.
func fuzzExtract(t *testing.T, name string, data []byte) {
	format, ok := Supported(name)
	if !ok {
		t.Fatalf("%s is not supported", name)
	}
	if len(data) == 0 {
		return // Extract answers ErrEmpty before parsing
	}
	type result struct {
		a   Article
		err error
	}
	done := make(chan result, 1)
	go func() {
		a, err := extractFile(name, format, data)
		done <- result{a, err}
	}()
	timer := time.NewTimer(fuzzSlowInput)
	defer timer.Stop()
	select {
	case r := <-done:
		checkFuzzResult(t, r.a, r.err)
	case <-timer.C:
		t.Fatalf("extraction of %d bytes took over %s", len(data), fuzzSlowInput)
	}
}

// fuzzMinimizeTime replaces go test's default -fuzzminimizetime (60s)
// when the flag is not given. The fuzzer minimizes each new interesting
// input before going on, trying up to about n²/2 variants of n bytes: with
// the extractors' inputs (a kilobyte or so, about a millisecond an
// execution with coverage instrumentation, language detection most of it)
// that takes the whole minute every time, and a short run (-fuzztime 10s)
// does next to no fuzzing ("0/sec").
const fuzzMinimizeTime = "5s"

func TestMain(m *testing.M) {
	flag.Parse()
	given := false
	flag.Visit(func(f *flag.Flag) { given = given || f.Name == "test.fuzzminimizetime" })
	if f := flag.Lookup("test.fuzzminimizetime"); f != nil && !given {
		if err := f.Value.Set(fuzzMinimizeTime); err != nil {
			panic(err)
		}
	}
	os.Exit(m.Run())
}

// fuzzSlowInput is how long one small fuzz input may take: longer means a
// pathological (quadratic or looping) case.
const fuzzSlowInput = 3 * time.Second

func checkFuzzResult(t *testing.T, a Article, err error) {
	t.Helper()
	if err != nil {
		for _, d := range domainErrors {
			if errors.Is(err, d) {
				return
			}
		}
		t.Fatalf("error is not a domain error: %v", err)
	}
	fields := append([]string{a.Title, a.Subtitle, a.Body, a.Source, a.URL, a.Language}, a.Authors...)
	for _, c := range a.Captions {
		fields = append(fields, c.Text, c.Credit)
	}
	for _, f := range fields {
		if !utf8.ValidString(f) {
			t.Fatalf("invalid UTF-8 in output: %q", f)
		}
	}
	if a.Body == "" {
		t.Fatal("no error but an empty body")
	}
}

// addFixtures seeds a fuzz target with the files of testdata/dir.
func addFixtures(f *testing.F, patterns ...string) {
	for _, p := range patterns {
		files, _ := filepath.Glob(filepath.Join("testdata", p))
		for _, file := range files {
			if data, err := os.ReadFile(file); err == nil && len(data) < 64<<10 {
				f.Add(data)
			}
		}
	}
}

func FuzzExtractText(f *testing.F) {
	addFixtures(f, "text/*.txt", "bad/*.txt")
	f.Fuzz(func(t *testing.T, data []byte) { fuzzExtract(t, "fuzz.txt", data) })
}

func FuzzExtractHTML(f *testing.F) {
	addFixtures(f, "html/*", "bad/*.html")
	f.Fuzz(func(t *testing.T, data []byte) { fuzzExtract(t, "fuzz.html", data) })
}

func FuzzExtractMarkdown(f *testing.F) {
	addFixtures(f, "markdown/*")
	f.Fuzz(func(t *testing.T, data []byte) { fuzzExtract(t, "fuzz.md", data) })
}

func FuzzExtractEmail(f *testing.F) {
	addFixtures(f, "email/*.eml", "bad/*.eml")
	f.Fuzz(func(t *testing.T, data []byte) { fuzzExtract(t, "fuzz.eml", data) })
}

func FuzzExtractPDF(f *testing.F) {
	addFixtures(f, "pdf/*.pdf", "bad/*.pdf")
	f.Fuzz(func(t *testing.T, data []byte) { fuzzExtract(t, "fuzz.pdf", data) })
}
