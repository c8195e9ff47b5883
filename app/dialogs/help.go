package dialogs

import (
	"fmt"
	"os"
	"runtime"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/clippings/clippings/app/humanize"
	"github.com/clippings/clippings/app/kit"
	"github.com/clippings/clippings/assets"
	"github.com/clippings/clippings/db"
	"github.com/clippings/clippings/internal/version"
)

// searchSyntax is the query language (package query), example by example.
var searchSyntax = [][2]string{
	{`mali junta`, "Articles with all of these words. Endings don't matter: negotiating finds negotiations."},
	{`"negotiating table"`, "The exact phrase."},
	{`negoti*`, "Words starting with negoti."},
	{`mali OR niger`, "Either word."},
	{`mali -coup`, "Leave out articles with coup (NOT coup works too)."},
	{`(mali OR niger) coup`, "Group with brackets."},
	{`title:mali`, "Only in the headline. Also author:\"jane doe\" and source:reuters."},
	{`after:2020-08-01`, "Published on or after a day; YYYY and YYYY-MM work too."},
	{`before:2021`, "Published before."},
	{`date:2020-03`, "Published in that year, month or day; date:2019..2021-06 for a span (date:2019.. and date:..2021-06 leave one end open). The timeline over the list writes these for you."},
	{`person:"Ibrahim Boubacar Keita"`, "Naming that person; place:Bamako and org:ECOWAS for places and organisations. The whole name, as the article pane and the sidebar show it; case and accents don't matter."},
	{`tag:mali`, "Tagged Mali (the whole tag, in any case); tag:\"mali coup\" for a tag of several words."},
	{`-tag:read-later`, "Not tagged read-later."},
	{`is:unread`, "Not read yet. Also is:read, is:starred, and -is:starred for the rest."},
	{`note:embassy`, "In your note. Plain words search notes too."},
	{`lang:fr`, "In French (a two-letter code); lang:none for an unknown language."},
}

// ShowSearchSyntax lists the query language over w, example by example.
func ShowSearchSyntax(w fyne.Window) {
	rows := []fyne.CanvasObject{}
	for _, ex := range searchSyntax {
		q := widget.NewLabel(ex[0])
		q.TextStyle = fyne.TextStyle{Monospace: true}
		what := widget.NewLabel(ex[1])
		what.Wrapping = fyne.TextWrapWord
		rows = append(rows, q, what)
	}
	intro := widget.NewLabel("Type words to find the articles that have them all; results update as you type. " +
		"Anything the search cannot make sense of is searched as plain words. An empty search lists every article.")
	intro.Wrapping = fyne.TextWrapWord
	content := container.NewBorder(intro, nil, nil, nil,
		container.NewVScroll(container.New(layout.NewFormLayout(), rows...)))
	d := dialog.NewCustom("Search syntax", "Close", content, w)
	d.Resize(fyne.NewSize(720, 540))
	d.Show()
}

// keyHelp is what mouse and keys do beyond the menus' shortcuts.
var keyHelp = [][2]string{
	{"Ctrl+click", "Add an article to the selection, or take it out (Cmd+click on a Mac)."},
	{"Shift+click", "Select every article from the last one clicked."},
	{"Right-click", "An article's menu; on a saved search or a tag: rename, delete."},
	{"Escape", "Back to one selected article; again, clear the search."},
	{"Click, drag", "On the timeline over the list: narrow the search to a bar's month (or year, or day), or to the bars dragged across; × beside the dates takes them out again. Pointing at a bar shows its count."},
	{"Tab", "Move between the sidebar, the search field, the list and the article."},
	{"Enter, Space", "On a sidebar entry: show its articles. Up and Down move between entries."},
	{"F2, Delete", "On a saved search or a tag in the sidebar: rename it, delete it."},
	{"Down, Up, Enter", "In the tag field: pick one of the tags offered, and add it."},
	{"Ctrl+S", "In a note: save it now (it is also saved as you pause, and when you leave it)."},
}

// ShowShortcuts lists every shortcut of w's menu, then what else keys and
// the mouse do. toggles names items whose label says what they will do by
// both ("Unstar": "Star / Unstar").
func ShowShortcuts(w fyne.Window, toggles map[string]string) {
	var rows []fyne.CanvasObject
	add := func(keys, what string) {
		k := widget.NewLabel(keys)
		k.TextStyle = fyne.TextStyle{Monospace: true}
		w := widget.NewLabel(what)
		w.Wrapping = fyne.TextWrapWord
		rows = append(rows, k, w)
	}
	for _, m := range w.MainMenu().Items {
		for _, it := range m.Items {
			if it.Shortcut == nil || it.IsSeparator {
				continue
			}
			label := it.Label
			if both, ok := toggles[label]; ok {
				label = both
			}
			add(ShortcutText(it.Shortcut), m.Label+" ▸ "+label)
		}
	}
	for _, k := range keyHelp {
		add(k[0], k[1])
	}
	d := dialog.NewCustom("Keyboard shortcuts", "Close",
		container.NewVScroll(container.New(layout.NewFormLayout(), rows...)), w)
	d.Resize(fyne.NewSize(720, 560))
	d.Show()
}

// ShortcutText is a shortcut as people write it: "Ctrl+Shift+O".
func ShortcutText(s fyne.Shortcut) string {
	ks, ok := s.(fyne.KeyboardShortcut)
	if !ok {
		return s.ShortcutName()
	}
	cs := desktop.CustomShortcut{KeyName: ks.Key(), Modifier: ks.Mod()}
	var parts []string
	mac := runtime.GOOS == "darwin"
	if cs.Modifier&fyne.KeyModifierControl != 0 {
		parts = append(parts, "Ctrl")
	}
	if cs.Modifier&fyne.KeyModifierSuper != 0 {
		if mac {
			parts = append(parts, "Cmd")
		} else {
			parts = append(parts, "Super")
		}
	}
	if cs.Modifier&fyne.KeyModifierAlt != 0 {
		parts = append(parts, "Alt")
	}
	if cs.Modifier&fyne.KeyModifierShift != 0 {
		parts = append(parts, "Shift")
	}
	name := string(cs.KeyName)
	switch cs.KeyName {
	case fyne.KeyReturn:
		name = "Enter"
	case fyne.KeyEscape:
		name = "Escape"
	case fyne.KeyUp:
		name = "Up"
	case fyne.KeyDown:
		name = "Down"
	case fyne.KeyComma:
		name = ","
	}
	return strings.Join(append(parts, name), "+")
}

// aboutLanguages is how many languages About names; the rest are counted.
const aboutLanguages = 3

// ShowAbout shows the version, where the archive at path is, and what is
// in it, over w, with the statistics still being counted; it returns the
// function that shows them.
func ShowAbout(w fyne.Window, path string) (fill func(db.Stats, error)) {
	icon := canvas.NewImageFromResource(assets.Icon)
	icon.FillMode = canvas.ImageFillContain
	icon.SetMinSize(fyne.NewSize(80, 80))
	// version.Number, not Fyne's metadata, which a plain `go build` leaves
	// at Fyne's placeholder.
	name := widget.NewLabel("Clippings " + version.Number)
	name.TextStyle = fyne.TextStyle{Bold: true}
	name.Alignment = fyne.TextAlignCenter
	blurb := widget.NewLabel("A searchable archive of the news articles you keep.")
	blurb.Alignment = fyne.TextAlignCenter
	where := widget.NewLabel(path)
	where.Wrapping = fyne.TextWrapBreak
	where.TextStyle = fyne.TextStyle{Monospace: true}

	cells := []fyne.CanvasObject{kit.DimText("Archive", theme.SizeNameText), where}
	value := func(label string) *widget.Label {
		l := widget.NewLabel("Counting…")
		l.Wrapping = fyne.TextWrapWord
		cells = append(cells, kit.DimText(label, theme.SizeNameText), l)
		return l
	}
	articles, sources, languages, published := value("Articles"), value("Sources"), value("Languages"), value("Published")
	size, text, originals := value("Size on disk"), value("Text"), value("Originals")
	size.SetText(humanize.ByteSize(archiveSize(path)))
	cells = append(cells, kit.DimText("Archive format", theme.SizeNameText), widget.NewLabel(strconv.Itoa(db.SchemaVersion())),
		kit.DimText("Commit", theme.SizeNameText), widget.NewLabel(version.Commit()))

	facts := container.New(layout.NewFormLayout(), cells...)
	d := dialog.NewCustom("About Clippings", "Close",
		container.NewVBox(container.NewCenter(icon), name, blurb, widget.NewSeparator(), facts), w)
	kit.ShowSized(d, 600)

	return func(st db.Stats, err error) {
		if err != nil {
			articles.SetText("Unavailable: " + humanize.DescribeError(err))
			for _, l := range []*widget.Label{sources, languages, published, text, originals} {
				l.SetText("–")
			}
		} else {
			articles.SetText(humanize.Thousands(st.Articles))
			sources.SetText(humanize.Thousands(st.Sources))
			languages.SetText(languageSummary(st.Languages, aboutLanguages))
			published.SetText(humanize.DateRange(st.Published.First, st.Published.Last))
			size.SetText(humanize.ByteSize(st.FileBytes))
			text.SetText(humanize.ByteSize(st.TextBytes))
			originals.SetText(fmt.Sprintf("%s, %s as stored", humanize.ByteSize(st.OriginalBytes), humanize.ByteSize(st.StoredOriginalBytes)))
		}
		d.Resize(fyne.NewSize(600, d.MinSize().Height))
	}
}

// languageSummary names the most common languages with their counts, and
// counts the rest: "English 120 · French 30 · German 4 · 2 more".
func languageSummary(langs []db.LanguageCount, top int) string {
	if len(langs) == 0 {
		return "–"
	}
	var parts []string
	for i, l := range langs {
		if i == top {
			parts = append(parts, fmt.Sprintf("%d more", len(langs)-top))
			break
		}
		parts = append(parts, humanize.LanguageName(l.Code)+" "+humanize.Thousands(l.Articles))
	}
	return strings.Join(parts, " · ")
}

// archiveSize is the archive's size on disk, its write-ahead log included.
func archiveSize(path string) int64 {
	var total int64
	for _, p := range []string{path, path + "-wal"} {
		if info, err := os.Stat(p); err == nil {
			total += info.Size()
		}
	}
	return total
}
