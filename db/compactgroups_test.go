package db

import (
	"context"
	"encoding/binary"
	"errors"
	"path/filepath"
	"slices"
	"testing"

	"github.com/clippings/clippings/neardup"
)

// previousGroupsArchive writes an archive of the version before compact
// signatures and band keys, holding stories and copies of them grouped:
// signatures of version 1 (the whole values), 64-bit band keys, half of
// the articles' in bands and half still in bands_recent (8 bytes a key).
// It returns the groups, each article's sorted.
func previousGroupsArchive(t *testing.T, path string) map[int64][]int64 {
	t.Helper()
	ctx := context.Background()
	ms, err := loadMigrations()
	if err != nil {
		t.Fatal(err)
	}
	s, err := open(ctx, path, ms[:len(ms)-1], Create)
	if err != nil {
		t.Fatal(err)
	}
	tx := topicTexts(t)
	var items []NewArticle
	for i, x := range tx[:12] {
		items = append(items, story(x.Title, x.Body, "Wire", 1+i%20))
		if i%3 == 0 {
			items = append(items, story("Copy: "+x.Title, copyOf(x.Body), "Daily Courier", 2+i%20))
		}
	}
	addAll(t, s, items...)
	rows, err := s.read.Query("SELECT id, body FROM articles ORDER BY id")
	if err != nil {
		t.Fatal(err)
	}
	type art struct {
		id   int64
		body string
	}
	var arts []art
	for rows.Next() {
		var a art
		rows.Scan(&a.id, &a.body)
		arts = append(arts, a)
	}
	rows.Close()
	for _, q := range []string{"DELETE FROM bands", "DELETE FROM bands_recent"} {
		if _, err := s.write.Exec(q); err != nil {
			t.Fatal(err)
		}
	}
	for i, a := range arts {
		sig := neardup.Sign(a.body)
		if _, err := s.write.Exec("UPDATE signatures SET data = ? WHERE article_id = ?", sig.MarshalV1(), a.id); err != nil {
			t.Fatal(err)
		}
		keys := sig.BandsV1()
		if i%2 == 0 {
			var blob []byte
			for _, k := range keys {
				blob = binary.LittleEndian.AppendUint64(blob, uint64(k))
			}
			if _, err := s.write.Exec("INSERT INTO bands_recent (article_id, keys) VALUES (?, ?)", a.id, blob); err != nil {
				t.Fatal(err)
			}
			continue
		}
		for _, k := range keys {
			if _, err := s.write.Exec("INSERT INTO bands (band, article_id) VALUES (?, ?)", k, a.id); err != nil {
				t.Fatal(err)
			}
		}
	}
	groups := map[int64][]int64{}
	for _, a := range arts {
		groups[a.id] = groupOf(t, s, a.id)
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	return groups
}

// An archive of the previous version opens at once: its copies stay
// grouped, a new copy of an article not converted yet (its keys in the
// old table, or the old form in bands_recent) joins its group, a deleted
// one leaves no key behind; the conversion runs in the background,
// resumes after it was stopped, and ends with every signature compact,
// every article's keys of today and the old table gone.
func TestCompactGroupsAfterUpgrade(t *testing.T) {
	ctx := context.Background()
	defer func(n int) { compactBatch = n }(compactBatch)
	defer func(n int) { dropBatch = n }(dropBatch)
	compactBatch, dropBatch = 3, 50
	path := filepath.Join(t.TempDir(), "clippings.db")
	before := previousGroupsArchive(t, path)
	s, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if pending, err := s.BackfillPending(ctx); err != nil || !pending {
		t.Fatalf("pending = %v, %v", pending, err)
	}
	for id, g := range before {
		if got := groupOf(t, s, id); !slices.Equal(got, g) {
			t.Errorf("#%d after the upgrade: group %v, want %v", id, got, g)
		}
	}
	tx := topicTexts(t)
	// tx[1] was stored first, its keys in bands_recent; tx[2] in bands.
	copies := addAll(t, s, story("Second copy", copyOf(tx[1].Body), "Coast Times", 25), story("Third copy", copyOf(tx[2].Body), "Coast Times", 26))
	for _, c := range copies {
		if g := groupOf(t, s, c); len(g) != 2 {
			t.Errorf("a new copy of an article not converted yet: group %v", g)
		}
	}

	// Stopped after its first batch, then resumed.
	cctx, cancel := context.WithCancel(ctx)
	batches := 0
	err = s.Backfill(cctx, func(done, total int) {
		if batches++; batches == 2 {
			cancel()
		}
	})
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("stopped conversion: %v", err)
	}
	// An article deleted half-way: its keys go from both tables.
	var last int64
	s.read.QueryRow("SELECT max(article_id) FROM signatures WHERE substr(data, 1, 1) = x'01'").Scan(&last)
	if last == 0 {
		t.Fatal("nothing left to convert after one batch")
	}
	if err := s.Delete(ctx, last); err != nil {
		t.Fatal(err)
	}
	var left int
	s.read.QueryRow("SELECT count(*) FROM bands_v1 WHERE article_id = ?", last).Scan(&left)
	if left != 0 {
		t.Errorf("%d old keys of a deleted article", left)
	}
	if err := s.Backfill(ctx, nil); err != nil {
		t.Fatal(err)
	}
	if pending, err := s.BackfillPending(ctx); err != nil || pending {
		t.Fatalf("after the conversion, pending = %v, %v", pending, err)
	}
	var old, tables int
	s.read.QueryRow("SELECT count(*) FROM signatures WHERE substr(data, 1, 1) <> x'02'").Scan(&old)
	s.read.QueryRow("SELECT count(*) FROM sqlite_schema WHERE name = 'bands_v1'").Scan(&tables)
	if old != 0 || tables != 0 {
		t.Errorf("%d signatures of another version, old table left: %v", old, tables == 1)
	}
	checkTraits(t, s)
	for id, g := range before {
		if id == last {
			continue
		}
		g = slices.DeleteFunc(slices.Clone(g), func(m int64) bool { return m == last })
		if len(g) == 1 {
			g = []int64{id}
		}
		got := slices.DeleteFunc(groupOf(t, s, id), func(m int64) bool { return slices.Contains(copies, m) })
		if !slices.Equal(got, g) {
			t.Errorf("#%d after the conversion: group %v, want %v", id, got, g)
		}
	}
	// Copies imported now find the converted articles by their new keys.
	later := addAll(t, s, story("Fourth copy", copyOf(tx[4].Body), "Coast Times", 27))
	if g := groupOf(t, s, later[0]); len(g) != 2 {
		t.Errorf("a copy of a converted article: group %v", g)
	}
	checkTraits(t, s)
	wantGroups(t, s)
}
