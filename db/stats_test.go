package db

import (
	"context"
	"encoding/json"
	"os"
	"testing"
	"time"
)

func TestStatsOfEmptyArchive(t *testing.T) {
	s := openTemp(t)
	st, err := s.Stats(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if st.Articles != 0 || st.Sources != 0 || len(st.Languages) != 0 || st.Published.First.Known() || st.TextBytes != 0 {
		t.Errorf("Stats of an empty archive = %+v", st)
	}
	b, _ := json.Marshal(st)
	var back map[string]any
	json.Unmarshal(b, &back)
	if back["articles"] != 0.0 || back["languages"] == nil {
		t.Errorf("JSON %s: want \"articles\": 0 and an empty languages list", b)
	}
}

func TestStatsCountsAndMeasures(t *testing.T) {
	s := openTemp(t)
	as := fixtures(t)
	seed(t, s)
	st, err := s.Stats(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	var (
		sources   = map[string]bool{}
		langs     = map[string]int{}
		text      int64
		originals int64
		first     = "9999-12-31"
		last      = ""
	)
	for _, a := range as {
		if a.Source != "" {
			sources[a.Source] = true
		}
		langs[a.Language]++
		text += int64(len(a.Title) + len(a.Subtitle) + len(captionsText(a.Captions)) + len(a.Body))
		for i, au := range a.Authors {
			text += int64(len(au))
			if i > 0 {
				text++ // the newline between authors
			}
		}
		originals += a.File.Size
		if d := a.Published.String(); d != "" {
			first, last = min(first, d), max(last, d)
		}
	}
	if st.Articles != len(as) || st.Sources != len(sources) || st.TextBytes != text || st.OriginalBytes != originals {
		t.Errorf("Stats = %+v; want %d articles, %d sources, %d text bytes, %d original bytes", st, len(as), len(sources), text, originals)
	}
	if len(st.Languages) != len(langs) {
		t.Errorf("languages %+v; want %v", st.Languages, langs)
	}
	for _, l := range st.Languages {
		if langs[l.Code] != l.Articles {
			t.Errorf("language %q: %d articles; want %d", l.Code, l.Articles, langs[l.Code])
		}
	}
	if st.Published.First.String() != first || st.Published.Last.String() != last {
		t.Errorf("published %v–%v; want %s–%s", st.Published.First, st.Published.Last, first, last)
	}
	today := time.Now().UTC().Format("2006-01-02")
	if st.Added.First.String() != today || st.Added.Last.String() != today {
		t.Errorf("added %v–%v; want today", st.Added.First, st.Added.Last)
	}
	fi, _ := os.Stat(s.Path())
	if st.FileBytes < fi.Size() || st.StoredOriginalBytes <= 0 {
		t.Errorf("file bytes %d (file is %d), stored originals %d", st.FileBytes, fi.Size(), st.StoredOriginalBytes)
	}
}

func TestFullTextOptionsAreTheIndexOwn(t *testing.T) {
	s := openTemp(t)
	got, err := s.FullTextOptions(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if want := "tokenize = 'porter unicode61 remove_diacritics 2', prefix = '2 3'"; got != want {
		t.Fatalf("options %q, want %q", got, want)
	}
	// A table made with them indexes as the archive does: a prefix of two
	// letters finds a stemmed, diacritic-free word.
	if _, err := s.write.Exec("CREATE VIRTUAL TABLE temp.probe USING fts5(body, " + got + ")"); err != nil {
		t.Fatal(err)
	}
	if _, err := s.write.Exec("INSERT INTO temp.probe(body) VALUES ('Négociations à Bamako')"); err != nil {
		t.Fatal(err)
	}
	var n int
	if err := s.write.QueryRow("SELECT count(*) FROM temp.probe WHERE probe MATCH 'ne* AND negociation AND bamako'").Scan(&n); err != nil || n != 1 {
		t.Errorf("matches %d, %v", n, err)
	}
}
