package db

import (
	"context"
	"errors"
	"path/filepath"
	"slices"
	"testing"
)

// v3Archive writes an archive at schema version 3 (Clippings before the
// current search index): the first version's, upgraded as that version
// would have.
func v3Archive(t *testing.T, path string) map[string]int64 {
	t.Helper()
	ids := v1Archive(t, path)
	ms, err := loadMigrations()
	if err != nil {
		t.Fatal(err)
	}
	s, err := open(context.Background(), path, ms[:3], Create)
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	if got := userVersion(t, path); got != 3 {
		t.Fatalf("prepared archive at version %d", got)
	}
	return ids
}

// reindexQueries are searched before, during and after re-indexing: each
// kind of term, and the prefixes the new index searches another way.
var reindexQueries = []string{"Zakharova", "negotiat*", "ne*", "ba*", `"negotiating table"`, "title:mali",
	"bamako -lang:fr", "is:read", "tag:later", "mali OR russia", "zz*"}

// matched is each query's matching ids, in order, newest first.
func matched(t *testing.T, s *Store) map[string][]int64 {
	t.Helper()
	out := map[string][]int64{}
	for _, q := range reindexQueries {
		r, err := s.Search(context.Background(), Request{Query: q, Sort: Newest, Limit: 100})
		if err != nil {
			t.Fatalf("search %q: %v", q, err)
		}
		for _, h := range r.Hits {
			out[q] = append(out[q], h.ID)
		}
	}
	return out
}

// An archive of the previous version opens at once on its old index and is
// re-indexed in the background: searches find the same articles before,
// during and after, imports and changes meanwhile reach both indexes, an
// interrupted re-indexing resumes, and the old index is gone at the end.
func TestReindexInBackground(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "clippings.db")
	ids := v3Archive(t, path)
	s, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if p, err := s.ReindexPending(ctx); err != nil || !p {
		t.Fatalf("pending = %v, %v", p, err)
	}
	if ix, _ := s.fts(ctx); ix.table != legacyIndex.table {
		t.Fatalf("searches use %s while re-indexing", ix.table)
	}
	fx := fixtures(t)
	if err := s.SetTags(ctx, []int64{ids[fx[0].Title]}, []string{"later"}, nil); err != nil {
		t.Fatal(err)
	}
	before := matched(t, s)
	if len(before["Zakharova"]) == 0 || len(before["ne*"]) == 0 || len(before["tag:later"]) != 1 {
		t.Fatalf("the old index finds too little: %v", before)
	}

	// One batch in, then cancelled.
	defer func(n int) { reindexBatch = n }(reindexBatch)
	reindexBatch = 2
	cctx, cancel := context.WithCancel(ctx)
	var calls [][2]int
	err = s.Reindex(cctx, func(done, total int) {
		calls = append(calls, [2]int{done, total})
		if done > 0 {
			cancel()
		}
	})
	if !errors.Is(err, context.Canceled) || len(calls) != 2 || calls[1] != [2]int{2, len(fx)} {
		t.Fatalf("interrupted: %v, progress %v", err, calls)
	}
	if got := matched(t, s); !mapsEqual(got, before) {
		t.Errorf("half re-indexed, searches found\n%v\nwant\n%v", got, before)
	}

	// Meanwhile: an import, a change to an article in the new index and
	// to one not yet in it, a deletion of each kind.
	copied := fx[1]
	copied.Title, copied.Body = "Zakharova again", copied.Body+" Zakharova spoke."
	newID := addAll(t, s, NewArticle{Article: copied, Original: []byte("new")})[0]
	var inNew, notYet []int64
	r, _ := readReindex(ctx, s.read)
	rows, err := s.read.Query("SELECT id, doc FROM articles WHERE id <= ? ORDER BY doc", r.lastID)
	if err != nil {
		t.Fatal(err)
	}
	keep := ids[fx[0].Title] // tagged above; its original is read below
	for rows.Next() {
		var id, doc int64
		rows.Scan(&id, &doc)
		if id == keep {
			continue
		}
		if r.has(id, doc) {
			inNew = append(inNew, id)
		} else {
			notYet = append(notYet, id)
		}
	}
	rows.Close()
	if len(inNew) < 2 || len(notYet) < 2 {
		t.Fatalf("in the new index %v, not yet %v", inNew, notYet)
	}
	if err := s.SetTags(ctx, []int64{inNew[0], notYet[0]}, []string{"later"}, nil); err != nil {
		t.Fatal(err)
	}
	if err := s.Delete(ctx, inNew[1], notYet[1]); err != nil {
		t.Fatal(err)
	}
	during := matched(t, s)
	if !slices.Contains(during["Zakharova"], newID) || !slices.Contains(during["tag:later"], inNew[0]) ||
		!slices.Contains(during["tag:later"], notYet[0]) || len(during["tag:later"]) != 3 {
		t.Errorf("during: imported or tagged articles not found: %v", during)
	}

	calls = nil
	if err := s.Reindex(ctx, func(done, total int) { calls = append(calls, [2]int{done, total}) }); err != nil {
		t.Fatal(err)
	}
	if last := calls[len(calls)-1]; last[0] != last[1] {
		t.Errorf("resumed progress %v", calls)
	}
	if p, err := s.ReindexPending(ctx); err != nil || p {
		t.Fatalf("still pending: %v, %v", p, err)
	}
	if ix, _ := s.fts(ctx); ix.table != currentIndex.table {
		t.Errorf("searches use %s once re-indexed", ix.table)
	}
	var legacy int
	s.read.QueryRow("SELECT count(*) FROM sqlite_schema WHERE name LIKE 'articles_fts_v3%'").Scan(&legacy)
	if legacy != 0 {
		t.Errorf("%d tables and triggers of the old index are left", legacy)
	}
	if got := matched(t, s); !mapsEqual(got, during) {
		t.Errorf("re-indexed, searches found\n%v\nwant\n%v", got, during)
	}
	checkIndex(t, s) // the new index agrees with the articles exactly
	if err := s.Reindex(ctx, func(int, int) { t.Error("progress when nothing is to do") }); err != nil {
		t.Error(err)
	}
	// Originals of articles stored before stay where they were.
	if b, err := s.Original(ctx, ids[fx[0].Title]); err != nil || string(b) != "original of "+fx[0].Title {
		t.Errorf("old original: %q %v", b, err)
	}
	if b, err := s.Original(ctx, newID); err != nil || string(b) != "new" {
		t.Errorf("new original: %q %v", b, err)
	}
}

func TestNewArchiveHasOneIndex(t *testing.T) {
	s := openTemp(t)
	ctx := context.Background()
	if p, err := s.ReindexPending(ctx); err != nil || p {
		t.Fatalf("pending = %v, %v", p, err)
	}
	var legacy int
	s.read.QueryRow("SELECT count(*) FROM sqlite_schema WHERE name LIKE 'articles_fts_v3%'").Scan(&legacy)
	if legacy != 0 {
		t.Errorf("a new archive has %d tables and triggers of the old index", legacy)
	}
}

func mapsEqual(a, b map[string][]int64) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if !slices.Equal(v, b[k]) {
			return false
		}
	}
	return true
}
