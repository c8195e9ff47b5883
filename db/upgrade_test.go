package db

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// v1Archive writes an archive at schema version 1 holding the fixtures, the
// way Clippings 0.1 stored them: rows, index entries and original files.
func v1Archive(t *testing.T, path string) map[string]int64 {
	t.Helper()
	ctx := context.Background()
	ms, err := loadMigrations()
	if err != nil {
		t.Fatal(err)
	}
	s, err := open(ctx, path, ms[:1], Create)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	// Version 1 archives were made before the application id.
	if _, err := s.write.ExecContext(ctx, "PRAGMA application_id = 0"); err != nil {
		t.Fatal(err)
	}
	ids := map[string]int64{}
	added := time.Date(2024, 3, 12, 8, 30, 0, 0, time.UTC)
	for i, a := range fixtures(t) {
		id := int64(i + 1)
		if i == 1 {
			a.Language = "fr" // one with a language, the rest unknown
		}
		day := added
		if a.Published.Known() {
			day = a.Published.Time
		}
		doc, authors, captions := wideKey(dayNumber(day), id), strings.Join(a.Authors, "\n"), captionsText(a.Captions)
		cj, _ := json.Marshal(nonNilCaptions(a.Captions))
		_, err := s.write.ExecContext(ctx, `INSERT INTO articles (id, doc, title, subtitle, authors, source, url, published,
			added, language, body, captions, captions_json, words, file_name, file_path, file_format, file_size, file_sha256, content_hash)
			VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)`,
			id, doc, a.Title, a.Subtitle, authors, a.Source, a.URL, nullDate(a.Published), added.Format(time.RFC3339),
			a.Language, a.Body, captions, string(cj), a.Words, a.File.Name, a.File.Path, a.File.Format, a.File.Size, a.File.SHA256, ContentHash(a))
		if err != nil {
			t.Fatal(err)
		}
		_, err = s.write.ExecContext(ctx, "INSERT INTO articles_fts (rowid, title, subtitle, authors, source, body, captions) VALUES (?,?,?,?,?,?,?)",
			doc, a.Title, a.Subtitle, authors, a.Source, a.Body, captions)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := s.write.ExecContext(ctx, "INSERT INTO originals (article_id, codec, data) VALUES (?, 'none', ?)", id, []byte("original of "+a.Title)); err != nil {
			t.Fatal(err)
		}
		ids[a.Title] = id
	}
	return ids
}

// An archive of the first version is upgraded with nothing lost: every
// article, its text, index entry and original, searchable as before; the
// articles start read, untagged; a backup of the old file is kept.
func TestUpgradeFromVersion1(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "clippings.db")
	ids := v1Archive(t, path)
	if got := userVersion(t, path); got != 1 {
		t.Fatalf("prepared archive at version %d", got)
	}
	if !NeedsUpgrade(path) {
		t.Error("a version 1 archive is not seen as needing the upgrade")
	}
	s, err := Open(ctx, path)
	if err != nil {
		t.Fatalf("upgrade: %v", err)
	}
	defer s.Close()
	if got := userVersion(t, path); got != SchemaVersion() {
		t.Errorf("upgraded to version %d, want %d", got, SchemaVersion())
	}
	if NeedsUpgrade(path) {
		t.Error("the upgraded archive is still seen as needing the upgrade")
	}
	notArchive := filepath.Join(t.TempDir(), "notes.txt")
	if err := os.WriteFile(notArchive, []byte("not a database"), 0o644); err != nil {
		t.Fatal(err)
	}
	if NeedsUpgrade(notArchive) || NeedsUpgrade(filepath.Join(t.TempDir(), "missing.db")) {
		t.Error("a file that is not an archive, or none, is seen as needing the upgrade")
	}
	if _, err := os.Stat(path + ".before-v2.bak"); err != nil {
		t.Errorf("no backup before the upgrade: %v", err)
	} else if got := userVersion(t, path+".before-v2.bak"); got != 1 {
		t.Errorf("backup at version %d, want 1", got)
	}
	fx := fixtures(t)
	for i, want := range fx {
		a, err := s.Get(ctx, ids[want.Title])
		if err != nil {
			t.Fatalf("Get %q: %v", want.Title, err)
		}
		if a.Title != want.Title || a.Body != want.Body || a.Source != want.Source || a.Published != want.Published ||
			strings.Join(a.Authors, "|") != strings.Join(want.Authors, "|") || len(a.Captions) != len(want.Captions) || a.File != want.File {
			t.Errorf("article %d changed: %+v", i, a.Article)
		}
		if !a.Read || a.Starred || len(a.Tags) != 0 || a.Note != "" || len(a.Edited) != 0 {
			t.Errorf("article %d: %+v, want read and nothing else", i, a.Organised)
		}
		orig, err := s.Original(ctx, a.ID)
		if err != nil || string(orig) != "original of "+want.Title {
			t.Errorf("original %d: %q %v", i, orig, err)
		}
	}
	for q, want := range map[string]int{
		"Zakharova": 1, `"negotiating table"`: 1, "negotiat*": 3, "ne*": 3, "title:mali": 2, "sangare": 1,
		"is:read": 6, "is:unread": 0, "lang:fr": 1, "lang:none": 5, "bamako is:read -lang:fr": 2, "": 6,
	} {
		r, err := s.Search(ctx, Request{Query: q})
		if err != nil || r.Total != want {
			t.Errorf("search %q: %d hits (%v), want %d", q, r.Total, err, want)
		}
	}
	// Organising works on the upgraded archive, and it stays whole.
	id := ids[fx[0].Title]
	if err := s.SetTags(ctx, []int64{id}, []string{"Mali coup"}, nil); err != nil {
		t.Fatal(err)
	}
	if err := s.SetRead(ctx, []int64{id}, false); err != nil {
		t.Fatal(err)
	}
	if r, _ := s.Search(ctx, Request{Query: `zakharova tag:"mali coup" is:unread`}); r.Total != 1 {
		t.Errorf("tagging after the upgrade: %d hits", r.Total)
	}
	checkIndex(t, s)
}
