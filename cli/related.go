package cli

import (
	querylang "github.com/clippings/clippings/query"

	"context"
	"encoding/json"
	"fmt"
	"strings"

	"github.com/clippings/clippings/db"
	"github.com/clippings/clippings/entities"
)

// What the archive knows around articles, from the command line: related
// articles, the timeline of a search, the entities articles name.

func runRelated(ctx context.Context, env Env, args []string) int {
	fs, dbFlag := newFlags(env, "related", "[--json] [--limit N] ID",
		"List the articles most like one: its most distinctive words searched for together,\n"+
			"leaving out its copies (the same story from other outlets)")
	asJSON := fs.Bool("json", false, "print one JSON object per article, as search --json")
	limit := fs.Int("limit", 10, "show at most `N` articles")
	if ok, status := parse(fs, args); !ok {
		return status
	}
	id, ok := idArg(env, "related", fs.Args(), 1, "give exactly one article ID")
	if !ok {
		return ExitUsage
	}
	if !limitGiven(env, "related", *limit) {
		return ExitUsage
	}
	store, ok := openStore(ctx, env, *dbFlag, reads)
	if !ok {
		return ExitUsage
	}
	defer func() { store.Close() }()
	if store, ok = backfill(ctx, env, store, "related"); !ok {
		return ExitFailed
	}
	hits, err := store.Related(ctx, id, *limit)
	if err != nil {
		fmt.Fprintf(env.Stderr, "clippings related: %v\n", err)
		return ExitFailed
	}
	printHits(env, hits, *asJSON, false)
	return ExitOK
}

// printHits prints search results: one JSON object per line, or two lines
// of text per hit. grouped adds the copies of each.
func printHits(env Env, hits []db.Hit, asJSON, grouped bool) {
	enc := json.NewEncoder(env.Stdout)
	enc.SetEscapeHTML(false)
	for _, h := range hits {
		if asJSON {
			line := searchJSON{ID: h.ID, Title: h.Title, Source: h.Source, Snippet: marks(h.Snippet, "**", "**"), Score: h.Score,
				Tags: h.Tags, Starred: h.Starred, Read: h.Read}
			if line.Tags == nil {
				line.Tags = []string{}
			}
			if h.Published.Known() {
				d := h.Published.String()
				line.Published = &d
			}
			if grouped {
				copies := append([]int64{}, h.Copies...)
				line.Copies = &copies
			}
			enc.Encode(line)
			continue
		}
		date := h.Published.String()
		if date == "" {
			date = "    -     "
		}
		copies := ""
		switch n := len(h.Copies); {
		case n == 1:
			copies = "  (+1 copy)"
		case n > 1:
			copies = fmt.Sprintf("  (+%d copies)", n)
		}
		fmt.Fprintf(env.Stdout, "#%-6d %s  %s — %s%s%s\n        %s\n", h.ID, date, orDash(oneLine(h.Source)), oneLine(h.Title), marksOf(h), copies, marks(h.Snippet, "**", "**"))
	}
}

// timelineJSON is `timeline --json`.
type timelineJSON struct {
	Unit     db.TimelineUnit `json:"unit"`
	Complete bool            `json:"complete"`
	Periods  []periodJSON    `json:"periods"`
}

type periodJSON struct {
	Period string `json:"period"` // "2020", "2020-03" or "2020-03-14"
	Count  int    `json:"count"`
	Query  string `json:"query"` // the date: filter of the period
}

func runTimeline(ctx context.Context, env Env, args []string) int {
	fs, dbFlag := newFlags(env, "timeline", "[--json] QUERY...",
		"Count a search's results by year, month or day of publication (as the window's histogram),\n"+
			"each with the date: filter that narrows a search to it")
	asJSON := fs.Bool("json", false, "print the timeline as one JSON object")
	if ok, status := parse(fs, args); !ok {
		return status
	}
	store, ok := openStore(ctx, env, *dbFlag, reads)
	if !ok {
		return ExitUsage
	}
	defer store.Close()
	store.SetScanBudget(0) // every period counted
	tl, err := store.Timeline(ctx, strings.Join(fs.Args(), " "))
	if err != nil {
		fmt.Fprintf(env.Stderr, "clippings timeline: %v\n", err)
		return ExitFailed
	}
	if *asJSON {
		out := timelineJSON{Unit: tl.Unit, Complete: tl.Complete, Periods: []periodJSON{}}
		for _, p := range tl.Periods {
			out.Periods = append(out.Periods, periodJSON{Period: p.Label, Count: p.Count, Query: querylang.Period(p.Label).String()})
		}
		enc := json.NewEncoder(env.Stdout)
		enc.SetEscapeHTML(false)
		enc.Encode(out)
		return ExitOK
	}
	most, total := 0, 0
	for _, p := range tl.Periods {
		most = max(most, p.Count)
		total += p.Count
	}
	const width = 40
	for _, p := range tl.Periods {
		bar := 0
		if most > 0 {
			bar = (width*p.Count + most - 1) / most
		}
		fmt.Fprintf(env.Stdout, "%-10s %6d %s\n", p.Label, p.Count, strings.Repeat("█", bar))
	}
	fmt.Fprintf(env.Stderr, "%d results by %s\n", total, tl.Unit)
	return ExitOK
}

func runEntities(ctx context.Context, env Env, args []string) int {
	fs, dbFlag := newFlags(env, "entities", "[--json] [--limit N] QUERY...",
		"Count the people, places and organisations a search's results name (all articles without a query);\n"+
			`search for one with person:"NAME", place:"NAME" or org:"NAME"`)
	asJSON := fs.Bool("json", false, "print the counts as one JSON object")
	limit := fs.Int("limit", 10, "show at most `N` of each kind")
	if ok, status := parse(fs, args); !ok {
		return status
	}
	if !limitGiven(env, "entities", *limit) {
		return ExitUsage
	}
	store, ok := openStore(ctx, env, *dbFlag, reads)
	if !ok {
		return ExitUsage
	}
	defer func() { store.Close() }()
	if store, ok = backfill(ctx, env, store, "entities"); !ok {
		return ExitFailed
	}
	query := strings.Join(fs.Args(), " ")
	f, err := store.EntityFacets(ctx, query, *limit)
	if err != nil {
		fmt.Fprintf(env.Stderr, "clippings entities: %v\n", err)
		return ExitFailed
	}
	if *asJSON {
		enc := json.NewEncoder(env.Stdout)
		enc.SetEscapeHTML(false)
		enc.Encode(f)
		return ExitOK
	}
	for _, k := range []struct {
		title string
		kind  db.FacetKind
		list  []db.FacetCount
	}{{"People", db.FacetPerson, f.People}, {"Places", db.FacetPlace, f.Places}, {"Organisations", db.FacetOrganisation, f.Organisations}} {
		if len(k.list) == 0 {
			continue
		}
		fmt.Fprintln(env.Stdout, k.title)
		for _, c := range k.list {
			fmt.Fprintf(env.Stdout, "  %6d  %-40s %s\n", c.Count, c.Value, querylang.Clause(k.kind, c.Value))
		}
	}
	capped := ""
	if f.Capped {
		capped = fmt.Sprintf(" (the newest %d)", f.Counted)
	}
	fmt.Fprintf(env.Stderr, "in %d results%s\n", f.Counted, capped)
	return ExitOK
}

// showJSON is `show --json`: the article, the entities it names and its
// copies.
type showJSON struct {
	db.Article
	Entities entities.Entities `json:"entities"`
	Copies   []copyJSON        `json:"copies"`
}

type copyJSON struct {
	ID         int64    `json:"id"`
	Title      string   `json:"title"`
	Source     string   `json:"source"`
	Authors    []string `json:"authors"`
	Published  *string  `json:"published"`
	URL        string   `json:"url"`
	Similarity float64  `json:"similarity"`
}

// rediscovered reads what show adds to an article: its entities and copies.
func rediscovered(ctx context.Context, store *db.Store, id int64) (entities.Entities, []db.GroupMember, error) {
	ents, err := store.Entities(ctx, id)
	if err != nil {
		return ents, nil, err
	}
	copies, err := store.Group(ctx, id)
	return ents, copies, err
}

func copiesJSON(ms []db.GroupMember) []copyJSON {
	out := []copyJSON{}
	for _, m := range ms {
		c := copyJSON{ID: m.ID, Title: m.Title, Source: m.Source, Authors: m.Authors, URL: m.URL, Similarity: m.Similarity}
		if c.Authors == nil {
			c.Authors = []string{}
		}
		if m.Published.Known() {
			d := m.Published.String()
			c.Published = &d
		}
		out = append(out, c)
	}
	return out
}

// entityLines are show's lines of people, places and organisations.
func entityLines(e entities.Entities) []string {
	var out []string
	for _, k := range []struct {
		title string
		list  []entities.Entity
	}{{"People", e.People}, {"Places", e.Places}, {"Organisations", e.Organisations}} {
		if len(k.list) == 0 {
			continue
		}
		names := make([]string, len(k.list))
		for i, en := range k.list {
			names[i] = en.Name
			if en.Count > 1 {
				names[i] += fmt.Sprintf(" (%d)", en.Count)
			}
		}
		out = append(out, k.title+": "+strings.Join(names, ", "))
	}
	return out
}

// alsoPublished is show's line of copies: "Also published by: Daily
// Courier (#14, 2021-01-02), #15".
func alsoPublished(ms []db.GroupMember) string {
	if len(ms) == 0 {
		return ""
	}
	parts := make([]string, len(ms))
	for i, m := range ms {
		where := fmt.Sprintf("#%d", m.ID)
		if m.Published.Known() {
			where += ", " + m.Published.String()
		}
		if m.Source != "" {
			parts[i] = m.Source + " (" + where + ")"
		} else {
			parts[i] = where
		}
	}
	return "Also published by: " + strings.Join(parts, "; ")
}
