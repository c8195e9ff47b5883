// Command extract-dev runs article.Extract over an extraction corpus
// (testdata/corpus/…: html/, text/, text_innertext/ and truth/) and prints
// the benchmark's figures per input kind (internal/extractscore, as
// TestDevSet measures them):
//
//	go run ./article/cmd/extract-dev [-corpus DIR] [-kinds K,…] [-misses] [OUTDIR]
//
// With OUTDIR it also writes OUTDIR/<kind>/<id>.json ({"title","body"}),
// the predictions an outside scorer reads. -misses lists the headlines
// missed. With -show FILE it prints one file's article instead.
package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/clippings/clippings/article"
	"github.com/clippings/clippings/internal/extractscore"
)

func main() {
	corpus := flag.String("corpus", "testdata/corpus/extraction-dev", "extraction corpus (html/, text/, text_innertext/, truth/)")
	show := flag.String("show", "", "print the article extracted from this one file and exit")
	kinds := flag.String("kinds", "html,text,text_innertext", "the corpus's folders of input files, comma-separated")
	misses := flag.Bool("misses", false, "list the headlines missed")
	flag.Parse()
	if *show != "" {
		if err := showFile(*show); err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(1)
		}
		return
	}
	if flag.NArg() > 1 {
		fmt.Fprintln(os.Stderr, "usage: extract-dev [-corpus DIR] [-kinds K,...] [-misses] [OUTDIR] | extract-dev -show FILE")
		os.Exit(2)
	}
	if err := run(*corpus, flag.Arg(0), strings.Split(*kinds, ","), *misses); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}

func showFile(path string) error {
	data, err := os.ReadFile(path)
	if err != nil {
		return err
	}
	a, err := article.Extract(path, data, article.Options{})
	if err != nil {
		return err
	}
	out, err := json.MarshalIndent(a, "", "  ")
	if err != nil {
		return err
	}
	fmt.Println(string(out))
	return nil
}

func run(corpus, out string, kinds []string, misses bool) error {
	truth, err := extractscore.LoadTruth(filepath.Join(corpus, "truth"))
	if err != nil {
		return err
	}
	fmt.Printf("%-15s %6s %6s %6s %6s   %d pages, %d with a body truth, %d with a headline\n", "", "P", "R", "F1", "title",
		len(truth), extractscore.Score(truth, nil).Bodies, extractscore.Score(truth, nil).Titled)
	for _, kind := range kinds {
		got, err := extractAll(corpus, kind, out)
		if err != nil {
			return err
		}
		r := extractscore.Score(truth, got)
		fmt.Printf("%-15s %6.3f %6.3f %6.3f %6.3f\n", kind, r.P, r.R, r.F1, r.TitleAccuracy())
		if misses {
			printMisses(truth, got)
		}
	}
	return nil
}

// extractAll extracts every file of one kind, writing its prediction into
// out/kind when out is given.
func extractAll(corpus, kind, out string) (map[string]extractscore.Page, error) {
	files, err := filepath.Glob(filepath.Join(corpus, kind, "*"))
	if err != nil {
		return nil, err
	}
	if len(files) == 0 {
		return nil, fmt.Errorf("no files in %s", filepath.Join(corpus, kind))
	}
	dir := filepath.Join(out, kind)
	if out != "" {
		if err := os.MkdirAll(dir, 0o755); err != nil {
			return nil, err
		}
	}
	got := map[string]extractscore.Page{}
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			return nil, err
		}
		a, err := article.Extract(f, data, article.Options{})
		if err != nil {
			fmt.Fprintf(os.Stderr, "%s/%s: %v\n", kind, filepath.Base(f), err)
		}
		id := strings.TrimSuffix(filepath.Base(f), filepath.Ext(f))
		got[id] = extractscore.Page{Title: a.Title, Body: &a.Body}
		if out == "" {
			continue
		}
		b, err := json.Marshal(map[string]string{"title": a.Title, "body": a.Body})
		if err != nil {
			return nil, err
		}
		if err := os.WriteFile(filepath.Join(dir, id+".json"), b, 0o644); err != nil {
			return nil, err
		}
	}
	return got, nil
}

func printMisses(truth, got map[string]extractscore.Page) {
	ids := make([]string, 0, len(truth))
	for id := range truth {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	for _, id := range ids {
		want := truth[id].Title
		if strings.TrimSpace(want) != "" && !extractscore.SameTitle(want, got[id].Title) {
			fmt.Printf("    %-12.12s want %q\n    %12s got  %q\n", id, want, "", got[id].Title)
		}
	}
}
