package importer

import (
	"context"
	"errors"
	"os"
	"reflect"
	"sort"
	"strings"
	"sync"
	"testing"

	"github.com/clippings/clippings/article"
	"github.com/clippings/clippings/db"
)

// Re-extraction stores what the extractor now gives, and keeps everything
// the user did: tags, star, read state, note and metadata edits.
func TestReextractKeepsWhatTheUserDid(t *testing.T) {
	s := openStore(t)
	ctx := context.Background()
	got, _ := run(t, &Importer{Store: s}, "testdata/batch")
	mali, ecowas := got["mali-russia-negotiations.txt"].ID, got["ecowas.md"].ID

	// As an older extractor might have stored it: boilerplate kept.
	old, err := s.Get(ctx, mali)
	if err != nil {
		t.Fatal(err)
	}
	wanted := old.Article
	stale := old.Article
	stale.Body = "Skip to content. Accept cookies?\n\n" + stale.Body
	stale.Subtitle = "Read 2 minutes"
	if out, err := s.Reextracted(ctx, []db.Reextraction{{ID: mali, Article: stale}}); err != nil || !out[0].Changed {
		t.Fatalf("staging an old extraction: %+v %v", out, err)
	}
	title, source := "Moscow urges talks on Mali", "Anadolu (edited)"
	must(t, s.Edit(ctx, mali, db.MetadataEdit{Title: &title, Source: &source}))
	must(t, s.SetTags(ctx, []int64{mali, ecowas}, []string{"Mali coup"}, nil))
	must(t, s.SetStarred(ctx, []int64{mali}, true))
	must(t, s.SetRead(ctx, []int64{mali}, true))
	must(t, s.SetNote(ctx, mali, "Compare with the Reuters piece."))

	// One article whose original no longer extracts.
	broken := wanted
	broken.Title, broken.Body = "An article with an empty original", "Its text stays as it is."
	res, err := s.Add(ctx, []db.NewArticle{{Article: broken, Original: []byte{}}})
	if err != nil || res[0].Err != nil {
		t.Fatal(err, res)
	}
	brokenID := res[0].ID

	ids, err := s.MatchingIDs(ctx, "")
	if err != nil {
		t.Fatal(err)
	}
	var (
		mu       sync.Mutex
		results  = map[int64]ReextractResult{}
		progress []int
	)
	sum, err := Reextract(ctx, s, ids, ReextractOptions{Workers: 2, BatchSize: 2}, func(r ReextractResult) {
		mu.Lock()
		defer mu.Unlock()
		results[r.ID] = r
	}, func(p Progress) {
		if p.Total != len(ids) {
			t.Errorf("progress total %d, want %d", p.Total, len(ids))
		}
		progress = append(progress, p.Done)
	})
	if err != nil {
		t.Fatal(err)
	}
	if sum.Updated != 1 || sum.Unchanged != 2 || sum.Failed != 1 || sum.Cancelled != 0 {
		t.Errorf("summary %+v", sum)
	}
	sort.Ints(progress)
	if len(progress) != len(ids) || progress[len(progress)-1] != len(ids) {
		t.Errorf("progress %v", progress)
	}
	if r := results[mali]; r.Status != Updated || r.Title != title {
		t.Errorf("mali: %+v", r)
	}
	if r := results[brokenID]; r.Status != Failed || !errors.Is(r.Err, article.ErrEmpty) || !strings.Contains(r.Err.Error(), "no longer extracts") {
		t.Errorf("broken original: %+v", r)
	}

	a, err := s.Get(ctx, mali)
	if err != nil {
		t.Fatal(err)
	}
	if a.Body != wanted.Body || a.Subtitle != wanted.Subtitle {
		t.Errorf("text not re-extracted: subtitle %q, body starts %q", a.Subtitle, a.Body[:40])
	}
	if a.Title != title || a.Source != source || !reflect.DeepEqual(a.Authors, wanted.Authors) || a.Published != wanted.Published {
		t.Errorf("edits lost: %q %q %q %s", a.Title, a.Source, a.Authors, a.Published)
	}
	want := db.Organised{Tags: []string{"Mali coup"}, Starred: true, Read: true, Note: "Compare with the Reuters piece.", Edited: []string{"title", "source"}}
	if !reflect.DeepEqual(a.Organised, want) || a.ID != mali || a.File.Path != old.File.Path {
		t.Errorf("kept %+v (file %q), want %+v", a.Organised, a.File.Path, want)
	}
	if b, _ := s.Get(ctx, brokenID); b.Body != broken.Body {
		t.Errorf("the failed article's text changed: %q", b.Body)
	}
	for _, q := range []string{`cookies`, `"read 2 minutes"`} {
		if r, _ := s.Search(ctx, db.Request{Query: q}); r.Total != 0 {
			t.Errorf("%s still finds %d articles", q, r.Total)
		}
	}
	if r, _ := s.Search(ctx, db.Request{Query: `zakharova tag:"mali coup" is:starred title:moscow`}); r.Total != 1 {
		t.Errorf("the re-extracted article is not found by its tags and edited title")
	}
	if r, err := s.Check(ctx); err != nil || !r.OK() {
		t.Errorf("check: %v %v", r.Problems, err)
	}
}

func TestReextractCancelled(t *testing.T) {
	s := openStore(t)
	run(t, &Importer{Store: s}, "testdata/batch")
	ids, _ := s.MatchingIDs(context.Background(), "")
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	sum, err := Reextract(ctx, s, ids, ReextractOptions{}, nil, nil)
	if !errors.Is(err, context.Canceled) || sum.Cancelled != len(ids) {
		t.Errorf("cancelled: %+v %v", sum, err)
	}
}

func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

// An original planted through a JSON export — the PDF whose
// objects are numbered from 2,000,000,000, which crashed every later
// re-extraction — fails alone, with the reason; the article keeps its text
// and the others are re-extracted.
func TestReextractOfAHostileOriginal(t *testing.T) {
	s := openStore(t)
	ctx := context.Background()
	pdf, err := os.ReadFile("../article/testdata/hostile/xref-start-2e9.pdf")
	if err != nil {
		t.Fatal(err)
	}
	planted := article.Article{Title: "A planted PDF", Body: "The text it was exported with.", File: article.File{Name: "report.pdf", Format: article.FormatPDF}}
	res, err := s.Add(ctx, []db.NewArticle{{Article: planted, Original: pdf}})
	if err != nil || res[0].Err != nil {
		t.Fatal(err, res)
	}
	good, _ := run(t, &Importer{Store: s}, "testdata/batch/mali-russia-negotiations.txt")
	ids := []int64{res[0].ID, good["mali-russia-negotiations.txt"].ID}
	results := map[int64]ReextractResult{}
	sum, err := Reextract(ctx, s, ids, ReextractOptions{}, func(r ReextractResult) { results[r.ID] = r }, nil)
	if err != nil {
		t.Fatal(err)
	}
	if r := results[ids[0]]; r.Status != Failed || !errors.Is(r.Err, article.ErrNoArticle) || !strings.Contains(r.Err.Error(), "2000000001 objects") {
		t.Errorf("the planted PDF: %s %v", r.Status, r.Err)
	}
	if sum.Unchanged != 1 || sum.Failed != 1 {
		t.Errorf("summary %+v", sum)
	}
	if a, err := s.Get(ctx, ids[0]); err != nil || a.Body != planted.Body {
		t.Errorf("the planted article: %q, %v; want its text kept", a.Body, err)
	}
}
