package cli

import (
	"context"
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
	Copies    *[]int64 `json:"copies,omitempty"` // with --group: the other members' ids
}

func runSearch(ctx context.Context, env Env, args []string) int {
	fs, dbFlag := newFlags(env, "search", "[--json] [--group] [--limit N] [--sort relevance|newest|oldest] QUERY...",
		"Search the archive. Matched words are marked **like this**.\n"+
			`Query syntax: words "a phrase" prefix* a OR b -word (group) title: author: source: note:`+"\n"+
			`after:2020-08-01 before:2020-09 date:2020-03 date:2019..2021-06 tag:NAME tag:"two words" -tag:NAME`+"\n"+
			`is:starred is:unread is:read lang:fr person:"NAME" place:NAME org:NAME`)
	asJSON := fs.Bool("json", false, "print one JSON object per hit")
	group := fs.Bool("group", false, `one line per story: copies of it from other outlets are counted ("+2 copies"), and listed with --json`)
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
	if !limitGiven(env, "search", *limit) {
		return ExitUsage
	}
	store, ok := openStore(ctx, env, *dbFlag, reads)
	if !ok {
		return ExitUsage
	}
	defer func() { store.Close() }()
	store.SetScanBudget(0) // an exact count up to the cap, not the first 60 ms

	req := db.Request{Query: strings.Join(fs.Args(), " "), Sort: sort, Limit: *limit, Group: *group}
	// Groups and entity filters need every article's copies and entities:
	// an archive from an earlier version is brought up to date first.
	if *group || mentionsEntities(req.Query) {
		if store, ok = backfill(ctx, env, store, "search"); !ok {
			return ExitFailed
		}
	}
	res, err := store.Search(ctx, req)
	if err != nil {
		fmt.Fprintf(env.Stderr, "clippings search: %v\n", err)
		return ExitFailed
	}
	printHits(env, res.Hits, *asJSON, *group)
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

// mentionsEntities reports whether a query may filter by entity
// (person:, place:, org:).
func mentionsEntities(query string) bool {
	q := strings.ToLower(query)
	for _, f := range []string{"person:", "people:", "place:", "places:", "org:", "orgs:", "organisation:", "organization:"} {
		if strings.Contains(q, f) {
			return true
		}
	}
	return false
}
