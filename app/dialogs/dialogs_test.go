package dialogs

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/test"

	"github.com/clippings/clippings/db"
)

func TestLanguageSummary(t *testing.T) {
	langs := []db.LanguageCount{{Code: "en", Articles: 1200}, {Code: "fr", Articles: 30}, {Code: "", Articles: 4}, {Code: "de", Articles: 2}, {Code: "xx", Articles: 1}}
	if got, want := languageSummary(langs, 3), "English 1,200 · French 30 · Unknown 4 · 2 more"; got != want {
		t.Errorf("languageSummary = %q, want %q", got, want)
	}
	if got := languageSummary(langs[3:], 3); got != "German 2 · xx 1" {
		t.Errorf("languageSummary = %q", got)
	}
	if got := languageSummary(nil, 3); got != "–" {
		t.Errorf("no languages: %q", got)
	}
}

func TestProblemText(t *testing.T) {
	for _, c := range []struct {
		p    db.Problem
		want string
	}{
		{db.Problem{Kind: db.ProblemOriginal, Article: 12, Detail: "its original file is missing"}, "Article #12: its original file is missing"},
		{db.Problem{Kind: db.ProblemIndex, Detail: "the index holds an entry (key 9) for no article"}, "Search index: the index holds an entry (key 9) for no article"},
		{db.Problem{Kind: db.ProblemDatabase, Detail: "page 4 is never used"}, "Database: page 4 is never used"},
	} {
		if got := problemText(c.p); got != c.want {
			t.Errorf("problemText(%+v) = %q, want %q", c.p, got, c.want)
		}
	}
}
func TestAddWebAddress(t *testing.T) {
	var got []string
	w := test.NewTempWindow(t, nil)
	d := newAddressDialog(w, func(a []string) { got = a })
	d.dialog.Show()
	for _, bad := range []string{"", "courier.example/story", "https://courier.example/a ftp://x/b"} {
		d.entry.SetText(bad)
		if d.entry.Validate() == nil {
			t.Errorf("%q accepted", bad)
		}
	}
	d.entry.SetText("https://courier.example/a\n  https://courier.example/b  \n")
	if err := d.entry.Validate(); err != nil {
		t.Fatal(err)
	}
	d.dialog.Submit()
	if strings.Join(got, " ") != "https://courier.example/a https://courier.example/b" {
		t.Errorf("fetched %q", got)
	}
}

// Enter fetches what was typed; Shift+Enter starts a line for another
// address; Enter on something not an address fetches nothing.
func TestAddWebAddressKeys(t *testing.T) {
	var got []string
	w := test.NewTempWindow(t, nil)
	d := newAddressDialog(w, func(a []string) { got = a })
	d.dialog.Show()
	w.Canvas().Focus(d.entry)
	enter := &fyne.KeyEvent{Name: fyne.KeyReturn}
	shift := &fyne.KeyEvent{Name: desktop.KeyShiftLeft}

	test.Type(d.entry, "courier.example")
	d.entry.TypedKey(enter)
	if got != nil {
		t.Fatalf("not an address, fetched %q", got)
	}
	d.entry.SetText("")
	test.Type(d.entry, "https://courier.example/a")
	d.entry.KeyDown(shift)
	d.entry.TypedKey(enter)
	d.entry.KeyUp(shift)
	if got != nil {
		t.Fatalf("Shift+Enter fetched %q", got)
	}
	test.Type(d.entry, "https://courier.example/b")
	if d.entry.Text != "https://courier.example/a\nhttps://courier.example/b" {
		t.Fatalf("text %q, want two lines", d.entry.Text)
	}
	d.entry.TypedKey(enter)
	if strings.Join(got, " ") != "https://courier.example/a https://courier.example/b" {
		t.Errorf("Enter fetched %q", got)
	}
}
