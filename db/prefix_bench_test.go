package db_test

import (
	"context"
	"fmt"
	"os"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/clippings/clippings/db"
)

// BenchmarkPrefixSearch times the prefix searches of docs/speed.md: the
// first page of 50 ranked hits with its count, as the window asks
// (first-ms: the first time, when the articles in doubt are settled;
// ns/op: again, settled), and the articles it matches (every one listed,
// with no cap) and how many of them hold no word with the prefix (wrong).
// On the bench's synthetic articles (CLIPPINGS_BENCH_ARTICLES, 20,000 by
// default), or on an archive of one's own (CLIPPINGS_PREFIX_ARCHIVE: a
// copy, as it is upgraded and its words listed first);
// CLIPPINGS_PREFIX_QUERIES: other queries, comma separated.
func BenchmarkPrefixSearch(b *testing.B) {
	ctx := context.Background()
	var s *db.Store
	if path := os.Getenv("CLIPPINGS_PREFIX_ARCHIVE"); path != "" {
		var err error
		if s, err = db.Open(ctx, path); err != nil {
			b.Fatal(err)
		}
		defer s.Close()
		start := time.Now()
		if err := s.IndexWords(ctx, nil); err != nil {
			b.Fatal(err)
		}
		fmt.Fprintf(os.Stderr, "words listed in %s\n", time.Since(start).Round(time.Millisecond))
	} else {
		s = organisedArchive(b, benchArticles())
	}
	queries := os.Getenv("CLIPPINGS_PREFIX_QUERIES")
	if queries == "" {
		queries = "reporter*,protester*,news*,negotiat*,reporter* OR trade,trade -reporter*"
	}
	for _, q := range strings.Split(queries, ",") {
		if q == "" {
			continue
		}
		b.Run(q, func(b *testing.B) {
			req := db.Request{Query: q, Limit: 50}
			// A note on no article: the archive changes, what was settled
			// is forgotten.
			if err := s.SetNote(ctx, 1, time.Now().String()); err != nil {
				b.Fatal(err)
			}
			t0 := time.Now()
			if _, err := s.Search(ctx, req); err != nil {
				b.Fatal(err)
			}
			first := time.Since(t0)
			for b.Loop() {
				if _, err := s.Search(ctx, req); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(first.Microseconds())/1000, "first-ms")
			ids, err := s.MatchingIDs(ctx, q)
			if err != nil {
				b.Fatal(err)
			}
			b.ReportMetric(float64(len(ids)), "matches")
			if p := strings.TrimSuffix(q, "*"); p != q && !strings.ContainsAny(p, " :\"") {
				wrong := 0
				for _, id := range ids {
					a, err := s.Get(ctx, id)
					if err != nil {
						b.Fatal(err)
					}
					if !slices.ContainsFunc(strings.FieldsFunc(strings.ToLower(a.Title+" "+a.Body+" "+a.Subtitle+" "+a.Source+" "+strings.Join(a.Authors, " ")), notLetter), func(w string) bool { return strings.HasPrefix(w, p) }) {
						wrong++
					}
				}
				b.ReportMetric(float64(wrong), "wrong")
			}
		})
	}
}

func notLetter(r rune) bool { return !('a' <= r && r <= 'z' || '0' <= r && r <= '9' || r >= 0x80) }
