package db

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/clippings/clippings/article"
)

// segments adds n articles a transaction each: FTS5 writes a segment per
// transaction, and merges a level only at eight (automerge).
func segments(t *testing.T, s *Store, n int, tag string) {
	t.Helper()
	for i := range n {
		a := article.Article{Title: fmt.Sprintf("Merge %s %d", tag, i), Body: fmt.Sprintf("Segment %s number %d of the merge test, about Bamako.", tag, i)}
		if _, err := s.Add(context.Background(), []NewArticle{{Article: a, Original: []byte(a.Body)}}); err != nil {
			t.Fatal(err)
		}
	}
}

func TestMergeStep(t *testing.T) {
	s := openTemp(t)
	ctx := context.Background()
	segments(t, s, 6, "a")
	steps := 0
	for {
		worked, err := s.MergeStep(ctx, 16)
		if err != nil {
			t.Fatal(err)
		}
		if !worked {
			break
		}
		if steps++; steps > 100 {
			t.Fatal("merging never ends")
		}
	}
	if steps == 0 {
		t.Error("six segments, and nothing to merge")
	}
	checkIndex(t, s)
	if r, err := s.Search(ctx, Request{Query: "bamako"}); err != nil || r.Total != 6 {
		t.Errorf("after merging: %d %v", r.Total, err)
	}
}

func TestMergeWhenIdle(t *testing.T) {
	defer func(idle, rest time.Duration) { mergeIdle, mergeRest = idle, rest }(mergeIdle, mergeRest)
	mergeIdle, mergeRest = 20*time.Millisecond, 20*time.Millisecond
	s := openTemp(t)
	segments(t, s, 6, "b")
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	start := mergeSteps.Load()
	go func() {
		s.MergeWhenIdle(ctx)
		close(done)
	}()
	deadline := time.Now().Add(10 * time.Second)
	for mergeSteps.Load() == start && time.Now().Before(deadline) {
		time.Sleep(10 * time.Millisecond)
	}
	time.Sleep(200 * time.Millisecond) // the rest of the merge
	cancel()
	<-done
	if mergeSteps.Load() == start {
		t.Fatal("the idle archive was not merged")
	}
	if worked, err := s.MergeStep(context.Background(), 1000); err != nil || worked {
		t.Errorf("merge work left after idle merging: %v %v", worked, err)
	}
	checkIndex(t, s)
}
