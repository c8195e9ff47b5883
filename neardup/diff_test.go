package neardup

import (
	"strings"
	"testing"
)

// render writes a Diff compactly: "=x" both, "-x" only in A, "+x" only in B,
// with "~" after a moved paragraph.
func render(d []Paragraph) string {
	var parts []string
	for _, p := range d {
		s := map[Change]string{Both: "=", OnlyA: "-", OnlyB: "+"}[p.Change] + p.Text
		if p.Moved {
			s += "~"
		}
		parts = append(parts, s)
	}
	return strings.Join(parts, " ")
}

func TestDiff(t *testing.T) {
	for _, tc := range []struct {
		name, a, b, want string
	}{
		{"identical", "a\n\nb", "a\n\nb", "=a =b"},
		{"empty", "", "", ""},
		{"all new", "", "a\n\nb", "+a +b"},
		{"cut", "a\n\nb\n\nc\n\nd", "a\n\nc", "=a -b =c -d"},
		{"added", "a\n\nb", "x\n\na\n\nb\n\ny", "+x =a =b +y"},
		{"changed", "a\n\nb\n\nc", "a\n\nB2\n\nc", "=a -b +B2 =c"},
		{"moved", "a\n\nb\n\nc", "b\n\nc\n\na", "-a~ =b =c +a~"},
		{"typography is no change", "“Yes,” she said.\n\nb", "\"Yes,\" she  said\n\nb", "=“Yes,” she said. =b"},
		{"hard wrap and CRLF", "one two\r\nthree\r\n\r\nfour", "one two three\n\nfour", "=one two three =four"},
		{"blank lines with spaces", "a\n  \nb", "a\n\nb", "=a =b"},
	} {
		if got := render(Diff(tc.a, tc.b)); got != tc.want {
			t.Errorf("%s: Diff = %q, want %q", tc.name, got, tc.want)
		}
	}
}

func TestDiffTestdata(t *testing.T) {
	d := Diff(readTestdata(t, "wire.txt"), readTestdata(t, "wire-cut.txt"))
	count := map[string]int{}
	for _, p := range d {
		k := render([]Paragraph{{Change: p.Change, Moved: p.Moved}})
		count[k]++
	}
	// Headline and byline replaced; one of the two swapped paragraphs kept
	// in place and the other shown moved; three paragraphs cut; "Read more"
	// and the copyright line added.
	want := map[string]int{"=": 4, "-": 5, "+": 4, "-~": 1, "+~": 1}
	for k, n := range want {
		if count[k] != n {
			t.Errorf("wire.txt vs wire-cut.txt: %d paragraphs %q, want %d (%v)", count[k], k, n, count)
		}
	}
}

func TestDiffLargeFallsBackToSets(t *testing.T) {
	var a, b strings.Builder
	for i := range 1100 {
		a.WriteString(strings.Repeat("x", i%7+1) + " " + string(rune('a'+i%26)) + " " + strings.Repeat("y", i/26+1) + "\n\n")
		b.WriteString(strings.Repeat("x", i%7+1) + " " + string(rune('a'+i%26)) + " " + strings.Repeat("y", i/26+1) + "\n\n")
	}
	b.WriteString("new paragraph")
	d := Diff(a.String(), b.String())
	if len(d) != 1101 || d[1100].Change != OnlyB || d[0].Change != Both {
		t.Errorf("large diff: %d paragraphs, last %+v", len(d), d[len(d)-1])
	}
}
