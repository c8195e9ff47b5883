package export

import (
	"bufio"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"
)

// unescape turns the escapes of testdata/filenames.txt into characters.
func unescape(s string) string {
	return strings.NewReplacer(`\t`, "\t", `\n`, "\n", `\x00`, "\x00", `\x1b`, "\x1b", `\u202e`, "\u202e").Replace(s)
}

func TestSlug(t *testing.T) {
	f, err := os.Open("testdata/filenames.txt")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	n := 0
	for sc.Scan() {
		line := sc.Text()
		if strings.HasPrefix(line, "#") || line == "" {
			continue
		}
		title, want, ok := strings.Cut(line, "\t")
		if !ok {
			t.Fatalf("bad case %q", line)
		}
		title = unescape(title)
		if got := Slug(title, MaxNameBytes); got != want {
			t.Errorf("Slug(%q) = %q; want %q", title, got, want)
		}
		n++
	}
	if n < 20 {
		t.Fatalf("only %d cases read", n)
	}
}

// Long titles are cut to the byte budget at a character boundary, suffix
// and extension included.
func TestFileNameIsBounded(t *testing.T) {
	for _, title := range []string{
		strings.Repeat("word ", 100),
		strings.Repeat("é", 300),
		strings.Repeat("東京", 100),
		strings.Repeat("a", 1000),
	} {
		name := FileName("123456-", title, ".markdown")
		if len(name)+maxSuffixBytes > MaxNameBytes || !utf8.ValidString(name) || strings.Contains(name, "-.") {
			t.Errorf("FileName(%.20q…) = %q (%d bytes)", title, name, len(name))
		}
	}
}

// Names already taken, by this export or by files already in the folder,
// get -2, -3, …; nothing is overwritten.
func TestCreateUniqueNeverOverwrites(t *testing.T) {
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "story.md"), []byte("mine"), 0o644)
	var names []string
	for range 3 {
		f, err := createUnique(dir, "story.md")
		if err != nil {
			t.Fatal(err)
		}
		names = append(names, filepath.Base(f.Name()))
		f.Close()
	}
	if strings.Join(names, ",") != "story-2.md,story-3.md,story-4.md" {
		t.Errorf("names %v", names)
	}
	if b, _ := os.ReadFile(filepath.Join(dir, "story.md")); string(b) != "mine" {
		t.Error("an existing file was overwritten")
	}
}
