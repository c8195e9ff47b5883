package importer

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"os"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/clippings/clippings/article"
	"github.com/clippings/clippings/db"
	"github.com/clippings/clippings/export"
)

// richArchive fills a store with articles that use every field: real files
// extracted by the importer, and the db fixtures with captions, subtitles,
// several authors and unknown dates, added at a time in the past.
func richArchive(t *testing.T) *db.Store {
	t.Helper()
	s := openStore(t)
	if _, sum := run(t, &Importer{Store: s}, "testdata/batch"); sum.Imported != 3 {
		t.Fatalf("import: %+v", sum)
	}
	b, err := os.ReadFile("../db/testdata/articles.json")
	if err != nil {
		t.Fatal(err)
	}
	var as []article.Article
	if err := json.Unmarshal(b, &as); err != nil {
		t.Fatal(err)
	}
	added := time.Date(2021, 3, 4, 5, 6, 7, 0, time.UTC)
	var items []db.NewArticle
	for i, a := range as {
		original := []byte(strings.Repeat("<p>"+a.Body+"</p>\n", i+1)) // some over, some under the compression threshold
		sum := sha256.Sum256(original)
		a.Language = "en"
		a.Words = len(strings.Fields(a.Body))
		a.URL = "https://example.com/" + export.Slug(a.Title, 40)
		a.File = article.File{Name: export.Slug(a.Title, 40) + ".html", Path: "/home/someone/saved/" + a.Title + ".html",
			Format: "html", Size: int64(len(original)), SHA256: hex.EncodeToString(sum[:])}
		items = append(items, db.NewArticle{Article: a, Original: original, Added: added.Add(time.Duration(i) * time.Hour)})
	}
	if _, err := s.Add(context.Background(), items); err != nil {
		t.Fatal(err)
	}
	return s
}

// everything returns each stored article with its original, by title and
// file name (two files may hold articles of one title).
func everything(t *testing.T, s *db.Store) map[string]export.Record {
	t.Helper()
	ctx := context.Background()
	out := map[string]export.Record{}
	req := db.Request{Sort: db.Oldest, Limit: 3}
	for {
		res, err := s.Search(ctx, req)
		if err != nil {
			t.Fatal(err)
		}
		for _, h := range res.Hits {
			a, err := s.Get(ctx, h.ID)
			if err != nil {
				t.Fatal(err)
			}
			orig, err := s.Original(ctx, h.ID)
			if err != nil {
				t.Fatal(err)
			}
			out[a.Title+" | "+a.File.Name] = export.NewRecord(a, orig)
		}
		if res.Next == "" {
			return out
		}
		req.Cursor = res.Next
	}
}

// A JSON export imported into an empty archive restores every article
// whole: every field, the time it was first added, and the original file
// byte for byte. Importing it again stores nothing.
func TestJSONExportRoundTrip(t *testing.T) {
	src := richArchive(t)
	ctx := context.Background()
	dir := t.TempDir()
	n, err := export.Write(ctx, src, dir, export.Options{Format: export.JSON}, nil)
	want := everything(t, src)
	if err != nil || n != len(want) {
		t.Fatalf("export: %d files, %v; want %d", n, err, len(want))
	}

	dst := openStore(t)
	got, sum := run(t, &Importer{Store: dst}, dir)
	if sum.Imported != len(want) || sum.Failed != 0 || sum.Skipped != 0 {
		t.Fatalf("restore summary %+v; want %d imported", sum, len(want))
	}
	for name, r := range got {
		if r.Status != Imported {
			t.Errorf("%s: %s %v", name, r.Status, r.Err)
		}
	}
	restored := everything(t, dst)
	if len(restored) != len(want) {
		t.Fatalf("%d articles restored; want %d", len(restored), len(want))
	}
	for key, w := range want {
		r, ok := restored[key]
		if !ok {
			t.Errorf("%q was not restored", key)
			continue
		}
		r.ID, w.ID = 0, 0 // a restore numbers articles anew
		if !reflect.DeepEqual(r, w) {
			t.Errorf("%q restored as\n%+v\nwant\n%+v", key, r, w)
		}
	}
	if rep, err := dst.Check(ctx); err != nil || !rep.OK() {
		t.Errorf("Check of the restored archive: %v %v", rep.Problems, err)
	}
	for _, q := range []string{"Zakharova", "REUTERS", "title:ECOWAS", "Traders"} {
		a, _ := src.Search(ctx, db.Request{Query: q})
		b, err := dst.Search(ctx, db.Request{Query: q})
		if err != nil || a.Total == 0 || b.Total != a.Total {
			t.Errorf("search %s: %d hits in the restored archive, %d in the source; %v", q, b.Total, a.Total, err)
		}
	}

	again, sum := run(t, &Importer{Store: dst}, dir)
	if sum.Duplicates != len(want) || sum.Imported != 0 {
		t.Errorf("second restore summary %+v; want all %d duplicates", sum, len(want))
	}
	for name, r := range again {
		if !errors.Is(r.Err, db.ErrDuplicate) {
			t.Errorf("second restore of %s: %s %v", name, r.Status, r.Err)
		}
	}
	// Into the archive they came from: duplicates too.
	if _, sum := run(t, &Importer{Store: src}, dir); sum.Duplicates != len(want) {
		t.Errorf("restore into the source archive: %+v", sum)
	}
}

// Only Clippings' own JSON is read: other JSON files in a folder are
// skipped, and a damaged or newer export fails with the reason.
func TestRestoreRefusesOtherAndDamagedJSON(t *testing.T) {
	s := openStore(t)
	got, sum := run(t, &Importer{Store: s}, "testdata/exports")
	want := map[string]struct {
		status Status
		is     error
	}{
		"package.json":              {Skipped, ErrNotExport},
		"1-tampered-original.json":  {Failed, export.ErrBadExport},
		"2-from-the-future.json":    {Failed, export.ErrNewerExport},
		"3-cut-short.json":          {Failed, export.ErrBadExport},
		"4-ferry-service-back.json": {Imported, nil},
	}
	for name, w := range want {
		r := got[name]
		if r.Status != w.status || (w.is != nil && !errors.Is(r.Err, w.is)) {
			t.Errorf("%s: %s %v; want %s %v", name, r.Status, r.Err, w.status, w.is)
		}
	}
	if sum.Imported != 1 {
		t.Errorf("summary %+v", sum)
	}
	// Named on the command line, a foreign JSON file is a failure, not a skip.
	got, _ = run(t, &Importer{Store: s}, "testdata/exports/package.json")
	if r := got["package.json"]; r.Status != Failed || !errors.Is(r.Err, ErrNotExport) {
		t.Errorf("package.json named explicitly: %s %v", r.Status, r.Err)
	}
}
