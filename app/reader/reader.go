// Package reader is the article pane: the article selected, ready to read,
// with what the user adds to it — star, read state, tags, a note — above
// its text, and below it what the archive knows around it: the other
// outlets that published the story, the people, places and organisations
// it names, related articles. Its text, however long, is laid out a
// screenful at a time (kit.LongText), so a book-length article opens at
// once.
package reader

import (
	"context"
	"errors"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/clippings/clippings/app/kit"
	"github.com/clippings/clippings/app/tasks"
	"github.com/clippings/clippings/db"
	"github.com/clippings/clippings/entities"
	"github.com/clippings/clippings/neardup"
)

// The pane's delays when the user does not change them.
const (
	// ReadDelay is how long an unread article stays open before it is
	// marked read. Not at once: going down the list with the arrow keys
	// passes over articles in a fraction of a second each, and those were
	// not read; an article left open this long was at least looked at.
	ReadDelay = 1500 * time.Millisecond
	// NoteDelay is the pause in typing after which a note is saved. It is
	// also saved when the field loses the focus, another article is
	// opened, and the window closes.
	NoteDelay = time.Second
)

// Store is what the article pane asks of the archive.
type Store interface {
	Get(ctx context.Context, id int64) (db.Article, error)
	Highlight(ctx context.Context, id int64, query string) (title, body string, err error)
	Group(ctx context.Context, id int64) ([]db.GroupMember, error)
	Entities(ctx context.Context, id int64) (entities.Entities, error)
	Related(ctx context.Context, id int64, n int) ([]db.Hit, error)
	Diff(ctx context.Context, a, b int64) ([]neardup.Paragraph, error)
	SetNote(ctx context.Context, id int64, text string) error
	Original(ctx context.Context, id int64) ([]byte, error)
}

// Config is what the article pane is built with.
type Config struct {
	Ctx    context.Context // the window's: its end stops loading
	Store  Store
	Tasks  *tasks.Group
	Window fyne.Window // for menus, dialogs, the keyboard focus and the clipboard
	// ReadOnly: the archive cannot be changed; the pane's buttons, tag
	// field and note are off, and opening an article does not mark it read.
	ReadOnly bool
	// ReadDelay is how long an unread article stays open before it is
	// marked read (0: at once); NoteDelay the pause in typing after which
	// a note is saved.
	ReadDelay, NoteDelay time.Duration
	// TagChoices is every tag of the archive, most used first.
	TagChoices func() []string
	// OnQuery searches what a tag or a name asks for; OnOpen opens a
	// related article or a copy.
	OnQuery func(query string)
	OnOpen  func(id int64)
	// OnShown: the article shown, or its star, read state or tags,
	// changed (the menus follow). OnNoteSaved: a note was saved (notes are
	// searched with their article).
	OnShown     func()
	OnNoteSaved func()
	// What the pane's buttons and fields ask for the open article.
	SetStarred  func(ids []int64, on bool)
	SetRead     func(ids []int64, read bool)
	AddTag      func(ids []int64, name string)
	RemoveTag   func(ids []int64, name string)
	Delete      func()
	EditDetails func()
	Reextract   func(ids []int64)
	// OpenURL opens a file or web address in its usual program; Clipboard
	// is the system's; Fail shows an error.
	OpenURL   func(*url.URL) error
	Clipboard fyne.Clipboard
	Fail      func(error)
}

// Reader is the article pane.
type Reader struct {
	cfg     Config
	root    *fyne.Container
	scroll  *container.Scroll
	actions *fyne.Container
	blank   fyne.CanvasObject

	star, read, more, delete *widget.Button
	edited                   *fyne.Container // "Corrected by you: …"
	tags                     *kit.FlowBox    // the article's tags, then the field adding one
	tagInput                 *kit.TagField
	note                     *notes
	extras                   *extras
	body                     *kit.LongText // the text shown, nil when none is

	loads     tasks.Latest // drops an article load that a newer selection overtook
	opened    uint64       // counts the articles opened: what arrives for an earlier one is dropped
	articleID int64        // shown or being loaded, 0 for none
	article   *db.Article  // shown, nil while none is
	query     string       // whose words are marked
	reading   *tasks.Timer // marks the open article read
}

// New makes the pane, showing no article.
func New(cfg Config) *Reader {
	r := &Reader{cfg: cfg, reading: cfg.Tasks.NewTimer()}
	// The pane's buttons act on the article it shows, even while several
	// are selected; the menus act on the selection.
	r.star = widget.NewButtonWithIcon("Star", kit.StarOutlineIcon, func() {
		if a := r.article; a != nil {
			cfg.SetStarred([]int64{a.ID}, !a.Starred)
		}
	})
	r.read = widget.NewButtonWithIcon("Mark unread", theme.VisibilityOffIcon(), func() {
		if a := r.article; a != nil {
			cfg.SetRead([]int64{a.ID}, !a.Read)
		}
	})
	r.more = widget.NewButtonWithIcon("", theme.MoreHorizontalIcon(), r.showMoreMenu)
	r.delete = widget.NewButtonWithIcon("Delete", theme.DeleteIcon(), cfg.Delete)
	r.actions = container.NewHBox(
		r.star, r.read,
		widget.NewButtonWithIcon("Open original", theme.FileIcon(), r.OpenOriginal),
		layout.NewSpacer(),
		r.more,
		r.delete,
	)
	r.edited = container.NewHBox()
	r.tagInput = kit.NewTagField(r.tagChoices, func(name string) {
		if a := r.article; a != nil {
			cfg.AddTag([]int64{a.ID}, name)
		}
	})
	r.tagInput.SetPlaceHolder("Add a tag…")
	r.tags = kit.NewFlowBox()
	r.note = newNotes(&r.cfg, func(id int64, text string) {
		if a := r.article; a != nil && a.ID == id {
			a.Note = text
		}
	})
	r.extras = newExtras(&r.cfg, func() *db.Article { return r.article }, func() uint64 { return r.opened })
	r.scroll = container.NewVScroll(container.NewVBox())
	r.scroll.OnScrolled = func(fyne.Position) { r.updateBody() }
	hint := kit.DimText("Select an article to read it", theme.SizeNameText)
	r.blank = container.NewCenter(hint)
	r.root = container.NewStack(r.blank)
	if cfg.ReadOnly {
		for _, w := range []fyne.Disableable{r.star, r.read, r.delete, r.tagInput, r.note.field} {
			w.Disable()
		}
	}
	return r
}

// Object is what the window lays out.
func (r *Reader) Object() fyne.CanvasObject { return r.root }

// ArticleID is the article shown or being loaded, 0 for none.
func (r *Reader) ArticleID() int64 { return r.articleID }

// Article is the article shown, as the pane knows it.
func (r *Reader) Article() (db.Article, bool) {
	if r.article == nil {
		return db.Article{}, false
	}
	return *r.article, true
}

// Show loads an article with the words query matches marked, and shows it
// when it arrives.
func (r *Reader) Show(id int64, query string) {
	r.note.save()
	r.articleID, r.query = id, query
	r.opened++
	type loaded struct {
		a           db.Article
		title, body string
		members     []db.GroupMember
	}
	load := func(ctx context.Context) (loaded, error) {
		var l loaded
		var err error
		if l.a, err = r.cfg.Store.Get(ctx, id); err != nil {
			return l, err
		}
		if l.title, l.body, err = r.cfg.Store.Highlight(ctx, id, query); err != nil {
			return l, err
		}
		// Its copies come with it (one indexed read), so that "Also
		// published by" does not push the pane down a moment later.
		l.members, _ = r.cfg.Store.Group(ctx, id)
		return l, nil
	}
	tasks.Load(r.cfg.Tasks, &r.loads, r.cfg.Ctx, load, func(l loaded, err error) {
		if err != nil {
			r.Clear()
			r.cfg.Fail(fmt.Errorf("open article #%d: %w", id, err))
			return
		}
		r.render(&l.a, l.title, l.body, l.members)
	})
}

// ShowAgain loads the article shown again: its text or details changed.
func (r *Reader) ShowAgain() {
	if r.articleID != 0 {
		r.Show(r.articleID, r.query)
	}
}

// Clear empties the pane.
func (r *Reader) Clear() {
	r.note.close()
	r.StopMarkRead()
	r.loads.Drop()
	r.opened++
	r.articleID, r.article = 0, nil
	r.body = nil
	r.extras.stop()
	r.root.Objects = []fyne.CanvasObject{r.blank}
	r.root.Refresh()
	r.cfg.OnShown()
}

// render shows an article, with its copies when they are known (members
// not nil).
func (r *Reader) render(a *db.Article, markedTitle, markedBody string, members []db.GroupMember) {
	again := r.article != nil && r.article.ID == a.ID // corrected, or re-extracted
	r.article = a
	if !again {
		r.note.load(a)
		r.markWhenRead(a)
	}
	if markedTitle == "" {
		markedTitle = a.Title
	}
	if markedTitle == "" {
		markedTitle = "Untitled"
	}
	headline := kit.NewWrappedText(kit.HeadlineStyle, kit.HeadlineMarkStyle)
	headline.SetMarked(markedTitle)
	parts := []fyne.CanvasObject{headline}

	if a.Subtitle != "" {
		sub := widget.NewRichText(&widget.TextSegment{Text: a.Subtitle, Style: widget.RichTextStyle{
			SizeName: theme.SizeNameSubHeadingText, ColorName: theme.ColorNameForeground,
		}})
		sub.Wrapping = fyne.TextWrapWord
		parts = append(parts, sub)
	}
	if line := byline(a); line != "" {
		by := kit.DimText(line, theme.SizeNameText)
		by.Wrapping = fyne.TextWrapWord
		parts = append(parts, by)
	}
	parts = append(parts, r.edited)
	if link := articleLink(a.URL); link != nil {
		parts = append(parts, link)
	}
	x := r.extras
	parts = append(parts, x.copies, r.tags, r.tagInput.Suggestions, r.note.field, r.note.line)
	if len(a.Captions) > 0 {
		parts = append(parts, captionsCard(a))
	}
	parts = append(parts, widget.NewSeparator())

	body := kit.NewLongText(kit.BodyStyle, kit.BodyMarkStyle)
	body.SetMarked(markedBody)
	body.SetViewport(func() (top, height float32) { return r.viewport(body) })
	r.body = body
	parts = append(parts, body, x.names, x.related, widget.NewSeparator(), facts(a))

	r.showOrganised()
	offset := r.scroll.Offset
	r.scroll.Content = container.NewPadded(container.NewVBox(parts...))
	r.scroll.Refresh()
	if again {
		r.scroll.ScrollToOffset(offset)
	} else {
		r.scroll.ScrollToTop()
	}
	r.root.Objects = []fyne.CanvasObject{container.NewBorder(container.NewPadded(r.actions), nil, nil, nil, r.scroll)}
	r.root.Refresh()
	r.updateBody()
	r.cfg.OnShown()
	x.load(a.ID, again, members)
}

// viewport is the part of body the scroll shows, in body's coordinates.
func (r *Reader) viewport(body fyne.CanvasObject) (top, height float32) {
	d := fyne.CurrentApp().Driver()
	inContent := d.AbsolutePositionForObject(body).Y - d.AbsolutePositionForObject(r.scroll.Content).Y
	return r.scroll.Offset.Y - inContent, r.scroll.Size().Height
}

// updateBody shows the lines of the text now in view.
func (r *Reader) updateBody() {
	if r.body != nil {
		r.body.Update()
	}
}

// showOrganised shows the open article's star, read state, tags and
// corrected fields.
func (r *Reader) showOrganised() {
	a := r.article
	if a == nil {
		return
	}
	kit.SetStarButton(r.star, a.Starred, "Star", "Unstar")
	kit.SetReadButton(r.read, a.Read)

	var objects []fyne.CanvasObject
	for _, name := range a.Tags {
		objects = append(objects, r.newTagChip(a.ID, name))
	}
	objects = append(objects, container.New(&kit.MinWidth{Width: 200}, r.tagInput))
	r.tags.SetObjects(objects...)

	r.edited.Objects = nil
	r.edited.Hide()
	if len(a.Edited) > 0 {
		icon := widget.NewIcon(theme.DocumentCreateIcon())
		r.edited.Objects = []fyne.CanvasObject{icon, kit.DimText(editedText(a.Edited), theme.SizeNameCaptionText)}
		r.edited.Show()
	}
	r.edited.Refresh()
}

// Update applies a change the user made (a star, a tag) to the article
// shown, if it is one of ids, and shows it.
func (r *Reader) Update(ids []int64, change func(*db.Article)) {
	a := r.article
	if a == nil {
		return
	}
	for _, id := range ids {
		if id == a.ID {
			change(a)
			r.showOrganised()
			return
		}
	}
}

// ReloadOrganised reads the open article's tags, star, read state and
// corrected fields again, if it is article id. Its note is left alone: the
// note field is what the user typed, and is saved from there.
func (r *Reader) ReloadOrganised(id int64) {
	if a := r.article; a == nil || a.ID != id {
		return
	}
	g, ctx := r.cfg.Tasks, r.cfg.Ctx
	g.Go(func() {
		a, err := r.cfg.Store.Get(ctx, id)
		if err != nil || ctx.Err() != nil {
			return
		}
		g.Do(func() {
			shown := r.article
			if shown == nil || shown.ID != id {
				return
			}
			shown.Tags, shown.Starred, shown.Read, shown.Edited = a.Tags, a.Starred, a.Read, a.Edited
			r.showOrganised()
			r.cfg.OnShown()
		})
	})
}

// ReloadExtras loads what the archive knows around the open article again
// (its copies and names were found meanwhile).
func (r *Reader) ReloadExtras() {
	if a := r.article; a != nil {
		r.extras.load(a.ID, true, nil)
	}
}

// CloseIfDeleted closes the article shown, if it is article id and no
// longer exists (another program deleted it).
func (r *Reader) CloseIfDeleted(id int64) {
	g, ctx := r.cfg.Tasks, r.cfg.Ctx
	g.Go(func() {
		_, err := r.cfg.Store.Get(ctx, id)
		if !errors.Is(err, db.ErrNotFound) {
			return
		}
		g.Do(func() {
			if r.articleID == id {
				r.Clear()
			}
		})
	})
}

// markWhenRead marks an article just opened read once it has stayed open
// for the read delay.
func (r *Reader) markWhenRead(a *db.Article) {
	r.StopMarkRead()
	if a.Read || r.cfg.ReadOnly {
		return
	}
	id := a.ID
	if r.cfg.ReadDelay <= 0 {
		r.markRead(id)
		return
	}
	r.reading.Start(r.cfg.ReadDelay, func() { r.markRead(id) })
}

// StopMarkRead forgets a pending mark: another article was opened, or the
// user marked this one themselves.
func (r *Reader) StopMarkRead() { r.reading.Stop() }

func (r *Reader) markRead(id int64) {
	a := r.article
	if a == nil || a.ID != id || a.Read {
		return
	}
	r.cfg.SetRead([]int64{id}, true)
}

// SaveNote writes the note being typed, if it changed.
func (r *Reader) SaveNote() { r.note.save() }

// NoteFocused reports whether the note field has the keyboard focus.
func (r *Reader) NoteFocused() bool { return r.cfg.Window.Canvas().Focused() == r.note.field }

// FocusNote puts the cursor in the open article's note.
func (r *Reader) FocusNote() {
	if r.article == nil {
		return
	}
	r.cfg.Window.Canvas().Focus(r.note.field)
	r.scroll.ScrollToTop()
	r.updateBody()
}

// FocusTags puts the cursor in the open article's tag field.
func (r *Reader) FocusTags() {
	if r.article != nil {
		r.cfg.Window.Canvas().Focus(r.tagInput)
	}
}

// NoteField is the pane's note field.
func (r *Reader) NoteField() *NoteEntry { return r.note.field }

// TagField is the pane's field that adds a tag.
func (r *Reader) TagField() *kit.TagField { return r.tagInput }

// tagChoices is every tag but those the open article has, for its tag
// field.
func (r *Reader) tagChoices() []string {
	var taken []string
	if a := r.article; a != nil {
		taken = a.Tags
	}
	var out []string
	for _, name := range r.cfg.TagChoices() {
		if !slices.ContainsFunc(taken, func(t string) bool { return kit.SameTag(t, name) }) {
			out = append(out, name)
		}
	}
	return out
}

// showMoreMenu is the menu of the … button, right-aligned under it: the
// window ends just after it.
func (r *Reader) showMoreMenu() {
	menu := widget.NewPopUpMenu(fyne.NewMenu("",
		fyne.NewMenuItem("Copy text", r.CopyText),
		fyne.NewMenuItem("Edit details…", r.cfg.EditDetails),
		fyne.NewMenuItem("Re-extract from the original", func() {
			if a := r.article; a != nil {
				r.cfg.Reextract([]int64{a.ID})
			}
		})),
		r.cfg.Window.Canvas())
	at := fyne.CurrentApp().Driver().AbsolutePositionForObject(r.more)
	menu.ShowAtPosition(at.AddXY(r.more.Size().Width-menu.MinSize().Width, r.more.Size().Height))
}

// CopyText puts the article, as plain text, on the clipboard.
func (r *Reader) CopyText() {
	if a := r.article; a != nil {
		r.cfg.Clipboard.SetContent(plainText(a))
	}
}

// OpenOriginal opens the file the article came from in its usual program:
// the file itself when it is still where it was imported from, else a copy
// of the archived original written to a temporary file.
func (r *Reader) OpenOriginal() {
	a := r.article
	if a == nil {
		return
	}
	if path := a.File.Path; path != "" {
		if info, err := os.Stat(path); err == nil && info.Mode().IsRegular() {
			r.openFile(path)
			return
		}
	}
	id, name := a.ID, a.File.Name
	g := r.cfg.Tasks
	g.Go(func() {
		path, err := WriteOriginal(r.cfg.Ctx, r.cfg.Store, id, name)
		g.Do(func() {
			if err != nil {
				r.cfg.Fail(err)
				return
			}
			r.openFile(path)
		})
	})
}

// WriteOriginal copies an article's archived original to a temporary file
// named like the original, so the right program opens it.
func WriteOriginal(ctx context.Context, store Store, id int64, name string) (string, error) {
	data, err := store.Original(ctx, id)
	if err != nil {
		return "", fmt.Errorf("read the original of article #%d: %w", id, err)
	}
	dir, err := os.MkdirTemp("", "clippings-original-")
	if err != nil {
		return "", fmt.Errorf("make a folder for the original: %w", err)
	}
	base := filepath.Base(name)
	if name == "" || base == "." || base == string(filepath.Separator) {
		base = fmt.Sprintf("article-%d.txt", id)
	}
	path := filepath.Join(dir, base)
	if err := os.WriteFile(path, data, 0o600); err != nil {
		return "", fmt.Errorf("write the original to %s: %w", path, err)
	}
	return path, nil
}

func (r *Reader) openFile(path string) {
	u, err := url.Parse(storage.NewFileURI(path).String())
	if err == nil {
		err = r.cfg.OpenURL(u)
	}
	if err != nil {
		r.cfg.Fail(fmt.Errorf("open %s: %w", path, err))
	}
}

func isNotFound(err error) bool {
	var nf *db.NotFoundError
	return errors.As(err, &nf)
}
