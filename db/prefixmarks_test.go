package db

import (
	"context"
	"strings"
	"testing"

	"github.com/clippings/clippings/article"
)

// marked lists the passages between marks.
func marked(s string) []string {
	var out []string
	for {
		i := strings.Index(s, MarkStart)
		if i < 0 {
			return out
		}
		j := strings.Index(s[i:], MarkEnd)
		out = append(out, s[i+len(MarkStart):i+j])
		s = s[i+j+len(MarkEnd):]
	}
}

// A prefix is searched through the stems of its words, and FTS5 marks
// every word of those stems: the marks the article was not found by go.
func TestPrefixMarksOnlyItsWords(t *testing.T) {
	s := openTemp(t)
	ctx := context.Background()
	a := article.Article{Title: "Talks on the negotiable border", Body: "Negotiators said the terms were negotiable. The negotiations went on in Bamako, and the negotiator left."}
	ids, err := s.Add(ctx, []NewArticle{{Article: a, Original: []byte(a.Body)}})
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		query       string
		title, body string // the marked passages, joined by |
	}{
		{"negotiat*", "", "Negotiators|negotiations|negotiator"},
		{"negotiable OR negotiat*", "negotiable", "Negotiators|negotiable|negotiations|negotiator"},
		{"negotiat* bamako", "", "Negotiators|negotiations|Bamako|negotiator"},
		{`"the negotiat"*`, "", "The negotiations|the negotiator"},
		// No prefix: every word of the stem, as a search of words finds them.
		{"negotiable", "negotiable", "Negotiators|negotiable|negotiations|negotiator"},
	}
	for _, tt := range tests {
		title, body, err := s.Highlight(ctx, ids[0].ID, tt.query)
		if err != nil {
			t.Fatalf("%s: %v", tt.query, err)
		}
		if got := strings.Join(marked(title), "|"); got != tt.title {
			t.Errorf("%s: title marks %q, want %q", tt.query, got, tt.title)
		}
		if got := strings.Join(marked(body), "|"); got != tt.body {
			t.Errorf("%s: body marks %q, want %q", tt.query, got, tt.body)
		}
	}
	r, err := s.Search(ctx, Request{Query: "negotiat*"})
	if err != nil || len(r.Hits) != 1 {
		t.Fatalf("search: %v %v", r, err)
	}
	for _, p := range marked(r.Hits[0].Snippet) {
		if !strings.HasPrefix(strings.ToLower(p), "negotiat") {
			t.Errorf("snippet marks %q: %q", p, r.Hits[0].Snippet)
		}
	}
}
