package db

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/clippings/clippings/article"
)

// segments adds n articles a transaction each: FTS5 writes a segment per
// transaction, and merges a level only at eight (automerge). Each article
// has words words of its own beside the shared ones, so that a segment's
// size can be chosen.
func segments(t *testing.T, s *Store, n int, tag string, words int) {
	t.Helper()
	for i := range n {
		var own strings.Builder
		for w := range words {
			fmt.Fprintf(&own, " w%s%dx%d", tag, i, w)
		}
		a := article.Article{Title: fmt.Sprintf("Merge %s %d", tag, i), Body: fmt.Sprintf("Segment %s number %d of the merge test, about Bamako.%s", tag, i, own.String())}
		if _, err := s.Add(context.Background(), []NewArticle{{Article: a, Original: []byte(a.Body)}}); err != nil {
			t.Fatal(err)
		}
	}
}

// mergeAll runs merge steps until there is nothing to merge, and returns
// how many did.
func mergeAll(t *testing.T, s *Store) int {
	t.Helper()
	steps := 0
	for {
		worked, err := s.MergeStep(context.Background(), 16)
		if err != nil {
			t.Fatal(err)
		}
		if !worked {
			return steps
		}
		if steps++; steps > 100 {
			t.Fatal("merging never ends")
		}
	}
}

func TestMergeStep(t *testing.T) {
	s := openTemp(t)
	ctx := context.Background()
	segments(t, s, 6, "a", 2000)
	if mergeAll(t, s) == 0 {
		t.Error("six segments, and nothing to merge")
	}
	// Three small ones more, fewer than FTS5's usermerge default (4), and
	// smaller than the merged one (FTS5 would move that to their level and
	// merge all four): merged too, so that lookups visit one segment.
	segments(t, s, 3, "c", 0)
	mergeAll(t, s)
	var n int
	if err := s.read.QueryRowContext(ctx, "SELECT count(DISTINCT segid) FROM articles_fts_idx").Scan(&n); err != nil || n != 1 {
		t.Errorf("%d segments after merging (%v), want 1", n, err)
	}
	checkIndex(t, s)
	if r, err := s.Search(ctx, Request{Query: "bamako"}); err != nil || r.Total != 9 {
		t.Errorf("after merging: %d %v", r.Total, err)
	}
}

func TestMergeFor(t *testing.T) {
	s := openTemp(t)
	ctx := context.Background()
	segments(t, s, 6, "f", 500)
	// No time at all: nothing merged, and it says it did not finish.
	if done, err := s.MergeFor(ctx, 0); err != nil || done {
		t.Fatalf("MergeFor(0) = %v, %v; want unfinished", done, err)
	}
	done, err := s.MergeFor(ctx, time.Minute)
	if err != nil || !done {
		t.Fatalf("MergeFor(1m) = %v, %v; want finished", done, err)
	}
	if steps := mergeAll(t, s); steps != 0 {
		t.Errorf("after MergeFor finished, %d more steps merged something", steps)
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
	segments(t, s, 6, "b", 0)
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
