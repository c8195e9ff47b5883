package cli

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"strings"

	"github.com/clippings/clippings/article"
	"github.com/clippings/clippings/db"
)

// Organising from the command line: tag, tags, star, unstar, read, unread,
// note, edit. Articles are named by id, or with --query by a search (every
// matching article, not only a first page).

// targets resolves the articles a command acts on: the ids given, and with
// --query every article the query matches.
func targets(ctx context.Context, store *db.Store, ids []int64, query string, hasQuery bool) ([]int64, error) {
	if !hasQuery {
		return ids, nil
	}
	matching, err := store.MatchingIDs(ctx, query)
	if err != nil {
		return nil, err
	}
	return append(ids, matching...), nil
}

// queryFlag is --query, told apart from an empty one given.
type queryFlag struct {
	value string
	set   bool
}

func (q *queryFlag) String() string     { return q.value }
func (q *queryFlag) Set(v string) error { q.value, q.set = v, true; return nil }

func addQueryFlag(fs *flag.FlagSet) *queryFlag {
	q := &queryFlag{}
	fs.Var(q, "query", "act on every article the search `QUERY` finds (as in clippings search; \"\" is all)")
	return q
}

// finish reports a store error: ids that were not found are listed (the
// others were done), anything else stops.
func finish(env Env, name string, err error) int {
	if err == nil {
		return ExitOK
	}
	fmt.Fprintf(env.Stderr, "clippings %s: %v\n", name, err)
	return ExitFailed
}

func plural(n int, one string) string {
	if n == 1 {
		return "1 " + one
	}
	return fmt.Sprintf("%d %ss", n, one)
}

func runTag(ctx context.Context, env Env, args []string) int {
	fs, dbFlag := newFlags(env, "tag", "[--query QUERY] ID... +NAME... -NAME...",
		"Add tags (+NAME) to articles and remove tags (-NAME) from them. Quote a name with spaces:\n"+
			"clippings tag 12 14 '+Mali coup' -read-later. Names ignore case; flags go before the ids")
	query := addQueryFlag(fs)
	if ok, status := parse(fs, args); !ok {
		return status
	}
	var (
		ids         []int64
		add, remove []string
	)
	for _, a := range fs.Args() {
		switch {
		case strings.HasPrefix(a, "+") && db.CleanTagName(a[1:]) != "":
			add = append(add, db.CleanTagName(a[1:]))
		case strings.HasPrefix(a, "-") && db.CleanTagName(a[1:]) != "":
			remove = append(remove, db.CleanTagName(a[1:]))
		default:
			id, err := parseID(a)
			if err != nil {
				fmt.Fprintf(env.Stderr, "clippings tag: %q is neither an article ID nor +NAME (add a tag) or -NAME (remove one)\n", a)
				return ExitUsage
			}
			ids = append(ids, id)
		}
	}
	if !named(env, "tag", ids, query) {
		return ExitUsage
	}
	if len(add)+len(remove) == 0 {
		fmt.Fprintln(env.Stderr, "clippings tag: give tags to add (+NAME) or remove (-NAME)")
		return ExitUsage
	}
	var edits []string
	for _, n := range add {
		edits = append(edits, "+"+n)
	}
	for _, n := range remove {
		edits = append(edits, "-"+n)
	}
	return change(ctx, env, "tag", *dbFlag, ids, query,
		func(store *db.Store, ids []int64) error { return store.SetTags(ctx, ids, add, remove) },
		func(done int) {
			fmt.Fprintf(env.Stdout, "tagged %s: %s\n", plural(done, "article"), strings.Join(edits, " "))
		})
}

// named reports whether a command was given articles to act on, ids or
// --query, and says so when not.
func named(env Env, name string, ids []int64, query *queryFlag) bool {
	if len(ids) == 0 && !query.set {
		fmt.Fprintf(env.Stderr, "clippings %s: give at least one article ID, or --query\n", name)
		return false
	}
	return true
}

// change applies a change to the articles named and every article --query
// finds, then reports how many it found: ids not found are listed after
// the others were done.
func change(ctx context.Context, env Env, name, dbPath string, ids []int64, query *queryFlag, apply func(*db.Store, []int64) error, report func(done int)) int {
	store, ok := openStore(ctx, env, dbPath, changes)
	if !ok {
		return ExitUsage
	}
	defer store.Close()
	ids, err := targets(ctx, store, ids, query.value, query.set)
	if err != nil {
		return finish(env, name, err)
	}
	err = apply(store, ids)
	if errors.Is(err, db.ErrInvalid) {
		fmt.Fprintf(env.Stderr, "clippings %s: %v\n", name, err)
		return ExitUsage
	}
	var nf *db.NotFoundError
	done := len(uniq(ids))
	if errors.As(err, &nf) {
		done -= len(nf.IDs)
	} else if err != nil {
		return finish(env, name, err)
	}
	report(done)
	return finish(env, name, err)
}

func uniq(ids []int64) map[int64]bool {
	m := make(map[int64]bool, len(ids))
	for _, id := range ids {
		m[id] = true
	}
	return m
}

func runTags(ctx context.Context, env Env, args []string) int {
	fs, dbFlag := newFlags(env, "tags", "[--json]", "List the tags, each with how many articles carry it")
	asJSON := fs.Bool("json", false, "print one JSON object per tag")
	if ok, status := parse(fs, args); !ok {
		return status
	}
	if fs.NArg() != 0 {
		fmt.Fprintln(env.Stderr, "clippings tags: takes no arguments")
		return ExitUsage
	}
	store, ok := openStore(ctx, env, *dbFlag, reads)
	if !ok {
		return ExitUsage
	}
	defer store.Close()
	tags, err := store.Tags(ctx)
	if err != nil {
		return finish(env, "tags", err)
	}
	enc := json.NewEncoder(env.Stdout)
	enc.SetEscapeHTML(false)
	for _, t := range tags {
		if *asJSON {
			enc.Encode(t)
			continue
		}
		fmt.Fprintf(env.Stdout, "%6d  %s\n", t.Articles, t.Name)
	}
	if !*asJSON && len(tags) == 0 {
		fmt.Fprintln(env.Stderr, "no tags yet: add some with `clippings tag ID +NAME`")
	}
	return ExitOK
}

// setter is SetStarred or SetRead.
type setter func(ctx context.Context, ids []int64, on bool) error

// markCommand makes star, unstar, read and unread.
func markCommand(name, help, done string, method func(*db.Store) setter, on bool) func(context.Context, Env, []string) int {
	return func(ctx context.Context, env Env, args []string) int {
		fs, dbFlag := newFlags(env, name, "[--query QUERY] ID...", help+" the articles named, or every article --query finds")
		query := addQueryFlag(fs)
		if ok, status := parse(fs, args); !ok {
			return status
		}
		var ids []int64
		for _, a := range fs.Args() {
			id, err := parseID(a)
			if err != nil {
				fmt.Fprintf(env.Stderr, "clippings %s: %v\n", name, err)
				return ExitUsage
			}
			ids = append(ids, id)
		}
		if !named(env, name, ids, query) {
			return ExitUsage
		}
		return change(ctx, env, name, *dbFlag, ids, query,
			func(store *db.Store, ids []int64) error { return method(store)(ctx, ids, on) },
			func(n int) { fmt.Fprintf(env.Stdout, "%s %s\n", done, plural(n, "article")) })
	}
}

func runNote(ctx context.Context, env Env, args []string) int {
	fs, dbFlag := newFlags(env, "note", "ID [TEXT...|-]",
		"Print an article's note (no TEXT), set it to TEXT (- reads it from standard input),\n"+
			`or remove it ("" as TEXT). Notes are plain text or Markdown, found by search and by note:`)
	if ok, status := parse(fs, args); !ok {
		return status
	}
	id, ok := idArg(env, "note", fs.Args(), 0, "give the article ID, then the note")
	if !ok {
		return ExitUsage
	}
	rest := fs.Args()[1:]
	need := changes
	if len(rest) == 0 {
		need = reads // printing the note
	}
	store, ok := openStore(ctx, env, *dbFlag, need)
	if !ok {
		return ExitUsage
	}
	defer store.Close()
	if len(rest) == 0 {
		a, err := store.Get(ctx, id)
		if err != nil {
			return finish(env, "note", err)
		}
		if a.Note != "" {
			fmt.Fprintln(env.Stdout, a.Note)
		}
		return ExitOK
	}
	text := strings.Join(rest, " ")
	if len(rest) == 1 && rest[0] == "-" {
		var b []byte
		if env.Stdin != nil {
			var err error
			if b, err = io.ReadAll(env.Stdin); err != nil {
				fmt.Fprintf(env.Stderr, "clippings note: read the note from standard input: %v\n", err)
				return ExitFailed
			}
		}
		text = string(b)
	}
	if err := store.SetNote(ctx, id, text); err != nil {
		return finish(env, "note", err)
	}
	if strings.TrimSpace(text) == "" {
		fmt.Fprintf(env.Stdout, "removed the note of #%d\n", id)
	} else {
		fmt.Fprintf(env.Stdout, "noted #%d\n", id)
	}
	return ExitOK
}

// listFlag collects a repeated flag; given once as "", it is an empty list.
type listFlag struct {
	values []string
	set    bool
}

func (l *listFlag) String() string { return strings.Join(l.values, ", ") }
func (l *listFlag) Set(v string) error {
	l.set = true
	if v != "" {
		l.values = append(l.values, v)
	}
	return nil
}

// stringFlag is a string flag that knows whether it was given.
type stringFlag struct {
	value string
	set   bool
}

func (f *stringFlag) String() string     { return f.value }
func (f *stringFlag) Set(v string) error { f.value, f.set = v, true; return nil }

func runEdit(ctx context.Context, env Env, args []string) int {
	fs, dbFlag := newFlags(env, "edit", "ID [--title T] [--author A]... [--source S] [--date YYYY-MM-DD] [--url U]",
		"Correct the metadata extraction got wrong. Only the fields given change; they are kept\n"+
			"when the article is re-extracted. --author may be repeated; --author \"\" and --date \"\"\n"+
			"clear the authors and the date")
	var title, source, date, url stringFlag
	var authors listFlag
	fs.Var(&title, "title", "the headline")
	fs.Var(&authors, "author", "an author (repeat for several)")
	fs.Var(&source, "source", "the publication")
	fs.Var(&date, "date", "the day it was published, `YYYY-MM-DD`")
	fs.Var(&url, "url", "the article's address")
	if ok, status := parse(fs, args); !ok {
		return status
	}
	id, ok := idArg(env, "edit", fs.Args(), 0, "give the article ID")
	if !ok {
		return ExitUsage
	}
	if ok, status := parse(fs, fs.Args()[1:]); !ok { // flags after the id
		return status
	}
	if fs.NArg() != 0 {
		fmt.Fprintf(env.Stderr, "clippings edit: unexpected %q; give one ID and the fields to change\n", fs.Arg(0))
		return ExitUsage
	}
	var (
		m       db.MetadataEdit
		changed []string
	)
	if title.set {
		m.Title = &title.value
		changed = append(changed, db.FieldTitle)
	}
	if authors.set {
		m.Authors = &authors.values
		changed = append(changed, db.FieldAuthors)
	}
	if source.set {
		m.Source = &source.value
		changed = append(changed, db.FieldSource)
	}
	if date.set {
		d, err := article.ParsePublished(date.value)
		if err != nil {
			fmt.Fprintf(env.Stderr, "clippings edit: --date: %v\n", err)
			return ExitUsage
		}
		m.Published = &d
		changed = append(changed, db.FieldPublished)
	}
	if url.set {
		m.URL = &url.value
		changed = append(changed, db.FieldURL)
	}
	if len(changed) == 0 {
		fmt.Fprintln(env.Stderr, "clippings edit: nothing to change; give --title, --author, --source, --date or --url")
		return ExitUsage
	}
	store, ok := openStore(ctx, env, *dbFlag, changes)
	if !ok {
		return ExitUsage
	}
	defer store.Close()
	err := store.Edit(ctx, id, m)
	if errors.Is(err, db.ErrInvalid) {
		fmt.Fprintf(env.Stderr, "clippings edit: %v\n", err)
		return ExitUsage
	}
	if err != nil {
		return finish(env, "edit", err)
	}
	fmt.Fprintf(env.Stdout, "edited #%d: %s\n", id, strings.Join(changed, ", "))
	return ExitOK
}
