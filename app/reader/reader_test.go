package reader

import (
	"context"
	"fmt"
	"math/rand"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/clippings/clippings/app/tasks"
	"github.com/clippings/clippings/article"
	"github.com/clippings/clippings/db"
)

// pane is the article pane alone in a window over an archive, recording
// what it asks of the window.
type pane struct {
	*Reader
	store   *db.Store
	g       *tasks.Group
	w       fyne.Window
	starred map[int64]bool
	queries []string
}

func newPane(t testing.TB) *pane {
	t.Helper()
	a := test.NewTempApp(t)
	store, err := db.Open(context.Background(), filepath.Join(t.TempDir(), "archive.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { store.Close() })
	p := &pane{store: store, g: tasks.New(true), w: a.NewWindow("pane"), starred: map[int64]bool{}}
	p.Reader = New(Config{Ctx: context.Background(), Store: store, Tasks: p.g, Window: p.w,
		ReadDelay: 0, NoteDelay: time.Millisecond,
		TagChoices: func() []string { return nil },
		OnQuery:    func(q string) { p.queries = append(p.queries, q) }, OnOpen: func(int64) {},
		OnShown: func() {}, OnNoteSaved: func() {},
		SetStarred: func(ids []int64, on bool) {
			for _, id := range ids {
				p.starred[id] = on
			}
		},
		SetRead: func([]int64, bool) {}, AddTag: func([]int64, string) {}, RemoveTag: func([]int64, string) {},
		Delete: func() {}, EditDetails: func() {}, Reextract: func([]int64) {},
		Clipboard: a.Clipboard(), Fail: func(err error) { t.Errorf("failure shown: %v", err) }})
	p.w.SetContent(p.Object())
	p.w.Resize(fyne.NewSize(800, 700))
	p.w.Show()
	return p
}

func (p *pane) add(t testing.TB, a article.Article) int64 {
	t.Helper()
	a.Words = len(strings.Fields(a.Body))
	res, err := p.store.Add(context.Background(), []db.NewArticle{{Article: a, Original: []byte(a.Body)}})
	if err != nil || res[0].Err != nil {
		t.Fatal(err, res)
	}
	return res[0].ID
}

// texts is every piece of text drawn under o.
func texts(o fyne.CanvasObject) string {
	var out []string
	for _, o := range test.LaidOutObjects(o) {
		switch w := o.(type) {
		case *widget.Label:
			out = append(out, w.Text)
		case *widget.RichText:
			out = append(out, w.String())
		case *widget.Button:
			out = append(out, w.Text)
		}
	}
	return strings.Join(out, "\n")
}

func TestShowsTheArticleWithItsMarksAndButtons(t *testing.T) {
	p := newPane(t)
	id := p.add(t, article.Article{Title: "Russia calls for talks", Authors: []string{"Anna Keller"}, Source: "Wire",
		Body: "Maria Zakharova said the talks would go on.\n\nA second paragraph."})
	if err := p.store.SetTags(context.Background(), []int64{id}, []string{"Mali"}, nil); err != nil {
		t.Fatal(err)
	}
	p.Show(id, "Zakharova")
	p.g.Wait()
	shown := texts(p.Object())
	for _, want := range []string{"Russia calls for talks", "By Anna Keller · Wire", "Maria Zakharova said", "A second paragraph.", "Mali"} {
		if !strings.Contains(shown, want) {
			t.Errorf("the pane does not show %q:\n%s", want, shown)
		}
	}
	if a, ok := p.Article(); !ok || a.ID != id || p.ArticleID() != id {
		t.Fatalf("the pane holds %+v", a)
	}
	test.Tap(p.star)
	if !p.starred[id] {
		t.Error("Star did not ask to star the article")
	}
	var chip *TagChip
	for _, o := range test.LaidOutObjects(p.Object()) {
		if c, ok := o.(*TagChip); ok {
			chip = c
		}
	}
	test.Tap(chip.name)
	if len(p.queries) != 1 || p.queries[0] != `tag:"Mali"` {
		t.Errorf("the tag asked for %q", p.queries)
	}
	p.Clear()
	if p.ArticleID() != 0 || !strings.Contains(texts(p.Object()), "Select an article") {
		t.Error("cleared, the pane still shows an article")
	}
}

// book is a book-length text as a paste brings it: 136,593 words (1.3 MB)
// in paragraphs of 40 to 160 words.
func book() string {
	r := rand.New(rand.NewSource(7))
	vocab := strings.Fields("the harbour cranes moved containers negotiations between government officials and union continued into night while ships waited outside port authority said statement reporters demonstrations international parliamentary administration correspondents reconstruction")
	var b strings.Builder
	for n, para := 0, 0; n < 136_593; n++ {
		b.WriteString(vocab[r.Intn(len(vocab))])
		if r.Intn(9) == 0 {
			fmt.Fprint(&b, r.Intn(100000))
		}
		if para++; para > 40+r.Intn(120) {
			b.WriteString(".\n\n")
			para = 0
		} else {
			b.WriteByte(' ')
		}
	}
	b.WriteString("The very last words of the book.")
	return b.String()
}

// A book-length article opens without laying all of it out: only a few
// screenfuls of lines are drawn, and its end is there when scrolled to.
func TestABookLengthArticleOpensAScreenfulAtATime(t *testing.T) {
	p := newPane(t)
	body := book()
	if len(body) < 1_300_000 {
		t.Fatalf("the book is %d bytes", len(body))
	}
	id := p.add(t, article.Article{Title: "A whole book", Body: body})
	p.Show(id, "harbour")
	p.g.Wait()
	if p.body == nil || !strings.Contains(p.body.String(), "The very last words of the book.") {
		t.Fatal("the pane does not hold the book")
	}
	first, last, rows := p.body.Shown()
	if rows < 15_000 || first != 0 || last > 300 {
		t.Fatalf("drawn: rows %d to %d of %d", first, last, rows)
	}
	if n := len(test.LaidOutObjects(p.Object())); n > 3000 {
		t.Errorf("%d objects drawn for one screenful", n)
	}
	if !strings.Contains(texts(p.Object()), "A whole book") {
		t.Error("the headline is not shown")
	}

	// Scrolled to the end, the end is drawn.
	p.scroll.ScrollToBottom()
	p.updateBody()
	_, last, rows = p.body.Shown()
	if last != rows || !strings.Contains(texts(p.Object()), "The very last words of the book.") {
		t.Errorf("at the end rows to %d of %d are drawn", last, rows)
	}
}

// BenchmarkOpenABook prints how long the pane takes to show a book-length
// article once it is loaded, on the UI goroutine: in one RichText this was
// a minute in Fyne's test driver (about 20 s in the real window).
func BenchmarkOpenABook(b *testing.B) {
	p := newPane(b)
	id := p.add(b, article.Article{Title: "A whole book", Body: book()})
	a, err := p.store.Get(context.Background(), id)
	if err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		p.render(&a, a.Title, a.Body, nil)
		p.Clear()
	}
}
