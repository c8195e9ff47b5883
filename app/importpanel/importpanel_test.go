package importpanel

import (
	"context"
	"errors"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"github.com/clippings/clippings/app/tasks"
	"github.com/clippings/clippings/importer"
)

func TestSummaryText(t *testing.T) {
	for _, c := range []struct {
		sum       importer.Summary
		cancelled bool
		want      string
	}{
		{importer.Summary{Imported: 12, Duplicates: 2, Failed: 1}, false, "12 imported · 2 duplicates · 1 failed"},
		{importer.Summary{Imported: 1, Duplicates: 1}, false, "1 imported · 1 duplicate"},
		{importer.Summary{Imported: 3, Cancelled: 9}, true, "Import cancelled: 3 imported · 9 not reached"},
		{importer.Summary{Imported: 1200, Skipped: 4}, false, "1,200 imported · 4 skipped"},
		{importer.Summary{}, false, "No article files found"},
	} {
		if got := summaryText(c.sum, c.cancelled); got != c.want {
			t.Errorf("summaryText(%+v) = %q, want %q", c.sum, got, c.want)
		}
	}
}

func TestRoundText(t *testing.T) {
	failed := importer.Result{Path: "https://courier.example/x", Status: importer.Failed, Err: errors.New("page not found (HTTP 404 Not Found)")}
	for _, c := range []struct {
		sum      importer.Summary
		problems []importer.Result
		inbox    bool
		want     string
	}{
		{importer.Summary{Failed: 1}, []importer.Result{failed}, false, "Not imported: https://courier.example/x — page not found (HTTP 404 Not Found)"},
		{importer.Summary{Failed: 1, Imported: 1}, []importer.Result{failed}, false, "1 imported · 1 failed"},
		{importer.Summary{Imported: 2}, nil, true, "Inbox folder: 2 imported"},
	} {
		if got := roundText(c.sum, c.problems, false, c.inbox); got != c.want {
			t.Errorf("roundText(%+v) = %q, want %q", c.sum, got, c.want)
		}
	}
}

// fakeImporter imports each path given as one article, and fails the
// path "broken"; it waits for release before it ends.
type fakeImporter struct {
	release chan struct{}
	nextID  int64
	ran     []importer.Batch
}

func (f *fakeImporter) RunBatch(ctx context.Context, b importer.Batch, onResult func(importer.Result), onProgress func(importer.Progress)) importer.Summary {
	f.ran = append(f.ran, b)
	var sum importer.Summary
	for i, p := range b.Paths {
		onProgress(importer.Progress{Done: i, Total: len(b.Paths), Current: p})
		if p == "broken" {
			sum.Failed++
			onResult(importer.Result{Path: p, Status: importer.Failed, Err: errors.New("not an article")})
			continue
		}
		f.nextID++
		sum.Imported++
		sum.LastID = f.nextID
		onResult(importer.Result{Path: p, Status: importer.Imported, ID: f.nextID})
	}
	if f.release != nil {
		select {
		case <-f.release:
		case <-ctx.Done():
			sum.Cancelled++
		}
	}
	return sum
}

type panelFixture struct {
	*Panel
	im       *fakeImporter
	g        *tasks.Group
	done     []Done
	started  int
	readOnly bool
	w        fyne.Window
}

func newPanel(t *testing.T) *panelFixture {
	t.Helper()
	a := test.NewTempApp(t)
	f := &panelFixture{im: &fakeImporter{}, g: tasks.New(true), w: a.NewWindow("imports")}
	f.Panel = New(Config{Ctx: context.Background(), Importer: f.im, Tasks: f.g, Window: f.w,
		Refuse: func() bool { return f.readOnly }, ReadOnly: func() bool { return f.readOnly },
		OnStart: func() { f.started++ }, OnDone: func(d Done) { f.done = append(f.done, d) },
		Fail: func(err error) { t.Errorf("failure shown: %v", err) }})
	f.w.SetContent(f.Object())
	f.w.Show()
	return f
}

func TestBatchesRunOneAfterAnotherAndSumUp(t *testing.T) {
	f := newPanel(t)
	f.im.release = make(chan struct{})
	f.Import(importer.Batch{Paths: []string{"a", "b"}})
	f.Import(importer.Batch{Paths: []string{"broken"}}) // while the first runs
	if !f.Running() || !f.Visible() || len(f.im.ran) > 1 {
		t.Fatalf("running %v, shown %v, %d batches begun", f.Running(), f.Visible(), len(f.im.ran))
	}
	close(f.im.release)
	f.g.Wait()
	if len(f.im.ran) != 2 || f.started != 2 || len(f.done) != 1 {
		t.Fatalf("%d batches, %d starts, %d ends", len(f.im.ran), f.started, len(f.done))
	}
	if d := f.done[0]; d.Imported != 2 || d.LastID != 2 || d.Quiet {
		t.Errorf("done %+v", d)
	}
	if got := f.Status(); got != "2 imported · 1 failed" {
		t.Errorf("status %q", got)
	}
	sum, problems := f.Summary()
	if sum.Imported != 2 || len(problems) != 1 || problems[0].Path != "broken" {
		t.Errorf("summary %+v, problems %+v", sum, problems)
	}
	f.showDetails()
	if d := f.w.Canvas().Overlays().Top(); d == nil {
		t.Error("no details")
	}
	f.Dismiss()
	if f.Visible() {
		t.Error("dismissed, still shown")
	}
}

func TestCancelDropsTheQueue(t *testing.T) {
	f := newPanel(t)
	f.im.release = make(chan struct{})
	f.Import(importer.Batch{Paths: []string{"a"}})
	f.Import(importer.Batch{Paths: []string{"b"}})
	f.Cancel()
	f.g.Wait()
	if len(f.im.ran) != 1 || !strings.HasPrefix(f.Status(), "Import cancelled") {
		t.Errorf("%d batches ran, status %q", len(f.im.ran), f.Status())
	}
}

// The inbox's files already in the archive leave no panel; a read-only
// archive takes no import, and the inbox's are not even refused aloud.
func TestQuietImportsAndReadOnly(t *testing.T) {
	f := newPanel(t)
	f.ImportQuietly(importer.Batch{})
	f.g.Wait()
	if f.Visible() || len(f.done) != 1 || !f.done[0].Quiet {
		t.Errorf("quiet import of nothing: shown %v, done %+v", f.Visible(), f.done)
	}
	f.readOnly = true
	f.Import(importer.Batch{Paths: []string{"a"}})
	f.ImportQuietly(importer.Batch{Paths: []string{"b"}})
	f.g.Wait()
	if len(f.im.ran) != 1 {
		t.Errorf("%d batches ran in a read-only archive", len(f.im.ran)-1)
	}
}
