package timeline

import (
	"context"
	"fmt"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/test"

	"github.com/clippings/clippings/app/tasks"
	"github.com/clippings/clippings/article"
	"github.com/clippings/clippings/db"
)

func date(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, time.UTC) }

// fixture is a timeline over an archive with three articles in January
// 2020, one in March and two in June (six months), alone in a window, run
// as the window runs it: a query it asks for is searched, and counted.
type fixture struct {
	*Timeline
	asked []string // the queries it asked for
	g     *tasks.Group
}

func newFixture(t *testing.T) *fixture {
	t.Helper()
	a := test.NewTempApp(t)
	store, err := db.Open(context.Background(), filepath.Join(t.TempDir(), "archive.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { store.Close() })
	for i, d := range []time.Time{date(2020, 1, 3), date(2020, 1, 10), date(2020, 1, 20), date(2020, 3, 5), date(2020, 6, 1), date(2020, 6, 30)} {
		title := fmt.Sprintf("Harbour report %d", i)
		body := fmt.Sprintf("%s: a report on harbour cranes, filed on %s.", title, d.Format("2 January 2006"))
		art := article.Article{Title: title, Source: "Test Wire", Body: body, Words: len(strings.Fields(body)), Published: article.NewDate(d)}
		if res, err := store.Add(context.Background(), []db.NewArticle{{Article: art, Original: []byte(body)}}); err != nil || res[0].Err != nil {
			t.Fatal(err, res)
		}
	}
	f := &fixture{g: tasks.New(true)}
	f.Timeline = New(context.Background(), store, f.g, true, func(q string) {
		f.asked = append(f.asked, q)
		f.search(q)
	})
	w := a.NewWindow("timeline")
	w.SetContent(f.Object())
	w.Resize(fyne.NewSize(1000, 200))
	w.Show()
	return f
}

// search is what the window does for a search: the dates at once, the
// counts after the results.
func (f *fixture) search(q string) {
	f.SetQuery(q)
	f.Count(q)
	f.g.Wait()
}

// barCenter is the middle of bar i, in the view's coordinates.
func barCenter(v *view, i int) fyne.Position {
	left, slot := v.barGeometry(v.Size().Width)
	r := renderer{v: v}
	return fyne.NewPos(left+slot*(float32(i)+0.5), r.lineHeight()+timelineBarsHeight/2)
}

func TestTimelineShowsTheResultsByMonth(t *testing.T) {
	f := newFixture(t)
	f.search("")
	v := f.view
	if !f.Visible() {
		t.Fatal("the timeline is not shown")
	}
	if v.tl.Unit != db.Months {
		t.Fatalf("unit %q", v.tl.Unit)
	}
	var counts []int
	for _, p := range v.tl.Periods {
		counts = append(counts, p.Count)
	}
	if !slices.Equal(counts, []int{3, 0, 1, 0, 0, 2}) {
		t.Fatalf("counts %v", counts)
	}
	if len(v.bars) != 6 {
		t.Fatalf("%d bars", len(v.bars))
	}
	h := func(i int) float32 { return v.bars[i].Size().Height }
	if !(h(0) > h(5) && h(5) > h(2) && h(2) > 0 && h(1) == 0) || h(0) != timelineBarsHeight {
		t.Errorf("bar heights %v %v %v %v", h(0), h(1), h(2), h(5))
	}
	if v.first.Text != "Jan 2020" || v.last.Text != "Jun 2020" {
		t.Errorf("ends named %q and %q", v.first.Text, v.last.Text)
	}
	if !strings.HasPrefix(v.status.Text, "By month") {
		t.Errorf("status %q", v.status.Text)
	}

	// The pointer over a bar names its period and count.
	v.MouseMoved(&desktop.MouseEvent{PointEvent: fyne.PointEvent{Position: barCenter(v, 2)}})
	if v.status.Text != "Mar 2020 · 1 article" {
		t.Errorf("over March: %q", v.status.Text)
	}
	v.MouseOut()

	// Hidden, it stays hidden through searches, and counts the last one
	// when shown again.
	f.SetShown(false)
	if f.Visible() {
		t.Error("the timeline did not hide")
	}
	f.search("harbour")
	if f.Visible() {
		t.Error("a search showed the hidden timeline")
	}
	f.SetShown(true)
	f.g.Wait()
	if q, ok := f.Counted(); !f.Visible() || !ok || q != "harbour" {
		t.Errorf("shown again: %v, of %q", f.Visible(), q)
	}
}

func TestTimelineNarrowsByClickAndDrag(t *testing.T) {
	f := newFixture(t)
	f.search("harbour after:2019-06")
	v := f.view
	if v.chip.Visible() != true || v.chip.text.Text != "after:2019-06" {
		t.Errorf("the query's dates are not shown: %v %q", v.chip.Visible(), v.chip.text.Text)
	}

	// A click on March narrows to March, in place of the dates the query had.
	test.TapAt(v, barCenter(v, 2))
	f.g.Wait()
	if got := f.asked; len(got) != 1 || got[0] != "harbour date:2020-03" {
		t.Fatalf("click narrowed to %q", got)
	}
	if v.tl.Unit != db.Days || !v.chip.Visible() || v.chip.text.Text != "date:2020-03" {
		t.Errorf("narrowed timeline: %q, chip %q", v.tl.Unit, v.chip.text.Text)
	}

	// × takes the dates out.
	test.Tap(v.chip)
	if got := f.asked[len(f.asked)-1]; got != "harbour" {
		t.Fatalf("× left %q", got)
	}
	if v.chip.Visible() || len(v.tl.Periods) != 6 {
		t.Errorf("after ×: chip %v, %d periods", v.chip.Visible(), len(v.tl.Periods))
	}

	// A drag from January to March, as the mouse does it: the first event
	// is already a few pixels on.
	from, to := barCenter(v, 0), barCenter(v, 2)
	step := (to.X - from.X) / 3
	pos := from
	for range 3 {
		pos = pos.AddXY(step, 0)
		v.Dragged(&fyne.DragEvent{PointEvent: fyne.PointEvent{Position: pos}, Dragged: fyne.NewDelta(step, 0)})
	}
	if !v.dragging || v.status.Text != "Jan 2020 – Mar 2020 · 4 articles" {
		t.Errorf("while dragging: %v %q", v.dragging, v.status.Text)
	}
	v.DragEnd()
	if got := f.asked[len(f.asked)-1]; got != "harbour date:2020-01..2020-03" {
		t.Fatalf("drag narrowed to %q", got)
	}

	// Backwards, over a query with OR at its top.
	f.search("cranes OR ships")
	pos = barCenter(v, 5)
	v.Dragged(&fyne.DragEvent{PointEvent: fyne.PointEvent{Position: pos.AddXY(-10, 0)}, Dragged: fyne.NewDelta(-10, 0)})
	v.Dragged(&fyne.DragEvent{PointEvent: fyne.PointEvent{Position: barCenter(v, 3)}, Dragged: fyne.NewDelta(-10, 0)})
	v.DragEnd()
	if got := f.asked[len(f.asked)-1]; got != "(cranes OR ships) date:2020-04..2020-06" {
		t.Errorf("backwards drag: %q", got)
	}
}
