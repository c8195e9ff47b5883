package db

import (
	"context"
	"database/sql"
	"strings"
	"testing"
)

func TestCheckHealthyArchive(t *testing.T) {
	s := openTemp(t)
	ids := seed(t, s)
	r, err := s.Check(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if !r.OK() || r.Articles != len(ids) || r.Path != s.Path() {
		t.Errorf("Check = %+v; want OK with %d articles", r, len(ids))
	}
}

// Each kind of damage is found and names the article concerned.
func TestCheckFindsEachKindOfDamage(t *testing.T) {
	const victim = 3
	cases := []struct {
		name        string
		damage      string // SQL run on the writer, as a bug or a bad sector might
		kind        string
		article     int64
		detailWords string
	}{
		{"original missing", "UPDATE articles SET original = NULL WHERE id = 3",
			ProblemOriginal, victim, "original file is missing"},
		{"original garbled", "UPDATE articles SET original_codec = 'gzip', original = x'1f8b08000000000000ffdeadbeef' WHERE id = 3",
			ProblemOriginal, victim, "damaged"},
		{"original of no article", "PRAGMA foreign_keys = OFF; INSERT INTO originals VALUES (777, 'none', x'00'); PRAGMA foreign_keys = ON",
			ProblemOriginal, 0, "#777, which does not exist"},
		{"index entry missing", `INSERT INTO articles_fts(articles_fts, rowid, title, subtitle, authors, source, body, captions)
			SELECT 'delete', doc, title, subtitle, authors, source, body, captions FROM articles WHERE id = 3`,
			ProblemIndex, victim, "not in the full-text index"},
		{"index entry of no article", "INSERT INTO articles_fts(rowid, title, body) VALUES (99999, 'ghost', 'a ghost entry')",
			ProblemIndex, 0, "for no article"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			s := openTemp(t)
			seed(t, s)
			ctx := context.Background()
			if _, err := s.write.ExecContext(ctx, c.damage); err != nil {
				t.Fatal(err)
			}
			r, err := s.Check(ctx)
			if err != nil {
				t.Fatal(err)
			}
			if r.OK() {
				t.Fatal("Check found nothing wrong")
			}
			found := false
			for _, p := range r.Problems {
				if p.Kind == c.kind && p.Article == c.article && strings.Contains(p.Detail, c.detailWords) {
					found = true
				}
			}
			if !found {
				t.Errorf("problems %v; want a %s problem of article %d saying %q", r.Problems, c.kind, c.article, c.detailWords)
			}
		})
	}
}

// A reader that ran integrity_check before the index's segments were
// merged keeps FTS5's old structure record: Check must not report the
// merged-away segments as corruption (it did, on the second check of a
// long-running app after an import).
func TestCheckAfterIndexMerges(t *testing.T) {
	s := openTemp(t)
	ctx := context.Background()
	for i := range 4 {
		if _, err := s.Add(ctx, numbered(t, i, 1)); err != nil {
			t.Fatal(err)
		}
	}
	if r, err := s.Check(ctx); err != nil || !r.OK() {
		t.Fatalf("first check: %v %v", r.Problems, err)
	}
	// Every reader reads the index as it is now (as earlier checks did).
	var conns []*sql.Conn
	for range 4 {
		c, err := s.read.Conn(ctx)
		if err != nil {
			t.Fatal(err)
		}
		var ok string
		if err := c.QueryRowContext(ctx, "PRAGMA integrity_check").Scan(&ok); err != nil || ok != "ok" {
			t.Fatal(ok, err)
		}
		conns = append(conns, c)
	}
	for _, c := range conns {
		c.Close()
	}
	for i := range 4 {
		if _, err := s.Add(ctx, numbered(t, 10+i, 1)); err != nil {
			t.Fatal(err)
		}
	}
	// Merge every segment into one, as automerge does over time.
	if _, err := s.write.ExecContext(ctx, "INSERT INTO articles_fts(articles_fts) VALUES('optimize')"); err != nil {
		t.Fatal(err)
	}
	if r, err := s.Check(ctx); err != nil || !r.OK() {
		t.Errorf("check after merges: %v %v", r.Problems, err)
	}
}
