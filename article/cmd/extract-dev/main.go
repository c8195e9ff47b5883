// Command extract-dev runs article.Extract over the extraction dev corpus and
// writes one JSON prediction per page for ../shared/tools/extract-score.sh:
//
//	go run ./article/cmd/extract-dev [-corpus DIR] OUTDIR
//
// It writes OUTDIR/{html,text,text_innertext}/<id>.json ({"title","body"});
// -kinds names other folders (the held-out pool has no html/).
// With -show FILE it prints one file's article instead.
package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/clippings/clippings/article"
)

func main() {
	corpus := flag.String("corpus", "../shared/corpus/extraction-dev", "extraction dev corpus (html/, text/, text_innertext/)")
	show := flag.String("show", "", "print the article extracted from this one file and exit")
	kinds := flag.String("kinds", "html,text,text_innertext", "the corpus's folders of input files, comma-separated")
	flag.Parse()
	if *show != "" {
		if err := showFile(*show); err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(1)
		}
		return
	}
	if flag.NArg() != 1 {
		fmt.Fprintln(os.Stderr, "usage: extract-dev [-corpus DIR] OUTDIR | extract-dev -show FILE")
		os.Exit(2)
	}
	if err := run(*corpus, flag.Arg(0), strings.Split(*kinds, ",")); err != nil {
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

func run(corpus, out string, kinds []string) error {
	for _, kind := range kinds {
		files, err := filepath.Glob(filepath.Join(corpus, kind, "*"))
		if err != nil {
			return err
		}
		if len(files) == 0 {
			return fmt.Errorf("no files in %s", filepath.Join(corpus, kind))
		}
		dir := filepath.Join(out, kind)
		if err := os.MkdirAll(dir, 0o755); err != nil {
			return err
		}
		for _, f := range files {
			data, err := os.ReadFile(f)
			if err != nil {
				return err
			}
			a, err := article.Extract(f, data, article.Options{})
			if err != nil {
				fmt.Fprintf(os.Stderr, "%s/%s: %v\n", kind, filepath.Base(f), err)
			}
			b, err := json.Marshal(map[string]string{"title": a.Title, "body": a.Body})
			if err != nil {
				return err
			}
			id := strings.TrimSuffix(filepath.Base(f), filepath.Ext(f))
			if err := os.WriteFile(filepath.Join(dir, id+".json"), b, 0o644); err != nil {
				return err
			}
		}
	}
	return nil
}
