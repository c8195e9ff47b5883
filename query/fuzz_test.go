package query

import (
	"reflect"
	"testing"
	"unicode/utf8"
)

// seeds are queries of every kind, and broken ones.
var seeds = []string{
	"", "mali", `mali "negotiating table" negoti*`, "mali OR niger -coup", "(a OR b) (c OR d)",
	`title:mali by:"jane doe" tag:"Mali coup" -is:read lang:fr person:"Keita" place:Bamako org:ECOWAS`,
	"NOT (a OR b) date:2020 -after:2019-05 before:x", `OR a ) AND ( "b`, `tag:"" * - (after:(x))`,
	"a (b c) NOT NOT d", "date:2019..2021-06 date:.. date:2021..2019", `"a b"* title:"c"* -"d" --x`,
	"title: note:) source:(x) is:", "\x00\t\n\"\u00e9\xff", "a | b & c", "-(a OR b)",
}

// Whatever is typed, the printed tree parses back to the same tree, and
// prints the same again.
func FuzzParsePrint(f *testing.F) {
	for _, s := range seeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		q := Parse(s)
		printed := q.String()
		again := Parse(printed)
		if !reflect.DeepEqual(again, q) {
			t.Fatalf("Parse(%q) = %s\nprinted %q\nparses as %s", s, dump(q), printed, dump(again))
		}
		if again.String() != printed {
			t.Fatalf("%q prints as %q, then %q", s, printed, again.String())
		}
	})
}

// The edits make trees that print and parse back the same.
func FuzzEdits(f *testing.F) {
	for _, s := range seeds {
		f.Add(s, "lang:fr")
		f.Add(s, "date:2020 after:2019")
	}
	f.Fuzz(func(t *testing.T, s, clause string) {
		q, c := Parse(s), Parse(clause)
		for name, edited := range map[string]*Query{
			"Narrow":    Narrow(q, c),
			"WithDates": WithDates(q, c),
		} {
			if again := Parse(edited.String()); !reflect.DeepEqual(again, edited) {
				t.Fatalf("%s(%q, %q) = %s\nprinted %q\nparses as %s", name, s, clause, dump(edited), edited.String(), dump(again))
			}
		}
		if !utf8.ValidString(clause) {
			return // a tag's name is clean UTF-8 (db.CleanTagName)
		}
		renamed, _ := RenameTag(q, func(string) bool { return true }, clause)
		if again := Parse(renamed.String()); !reflect.DeepEqual(again, renamed) && HasWordRune(clause) {
			t.Fatalf("RenameTag(%q, %q) printed %q parses as %s, not %s", s, clause, renamed.String(), dump(again), dump(renamed))
		}
	})
}
