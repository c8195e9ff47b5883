package cli

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"

	"github.com/clippings/clippings/db"
)

// searchJSON is one line of `search --json`.
type searchJSON struct {
	ID        int64    `json:"id"`
	Title     string   `json:"title"`
	Source    string   `json:"source"`
	Published *string  `json:"published"`
	Snippet   string   `json:"snippet"`
	Score     float64  `json:"score"`
	Tags      []string `json:"tags"`
	Starred   bool     `json:"starred"`
	Read      bool     `json:"read"`
}

func runSearch(ctx context.Context, env Env, args []string) int {
	fs, dbFlag := newFlags(env, "search", "[--json] [--limit N] [--sort relevance|newest|oldest] QUERY...",
		"Search the archive. Matched words are marked **like this**.\n"+
			`Query syntax: words "a phrase" prefix* a OR b -word (group) title: author: source: note:`+"\n"+
			`after:2020-08-01 before:2020-09 tag:NAME tag:"two words" -tag:NAME is:starred is:unread is:read lang:fr`)
	asJSON := fs.Bool("json", false, "print one JSON object per hit")
	limit := fs.Int("limit", 20, "show at most `N` hits")
	sortFlag := fs.String("sort", "relevance", "order: relevance, newest or oldest")
	if ok, status := parse(fs, args); !ok {
		return status
	}
	sort, err := db.ParseSort(*sortFlag)
	if err != nil {
		fmt.Fprintf(env.Stderr, "clippings search: %v\n", err)
		return ExitUsage
	}
	if *limit <= 0 {
		fmt.Fprintln(env.Stderr, "clippings search: --limit must be at least 1")
		return ExitUsage
	}
	store, ok := openStore(ctx, env, *dbFlag)
	if !ok {
		return ExitUsage
	}
	defer store.Close()
	store.SetScanBudget(0) // an exact count up to the cap, not the first 60 ms

	req := db.Request{Query: strings.Join(fs.Args(), " "), Sort: sort, Limit: *limit}
	res, err := store.Search(ctx, req)
	if err != nil {
		fmt.Fprintf(env.Stderr, "clippings search: %v\n", err)
		return ExitFailed
	}
	enc := json.NewEncoder(env.Stdout)
	enc.SetEscapeHTML(false)
	for _, h := range res.Hits {
		if *asJSON {
			line := searchJSON{ID: h.ID, Title: h.Title, Source: h.Source, Snippet: marks(h.Snippet, "**", "**"), Score: h.Score,
				Tags: h.Tags, Starred: h.Starred, Read: h.Read}
			if line.Tags == nil {
				line.Tags = []string{}
			}
			if h.Published.Known() {
				d := h.Published.String()
				line.Published = &d
			}
			enc.Encode(line)
			continue
		}
		date := h.Published.String()
		if date == "" {
			date = "    -     "
		}
		fmt.Fprintf(env.Stdout, "#%-6d %s  %s — %s%s\n        %s\n", h.ID, date, orDash(h.Source), h.Title, marksOf(h), marks(h.Snippet, "**", "**"))
	}
	if !*asJSON {
		more := ""
		if res.TotalCapped {
			more = "+" // counting stops at db.CountCap: there are more
		}
		fmt.Fprintf(env.Stderr, "%d of %d%s matches\n", len(res.Hits), res.Total, more)
	}
	return ExitOK
}

func orDash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}

// marksOf is what the user added to a hit, after its title: "  ★ [Mali coup, read-later]".
func marksOf(h db.Hit) string {
	var b strings.Builder
	if h.Starred {
		b.WriteString("  ★")
	}
	if len(h.Tags) > 0 {
		b.WriteString("  [" + strings.Join(h.Tags, ", ") + "]")
	}
	return b.String()
}
