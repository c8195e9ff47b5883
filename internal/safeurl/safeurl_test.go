package safeurl

import (
	"bufio"
	"os"
	"strings"
	"testing"
)

// testdata/urls.txt holds one case per line: "ok URL" or "no URL", and
// optionally " => WANT" for the expected normalised form.
func TestSafeURL(t *testing.T) {
	f, err := os.Open("testdata/urls.txt")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	n := 0
	for sc.Scan() {
		line := sc.Text()
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		verdict, rest, _ := strings.Cut(line, " ")
		raw, want, hasWant := strings.Cut(rest, " => ")
		raw = unescape(raw)
		u, ok := SafeURL(raw)
		n++
		switch verdict {
		case "ok":
			if !ok {
				t.Errorf("SafeURL(%q) refused; want accepted", raw)
				continue
			}
			if hasWant && u.String() != want {
				t.Errorf("SafeURL(%q) = %s; want %s", raw, u, want)
			}
		case "no":
			if ok {
				t.Errorf("SafeURL(%q) = %s; want refused", raw, u)
			}
		default:
			t.Fatalf("bad line %q", line)
		}
	}
	if n < 20 {
		t.Fatalf("only %d cases read", n)
	}
}

// unescape turns \t, \n, \x00 and \u202e in the case file into the
// characters themselves.
func unescape(s string) string {
	return strings.NewReplacer(`\t`, "\t", `\n`, "\n", `\x00`, "\x00", `\x07`, "\x07", `\u202e`, "\u202e", `\u200b`, "\u200b").Replace(s)
}
