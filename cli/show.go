package cli

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"strings"

	"github.com/clippings/clippings/db"
)

func runShow(ctx context.Context, env Env, args []string) int {
	fs, dbFlag := newFlags(env, "show", "[--json] ID", "Print one article, whole, with the people, places and organisations it names\n"+
		"and its copies (the same story from other outlets)")
	asJSON := fs.Bool("json", false, "print the article as JSON")
	if ok, status := parse(fs, args); !ok {
		return status
	}
	id, ok := idArg(env, "show", fs.Args(), 1, "give exactly one article ID")
	if !ok {
		return ExitUsage
	}
	store, ok := openStore(ctx, env, *dbFlag, reads)
	if !ok {
		return ExitUsage
	}
	defer store.Close()
	a, err := store.Get(ctx, id)
	if err != nil {
		fmt.Fprintf(env.Stderr, "clippings show: %v\n", err)
		return ExitFailed
	}
	ents, copies, err := rediscovered(ctx, store, id)
	if err != nil {
		fmt.Fprintf(env.Stderr, "clippings show: %v\n", err)
		return ExitFailed
	}
	if *asJSON {
		normalise(&a.Article)
		enc := json.NewEncoder(env.Stdout)
		enc.SetEscapeHTML(false)
		enc.SetIndent("", "  ")
		enc.Encode(showJSON{Article: a, Entities: ents, Copies: copiesJSON(copies)})
		return ExitOK
	}
	w := env.Stdout
	fmt.Fprintf(w, "%s\n", oneLine(a.Title))
	if a.Subtitle != "" {
		fmt.Fprintf(w, "%s\n", a.Subtitle)
	}
	var byline []string
	if len(a.Authors) > 0 {
		byline = append(byline, "By "+strings.Join(a.Authors, ", "))
	}
	for _, s := range []string{a.Source, a.Published.String()} {
		if s != "" {
			byline = append(byline, s)
		}
	}
	if len(byline) > 0 {
		fmt.Fprintln(w, strings.Join(byline, " · "))
	}
	if a.URL != "" {
		fmt.Fprintln(w, a.URL)
	}
	var marks []string
	if len(a.Tags) > 0 {
		marks = append(marks, "Tags: "+strings.Join(a.Tags, ", "))
	}
	if a.Starred {
		marks = append(marks, "★ starred")
	}
	if a.Read {
		marks = append(marks, "read")
	} else {
		marks = append(marks, "unread")
	}
	fmt.Fprintln(w, strings.Join(marks, " · "))
	for _, line := range entityLines(ents) {
		fmt.Fprintln(w, line)
	}
	if line := alsoPublished(copies); line != "" {
		fmt.Fprintln(w, line)
	}
	fmt.Fprintln(w)
	for _, c := range a.Captions {
		if c.Credit != "" {
			fmt.Fprintf(w, "[Photo: %s (%s)]\n\n", c.Text, c.Credit)
		} else {
			fmt.Fprintf(w, "[Photo: %s]\n\n", c.Text)
		}
	}
	fmt.Fprintln(w, a.Body)
	if a.Note != "" {
		fmt.Fprintf(w, "\nNote:\n%s\n", a.Note)
	}
	edited := ""
	if len(a.Edited) > 0 {
		edited = " · edited: " + strings.Join(a.Edited, ", ")
	}
	fmt.Fprintf(w, "\n— #%d · %d words · %s · %s · imported %s%s\n", a.ID, a.Words, a.File.Format, a.File.Path, a.Added.Local().Format("2006-01-02 15:04"), edited)
	return ExitOK
}

// idArg reads the article ID that starts a command's arguments, printing
// missing (when there is none, or when exactly is set and the count is
// not it) or why the ID is wrong; false means exit with ExitUsage.
func idArg(env Env, cmd string, args []string, exactly int, missing string) (int64, bool) {
	if len(args) == 0 || (exactly > 0 && len(args) != exactly) {
		fmt.Fprintf(env.Stderr, "clippings %s: %s\n", cmd, missing)
		return 0, false
	}
	id, err := parseID(args[0])
	if err != nil {
		fmt.Fprintf(env.Stderr, "clippings %s: %v\n", cmd, err)
		return 0, false
	}
	return id, true
}

func parseID(s string) (int64, error) {
	id, err := strconv.ParseInt(strings.TrimPrefix(s, "#"), 10, 64)
	if err != nil || id <= 0 {
		return 0, fmt.Errorf("%q is not an article ID (a positive number, as in `clippings show 12`)", s)
	}
	return id, nil
}

func runDelete(ctx context.Context, env Env, args []string) int {
	fs, dbFlag := newFlags(env, "delete", "ID...", "Delete articles, with their original files and index entries")
	if ok, status := parse(fs, args); !ok {
		return status
	}
	if fs.NArg() == 0 {
		fmt.Fprintln(env.Stderr, "clippings delete: give at least one article ID")
		return ExitUsage
	}
	var ids []int64
	for _, a := range fs.Args() {
		id, err := parseID(a)
		if err != nil {
			fmt.Fprintf(env.Stderr, "clippings delete: %v\n", err)
			return ExitUsage
		}
		ids = append(ids, id)
	}
	store, ok := openStore(ctx, env, *dbFlag, changes)
	if !ok {
		return ExitUsage
	}
	defer store.Close()
	status := ExitOK
	// One at a time, so that one missing id does not keep the others.
	for _, id := range ids {
		if err := store.Delete(ctx, id); err != nil {
			fmt.Fprintf(env.Stderr, "clippings delete: %v\n", err)
			if !errors.Is(err, db.ErrNotFound) {
				return ExitFailed
			}
			status = ExitFailed
			continue
		}
		fmt.Fprintf(env.Stdout, "deleted #%d\n", id)
	}
	return status
}
