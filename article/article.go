// Package article turns files (copied text, saved web pages, Markdown, …) into
// clean articles. It knows nothing of storage or of the GUI.
package article

import (
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"
)

// Article is one extracted article. It is what the store keeps and what
// `clippings show --json` prints (together with the store's id and added time).
type Article struct {
	Title     string    `json:"title"`
	Subtitle  string    `json:"subtitle"`
	Authors   []string  `json:"authors"`
	Source    string    `json:"source"`
	URL       string    `json:"url"`
	Published Date      `json:"published"`
	Language  string    `json:"language"` // ISO 639-1, "" when unknown
	Body      string    `json:"body"`     // plain text, paragraphs separated by blank lines
	Captions  []Caption `json:"captions"`
	Words     int       `json:"words"`
	File      File      `json:"file"`
}

// Caption is a photo caption with its credit ("REUTERS/ Idrissa Sangare").
type Caption struct {
	Text   string `json:"text"`
	Credit string `json:"credit"`
}

// File describes where an article came from.
type File struct {
	Name   string `json:"name"`
	Path   string `json:"path"`
	Format string `json:"format"` // "text", "html", "markdown", "email", "pdf", …
	Size   int64  `json:"size"`
	SHA256 string `json:"sha256"`
}

// Date is a calendar date that may be unknown (the zero value). It marshals
// to JSON as "YYYY-MM-DD" or null.
type Date struct{ time.Time }

// DateLayout is the ISO 8601 calendar date layout used everywhere.
const DateLayout = "2006-01-02"

// NewDate keeps only the calendar day of t, in t's own location.
func NewDate(t time.Time) Date {
	if t.IsZero() {
		return Date{}
	}
	y, m, d := t.Date()
	return Date{time.Date(y, m, d, 0, 0, 0, 0, time.UTC)}
}

// ParseDate parses "YYYY-MM-DD"; the empty string is the unknown date.
func ParseDate(s string) (Date, error) {
	if s == "" {
		return Date{}, nil
	}
	t, err := time.Parse(DateLayout, s)
	if err != nil {
		return Date{}, fmt.Errorf("date %q is not YYYY-MM-DD: %w", s, err)
	}
	return Date{t}, nil
}

// ParsePublished reads a publication date a person typed (a correction):
// YYYY-MM-DD, or nothing for an unknown date. Days from the year 1000 (the
// archive's date keys start there) to today are accepted, with two days'
// grace for time zones: 0001-01-01 is no date, and 9999-12-31 would
// stretch a timeline over eight thousand years. The errors say what is
// accepted.
func ParsePublished(s string) (Date, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return Date{}, nil
	}
	t, err := time.Parse(DateLayout, s)
	if err != nil {
		var pe *time.ParseError
		if errors.As(err, &pe) && strings.Contains(pe.Message, "out of range") {
			return Date{}, fmt.Errorf("there is no such day as %s", s)
		}
		return Date{}, errors.New("write the date as YYYY-MM-DD, e.g. 2020-08-19")
	}
	if t.Year() < 1000 {
		return Date{}, fmt.Errorf("%s: dates are taken from the year 1000 to today", s)
	}
	if t.After(time.Now().AddDate(0, 0, 2)) {
		return Date{}, fmt.Errorf("%s has not come yet: dates are taken from the year 1000 to today", s)
	}
	return NewDate(t), nil
}

// Known reports whether the date is set.
func (d Date) Known() bool { return !d.IsZero() }

// String is "YYYY-MM-DD", or "" when unknown.
func (d Date) String() string {
	if !d.Known() {
		return ""
	}
	return d.Format(DateLayout)
}

func (d Date) MarshalJSON() ([]byte, error) {
	if !d.Known() {
		return []byte("null"), nil
	}
	return json.Marshal(d.String())
}

func (d *Date) UnmarshalJSON(b []byte) error {
	var s *string
	if err := json.Unmarshal(b, &s); err != nil {
		return err
	}
	if s == nil {
		*d = Date{}
		return nil
	}
	// Accept full timestamps too, keeping the day.
	if t, err := time.Parse(time.RFC3339, *s); err == nil {
		*d = NewDate(t)
		return nil
	}
	v, err := ParseDate(*s)
	*d = v
	return err
}
