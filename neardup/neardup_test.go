package neardup

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"testing"
)

func readTestdata(t testing.TB, name string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func TestSimilarTestdata(t *testing.T) {
	for _, tc := range []struct {
		a, b string
		same bool
		why  string
	}{
		{"wire.txt", "wire.txt", true, "identical"},
		{"wire.txt", "wire-typography.txt", true, "typography only"},
		{"wire.txt", "wire-cut.txt", true, "cut copy with boilerplate"},
		{"wire.txt", "wire-update.txt", true, "updated version"},
		{"wire-cut.txt", "wire-update.txt", true, "cut copy and update"},
		{"wire.txt", "followup.txt", false, "follow-up reusing a paragraph"},
		{"wire-update.txt", "followup.txt", false, "follow-up reusing a paragraph"},
		{"wire-cut.txt", "other.txt", false, "shared boilerplate only"},
		{"wire.txt", "brief.txt", false, "a brief is never grouped by containment"},
		{"brief.txt", "brief.txt", true, "a brief is its own duplicate"},
	} {
		a, b := Sign(readTestdata(t, tc.a)), Sign(readTestdata(t, tc.b))
		score, same := Similar(a, b)
		t.Logf("%-17s ~ %-17s containment %.2f jaccard %.2f same %v", tc.a, tc.b, score, Jaccard(a, b), same)
		if same != tc.same {
			t.Errorf("%s ~ %s (%s): same = %v, want %v (containment %.2f, jaccard %.2f)",
				tc.a, tc.b, tc.why, same, tc.same, score, Jaccard(a, b))
		}
		if s2, same2 := Similar(b, a); s2 != score || same2 != same {
			t.Errorf("%s ~ %s: Similar is not symmetric", tc.a, tc.b)
		}
		// A store finds a pair only through a shared band key.
		if tc.same && !shareBand(a, b) {
			t.Errorf("%s ~ %s (%s): same story but no band key in common", tc.a, tc.b, tc.why)
		}
	}
}

func shareBand(a, b Signature) bool {
	keys := map[int64]bool{}
	for _, k := range a.Bands() {
		keys[k] = true
	}
	for _, k := range b.Bands() {
		if keys[k] {
			return true
		}
	}
	return false
}

func TestSignTypographyIsIgnored(t *testing.T) {
	if a, b := Sign(readTestdata(t, "wire.txt")), Sign(readTestdata(t, "wire-typography.txt")); a != b {
		t.Errorf("typography changed the signature: jaccard %.2f, words %d/%d", Jaccard(a, b), a.Words, b.Words)
	}
}

func TestNormalisation(t *testing.T) {
	// Each pair must give the same words (and so the same signature).
	for _, tc := range [][2]string{
		{"Président Wagué à Bamako", "president wague a bamako"},
		{"Mali’s junta", "Mali's JUNTA"},
		{"e\u0301te\u0301", "été"}, // NFD and NFC
		{"Straße Søren Łódź", "strasse soren lodz"},
		{"ﬁnance", "finance"}, // ligature
		{"end—of—war; “quoted” (aside)", "end of war quoted aside"},
		{"2\u00a0000 soldiers", "2 000 soldiers"},
		{"ΑΘΗΝΑ", "αθηνα"},
		{"Αθήνα", "αθηνα"},
		{"Москва́", "москва"},
	} {
		a, b := wordHashes(nil, tc[0]), wordHashes(nil, tc[1])
		if !equalHashes(a, b) {
			t.Errorf("%q and %q normalise differently (%d and %d words)", tc[0], tc[1], len(a), len(b))
		}
	}
	for _, tc := range []struct {
		text  string
		words int
	}{
		{"", 0},
		{"  \n\n ... —  ", 0},
		{"one two three", 3},
		{"don't stop", 2},
		{"'quoted' word", 2},
		{"北京市政府", 5},   // one word per Han character
		{"กรุงเทพ", 7}, // Thai letters and vowel signs
	} {
		if got := Sign(tc.text).Words; got != tc.words {
			t.Errorf("Sign(%q).Words = %d, want %d", tc.text, got, tc.words)
		}
	}
}

func equalHashes(a, b []uint64) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

func TestParagraphsBoundShingles(t *testing.T) {
	// Moving a paragraph changes no shingle: they never span two paragraphs.
	a := Sign("one two three four five six\n\nseven eight nine ten eleven twelve")
	b := Sign("seven eight nine ten eleven twelve\n\none two three four five six")
	if a != b || a.Shingles != 4 {
		t.Errorf("moved paragraph: shingles %d and %d, jaccard %.2f; want the same 4", a.Shingles, b.Shingles, Jaccard(a, b))
	}
	// A single line break (hard wrap) is not a paragraph.
	if c := Sign("one two three four five six\nseven eight nine ten eleven twelve"); c.Shingles != 8 {
		t.Errorf("hard-wrapped text: %d shingles, want 8", c.Shingles)
	}
}

func TestEmptyAndTiny(t *testing.T) {
	empty := Sign(" \n ")
	if !empty.Empty() || empty.Bands() != nil {
		t.Errorf("empty text: %+v has bands %v", empty.Words, empty.Bands())
	}
	if _, same := Similar(empty, empty); same {
		t.Error("two empty texts are the same story")
	}
	tiny := Sign("Talks resume")
	if tiny.Shingles != 1 || len(tiny.Bands()) != BandCount {
		t.Errorf("two words: %d shingles, %d bands", tiny.Shingles, len(tiny.Bands()))
	}
	if _, same := Similar(tiny, Sign("Talks resume today")); same {
		t.Error("different two- and three-word texts are the same story")
	}
}

func TestMarshalRoundTrip(t *testing.T) {
	wire, cut := Sign(readTestdata(t, "wire.txt")), Sign(readTestdata(t, "wire-cut.txt"))
	for _, text := range []string{"", "Talks resume", readTestdata(t, "wire.txt")} {
		s := Sign(text)
		b := s.Marshal()
		if b[0] != signatureVersion {
			t.Errorf("first byte %d, want the version %d", b[0], signatureVersion)
		}
		got, err := Unmarshal(b)
		if err != nil {
			t.Fatalf("Unmarshal(Marshal(Sign(%.20q))): %v", text, err)
		}
		// What is stored compares as the signature it was made from.
		if got.Words != s.Words || got.Shingles != s.Shingles || Jaccard(got, wire) != Jaccard(s, wire) ||
			Jaccard(got, cut) != Jaccard(s, cut) || Jaccard(got, s) != Jaccard(s, s) {
			t.Errorf("round trip of %.20q changed the signature", text)
		}
		if !bytes.Equal(got.Marshal(), b) {
			t.Errorf("%.20q: stored again, another encoding", text)
		}
		if len(b) > 1+2*10+Bins {
			t.Errorf("%d bytes", len(b))
		}
		// The band keys need the whole values, which are not stored.
		if got.Bands() != nil {
			t.Errorf("%.20q: band keys from a stored signature", text)
		}
		// Version 1, the whole values, reads back whole.
		v1, err := Unmarshal(s.MarshalV1())
		if err != nil || v1 != s {
			t.Errorf("%.20q: version 1 round trip: %v", text, err)
		}
	}
}

// An archive's signatures of version 1 and 2 compare with each other as
// with their own kind.
func TestVersionsCompare(t *testing.T) {
	for _, tc := range [][2]string{{"wire.txt", "wire-cut.txt"}, {"wire.txt", "followup.txt"}, {"brief.txt", "brief.txt"}} {
		a, b := Sign(readTestdata(t, tc[0])), Sign(readTestdata(t, tc[1]))
		a1, _ := Unmarshal(a.MarshalV1())
		b2, _ := Unmarshal(b.Marshal())
		s, same := Similar(a, b)
		if s12, same12 := Similar(a1, b2); s12 != s || same12 != same {
			t.Errorf("%s ~ %s: %.3f %v as made, %.3f %v version 1 with 2", tc[0], tc[1], s, same, s12, same12)
		}
	}
}

func TestUnmarshalCorrupt(t *testing.T) {
	good := Sign(readTestdata(t, "wire.txt")).Marshal()
	other := append([]byte{signatureVersion + 1}, good[1:]...)
	badCounts := append([]byte{signatureVersion, 3, 9}, good[len(good)-Bins:]...) // 9 shingles of 3 words
	emptyWithValues := append([]byte{signatureVersion, 0, 0}, good[len(good)-Bins:]...)
	v1 := Sign(readTestdata(t, "wire.txt")).MarshalV1()
	for _, tc := range []struct {
		name    string
		b       []byte
		version bool // the error is ErrVersion
	}{
		{"nil", nil, false},
		{"version only", good[:1], false},
		{"truncated", good[:len(good)-1], false},
		{"padded", append(bytes.Clone(good), 0), false},
		{"bad varint", append([]byte{signatureVersion}, bytes.Repeat([]byte{0xff}, 11)...), false},
		{"counts disagree", badCounts, false},
		{"overlong varint", append([]byte{signatureVersion, 0x80, 0x00, 0}, good[len(good)-Bins:]...), false},
		{"values of an empty text", emptyWithValues, false},
		{"version 1 truncated", v1[:len(v1)-1], false},
		{"version 2 with version 1's values", append([]byte{signatureVersion}, v1[1:]...), false},
		{"other version", other, true},
	} {
		_, err := Unmarshal(tc.b)
		if err == nil {
			t.Errorf("%s: no error", tc.name)
			continue
		}
		if errors.Is(err, ErrVersion) != tc.version {
			t.Errorf("%s: %v; ErrVersion %v, want %v", tc.name, err, errors.Is(err, ErrVersion), tc.version)
		}
	}
}

func FuzzUnmarshal(f *testing.F) {
	f.Add(Sign("one two three four five six seven").Marshal())
	f.Add([]byte{signatureVersion, 0, 0})
	f.Add(Sign("one two three four five six seven").MarshalV1())
	f.Fuzz(func(t *testing.T, b []byte) {
		s, err := Unmarshal(b)
		if err != nil {
			return
		}
		// What decodes re-encodes to the same bytes: nothing is ignored.
		again := s.Marshal()
		if b[0] == wholeVersion {
			again = s.MarshalV1()
		}
		if !bytes.Equal(again, b) {
			t.Errorf("Unmarshal accepted %x, which does not re-encode", b)
		}
	})
}

func FuzzSign(f *testing.F) {
	f.Add("Président Wagué’s visit\n\nto Bamako")
	f.Add("北京市政府 กรุงเทพ")
	f.Fuzz(func(t *testing.T, text string) {
		s := Sign(text)
		if s.Shingles > s.Words || (s.Words > 0) != (s.Shingles > 0) {
			t.Errorf("%d shingles of %d words", s.Shingles, s.Words)
		}
		if _, same := Similar(s, s); same != !s.Empty() {
			t.Errorf("a text is not the same story as itself")
		}
	})
}
