package dialogs

import (
	"errors"
	"net/url"
	"slices"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"github.com/clippings/clippings/app/humanize"
	"github.com/clippings/clippings/app/kit"
	"github.com/clippings/clippings/article"
	"github.com/clippings/clippings/db"
)

// detailsForm is the fields of the Edit details dialog.
type detailsForm struct {
	title, authors, source, date, link *widget.Entry
}

// EditDetails corrects an article's headline, authors, source, date and
// address in a dialog over w; save is given the fields changed.
func EditDetails(w fyne.Window, a *db.Article, save func(db.MetadataEdit)) {
	f := detailsForm{title: widget.NewEntry(), authors: widget.NewMultiLineEntry(), source: widget.NewEntry(),
		date: widget.NewEntry(), link: widget.NewEntry()}
	f.title.SetText(a.Title)
	f.title.Validator = validTitle
	f.authors.SetText(strings.Join(a.Authors, "\n"))
	f.authors.SetMinRowsVisible(3)
	f.source.SetText(a.Source)
	f.date.SetText(a.Published.String())
	f.date.SetPlaceHolder("YYYY-MM-DD")
	f.date.Validator = func(s string) error { _, err := parseDetailsDate(s); return err }
	f.link.SetText(a.URL)
	f.link.SetPlaceHolder("https://…")
	f.link.Validator = validLink

	edited := func(field string) string {
		if slices.Contains(a.Edited, field) {
			return "Corrected by you."
		}
		return ""
	}
	formItem := func(label string, e *widget.Entry, hint string) *widget.FormItem {
		it := widget.NewFormItem(label, e)
		it.HintText = hint
		return it
	}
	intro := widget.NewLabel("Correct what extraction got wrong. Extracting the article again keeps your corrections.")
	intro.Wrapping = fyne.TextWrapWord
	items := []*widget.FormItem{
		widget.NewFormItem("", intro),
		formItem("Headline", f.title, edited(db.FieldTitle)),
		formItem("Authors", f.authors, strings.TrimSpace("One per line. "+edited(db.FieldAuthors))),
		formItem("Source", f.source, edited(db.FieldSource)),
		formItem("Date", f.date, strings.TrimSpace("When it was published, as YYYY-MM-DD; empty if unknown. "+edited(db.FieldPublished))),
		formItem("Address", f.link, strings.TrimSpace("Its web address, or empty. "+edited(db.FieldURL))),
	}
	d := dialog.NewForm("Edit details", "Save", "Cancel", items, func(ok bool) {
		if !ok {
			return
		}
		if edit, changed := f.edit(a); changed {
			save(edit)
		}
	}, w)
	for _, e := range []*widget.Entry{f.title, f.source, f.date, f.link} {
		e.OnSubmitted = func(string) { d.Submit() }
	}
	kit.ShowSized(d, 640)
	w.Canvas().Focus(f.title)
}

// edit is the change the form asks for: only the fields that differ from
// the article's.
func (f detailsForm) edit(a *db.Article) (db.MetadataEdit, bool) {
	var e db.MetadataEdit
	changed := false
	if t := strings.TrimSpace(f.title.Text); t != a.Title {
		e.Title, changed = &t, true
	}
	var authors []string
	for _, line := range strings.Split(f.authors.Text, "\n") {
		if line = strings.Join(strings.Fields(line), " "); line != "" {
			authors = append(authors, line)
		}
	}
	if !slices.Equal(authors, a.Authors) && !(len(authors) == 0 && len(a.Authors) == 0) {
		if authors == nil {
			authors = []string{}
		}
		e.Authors, changed = &authors, true
	}
	if s := strings.TrimSpace(f.source.Text); s != a.Source {
		e.Source, changed = &s, true
	}
	if d, err := parseDetailsDate(f.date.Text); err == nil && d.String() != a.Published.String() {
		e.Published, changed = &d, true
	}
	if u := strings.TrimSpace(f.link.Text); u != a.URL {
		e.URL, changed = &u, true
	}
	return e, changed
}

func validTitle(s string) error {
	if humanize.IsBlank(s) {
		return errors.New("an article needs a headline")
	}
	return nil
}

// parseDetailsDate reads the Date field: YYYY-MM-DD, or nothing for an
// unknown date, within the range the command line takes too.
func parseDetailsDate(s string) (article.Date, error) { return article.ParsePublished(s) }

// validLink accepts an empty address or a web one.
func validLink(s string) error {
	s = strings.TrimSpace(s)
	if s == "" {
		return nil
	}
	u, err := url.Parse(s)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return errors.New("a web address starting with http:// or https://, or nothing")
	}
	return nil
}
