package db

import (
	"bytes"
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"strings"

	"github.com/clippings/clippings/article"
)

// Edited metadata fields, as Article.Edited names them.
const (
	FieldTitle     = "title"
	FieldAuthors   = "authors"
	FieldSource    = "source"
	FieldPublished = "published"
	FieldURL       = "url"
)

// MetadataEdit corrects what extraction got wrong. A nil field is left as
// it is. Edited fields are remembered, and re-extraction keeps them.
type MetadataEdit struct {
	Title     *string
	Authors   *[]string
	Source    *string
	Published *article.Date // a zero Date: unknown
	URL       *string
}

// userEdits is the edits column: the values the user gave.
type userEdits struct {
	Title     *string   `json:"title,omitempty"`
	Authors   *[]string `json:"authors,omitempty"`
	Source    *string   `json:"source,omitempty"`
	Published *string   `json:"published,omitempty"` // YYYY-MM-DD, "" for unknown
	URL       *string   `json:"url,omitempty"`
}

func decodeEdits(s string) (userEdits, error) {
	var e userEdits
	if s == "" {
		return e, nil
	}
	if err := json.Unmarshal([]byte(s), &e); err != nil {
		return e, fmt.Errorf("edited fields: %w", err)
	}
	return e, nil
}

func (e userEdits) encode() (string, error) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(e); err != nil {
		return "", fmt.Errorf("edited fields: %w", err)
	}
	return strings.TrimSpace(buf.String()), nil
}

// fields names the edited fields, in a fixed order.
func (e userEdits) fields() []string {
	out := []string{}
	for _, f := range []struct {
		set  bool
		name string
	}{
		{e.Title != nil, FieldTitle}, {e.Authors != nil, FieldAuthors}, {e.Source != nil, FieldSource},
		{e.Published != nil, FieldPublished}, {e.URL != nil, FieldURL},
	} {
		if f.set {
			out = append(out, f.name)
		}
	}
	return out
}

// editsOf records a's values of the named fields as edits (a restore).
func editsOf(a article.Article, fields []string) userEdits {
	var e userEdits
	for _, f := range fields {
		switch f {
		case FieldTitle:
			e.Title = &a.Title
		case FieldAuthors:
			authors := append([]string{}, a.Authors...)
			e.Authors = &authors
		case FieldSource:
			e.Source = &a.Source
		case FieldPublished:
			d := a.Published.String()
			e.Published = &d
		case FieldURL:
			e.URL = &a.URL
		}
	}
	return e
}

// merge adds m's fields to e.
func (e *userEdits) merge(m MetadataEdit) error {
	// A correction is cleaned as extraction cleans what it reads: no control
	// characters (a title that retitles the terminal) or line breaks.
	if m.Title != nil {
		t := article.CleanLine(*m.Title)
		if t == "" {
			return fmt.Errorf("%w: an article needs a title", ErrInvalid)
		}
		e.Title = &t
	}
	if m.Authors != nil {
		var authors []string
		for _, a := range *m.Authors {
			if a = article.CleanLine(a); a != "" {
				authors = append(authors, a)
			}
		}
		if authors == nil {
			authors = []string{}
		}
		e.Authors = &authors
	}
	if m.Source != nil {
		src := article.CleanLine(*m.Source)
		e.Source = &src
	}
	if m.Published != nil {
		d := article.NewDate(m.Published.Time).String()
		e.Published = &d
	}
	if m.URL != nil {
		u := article.CleanLine(*m.URL)
		e.URL = &u
	}
	return nil
}

// apply writes the edited values over r's.
func (e userEdits) apply(r *stored) {
	if e.Title != nil {
		r.title = *e.Title
	}
	if e.Authors != nil {
		r.authors = strings.Join(*e.Authors, "\n")
	}
	if e.Source != nil {
		r.source = *e.Source
	}
	if e.Published != nil {
		r.published = sql.NullString{String: *e.Published, Valid: *e.Published != ""}
	}
	if e.URL != nil {
		r.url = *e.URL
	}
}

// Edit corrects an article's metadata. The fields set are remembered as the
// user's, so re-extraction keeps them; a new published date moves the
// article in date order. The text's duplicate fingerprint stays that of the
// extracted text, so the same article imported again is still a duplicate.
func (s *Store) Edit(ctx context.Context, id int64, m MetadataEdit) error {
	return s.rewrite(ctx, []int64{id}, nil, func(_ context.Context, _ *sql.Tx, r *stored) error {
		e, err := decodeEdits(r.edits)
		if err != nil {
			return err
		}
		if err := e.merge(m); err != nil {
			return err
		}
		if r.edits, err = e.encode(); err != nil {
			return err
		}
		e.apply(r)
		return nil
	}, nil)
}

// Reextraction is a fresh extraction of a stored article's original file.
type Reextraction struct {
	ID      int64
	Article article.Article

	found *foundTraits // filled by Prepare
}

// foundTraits are traits and the text they were found in.
type foundTraits struct {
	title, body string
	traits      traits
}

// Prepare signs the new text and finds its entities: Reextracted calls
// it for a text that changed when the caller has not; re-extraction calls
// it on its worker goroutines so the one writer only writes.
func (r *Reextraction) Prepare() {
	if r.found == nil {
		r.found = &foundTraits{r.Article.Title, r.Article.Body, traitsOf(r.Article.Title, r.Article.Body)}
	}
}

// traitsFor returns the traits of the text as stored (the user's edits
// applied to the new extraction), prepared if that is the text prepared.
func (r *Reextraction) traitsFor(title, body string) traits {
	if r.found != nil && r.found.title == title && r.found.body == body {
		return r.found.traits
	}
	return traitsOf(title, body)
}

// ReextractOutcome is what became of one re-extracted article.
type ReextractOutcome struct {
	Changed bool  // the article was rewritten; false: the extraction gave what was stored
	Err     error // why it was left as it was: ErrNotFound, a *DuplicateError of another article
}

// Reextracted stores fresh extractions of articles, one transaction per
// batch: text and metadata are replaced, while the id, import time, file,
// tags, star, read state, note and the user's metadata edits are kept. An
// extraction whose text duplicates another article is not stored. The error
// is for the archive failing; the outcomes are per article, in order.
func (s *Store) Reextracted(ctx context.Context, items []Reextraction) ([]ReextractOutcome, error) {
	out := make([]ReextractOutcome, len(items))
	index := map[int64][]int{}
	ids := make([]int64, len(items))
	for i, it := range items {
		ids[i] = it.ID
		index[it.ID] = append(index[it.ID], i)
	}
	var found *traitWriter
	err := s.rewrite(ctx, ids, func(ctx context.Context, tx *sql.Tx) error {
		found = s.traitWriter(ctx, tx)
		return nil
	}, func(ctx context.Context, tx *sql.Tx, r *stored) error {
		at := index[r.id]
		item := &items[at[len(at)-1]]
		a := item.Article
		before := r.clone()
		outcome := func(o ReextractOutcome) {
			for _, i := range at {
				out[i] = o
			}
		}
		hash := ContentHash(a)
		if !bytes.Equal(hash, r.hash) {
			var other int64
			err := tx.QueryRowContext(ctx, "SELECT id FROM articles WHERE content_hash = ? AND id <> ?", hash, r.id).Scan(&other)
			if err == nil {
				outcome(ReextractOutcome{Err: &DuplicateError{ID: other}})
				return nil
			}
			if !errors.Is(err, sql.ErrNoRows) {
				return fmt.Errorf("look for duplicate: %w", err)
			}
		}
		captionsJ, err := json.Marshal(nonNilCaptions(a.Captions))
		if err != nil {
			return fmt.Errorf("encode captions: %w", err)
		}
		r.title, r.subtitle, r.authors, r.source, r.url = a.Title, a.Subtitle, strings.Join(a.Authors, "\n"), a.Source, a.URL
		r.published = sql.NullString{String: a.Published.String(), Valid: a.Published.Known()}
		r.language, r.body, r.captions, r.captionsJ = a.Language, a.Body, captionsText(a.Captions), string(captionsJ)
		r.words, r.hash = a.Words, hash
		if a.File.Format != "" {
			r.format = a.File.Format
		}
		e, err := decodeEdits(r.edits)
		if err != nil {
			return err
		}
		e.apply(r)
		// What the text reveals follows the text: a new body is signed and
		// grouped again (leaving its old group, which stays together
		// without it), a new headline or body has its entities found again.
		tokens := entityTokensOf(before.keys)
		has, err := found.hasTraits(r.id)
		if err != nil {
			return err
		}
		switch {
		case r.body != before.body || !has:
			t := item.traitsFor(r.title, r.body)
			if has {
				if err := found.forget(r.id); err != nil {
					return err
				}
			}
			if err := found.store(articleTraits{r.id, t}); err != nil {
				return err
			}
			tokens = t.tokens
		case r.title != before.title:
			t := item.traitsFor(r.title, r.body)
			if err := found.replaceEntities(r.id, t.entities); err != nil {
				return err
			}
			tokens = t.tokens
		}
		r.keys = withEntityTokens(indexKeys(r.language, r.read, r.starred, r.tags), tokens)
		outcome(ReextractOutcome{Changed: !r.same(&before)})
		return nil
	}, func(context.Context, *sql.Tx) error {
		found.close()
		return nil
	})
	var nf *NotFoundError
	if errors.As(err, &nf) {
		for _, id := range nf.IDs {
			for _, i := range index[id] {
				out[i] = ReextractOutcome{Err: fmt.Errorf("article #%d: %w", id, ErrNotFound)}
			}
		}
		err = nil
	}
	return out, err
}
