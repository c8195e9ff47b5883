package article

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/RadhiFadlillah/whatlanggo"
)

// TestPlainlyEnglish checks the shortcut of detectLanguage: whenever
// plainlyEnglish accepts a sample, whatlanggo finds it English with
// confidence. The samples are windows of the fixtures and of the dev
// corpus (pages, copied texts, true article texts; in several languages).
func TestPlainlyEnglish(t *testing.T) {
	var files []string
	for _, g := range []string{"testdata/text/*", "testdata/markdown/*", "testdata/email/*",
		filepath.Join(devCorpus, "text*", "*"), filepath.Join(devCorpus, "truth", "*")} {
		fs, _ := filepath.Glob(g)
		files = append(files, fs...)
	}
	accepted, english := 0, 0
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		text, err := decodeText(data, filepath.Ext(f))
		if err != nil {
			continue
		}
		text = cleanBody(text)
		for off := 0; off < len(text); off += 700 {
			sample := text[off:min(len(text), off+languageSample)]
			sample = strings.ToValidUTF8(sample, "")
			info := whatlanggo.Detect(sample)
			isEnglish := info.IsReliable() && info.Lang.Iso6391() == "en"
			if isEnglish {
				english++
			}
			if plainlyEnglish(sample) {
				accepted++
				if !isEnglish {
					t.Errorf("%s at %d: plainlyEnglish, but whatlanggo says %s (%.2f): %q", f, off, info.Lang.Iso6391(), info.Confidence, sample)
				}
			}
		}
	}
	t.Logf("%d samples English by whatlanggo, %d of them found plainly so", english, accepted)
	if _, err := os.Stat(devCorpus); err == nil && accepted == 0 {
		t.Error("plainlyEnglish accepts nothing")
	}
	for _, s := range []string{
		strings.Repeat("the word ", 100), // one content word over and over
		strings.Repeat("Il gatto e il cane sono nella casa della nonna. ", 20),
		strings.Repeat("The data of the radio was in the piano and the studio. ", 20), // words ending in vowels
		"short and to the point",
	} {
		if plainlyEnglish(s) {
			t.Errorf("plainlyEnglish(%q...) is true", s[:40])
		}
	}
}
