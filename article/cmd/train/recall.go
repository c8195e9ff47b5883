package main

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"

	"github.com/clippings/clippings/article"
	"github.com/clippings/clippings/internal/extractscore"
)

// candidateRecall measures how often the headline is among the
// candidates the headline model chooses from (no feature can pick a line
// that is not one), on the pool's training and held-out texts and on
// the dev corpora, and says why it is not for the others
// (article.TrainingDoc.CandidateMiss).
func candidateRecall(m *article.TextModel, train, held []*page, corpora []string) {
	report := func(name string, n int, misses map[string]int) {
		missed := 0
		for _, c := range misses {
			missed += c
		}
		fmt.Printf("%-32s %4d texts, headline a candidate in %.3f (%d missed)\n", name, n, 1-float64(missed)/float64(max(n, 1)), missed)
		var why []string
		for w := range misses {
			why = append(why, w)
		}
		sort.Slice(why, func(i, j int) bool {
			return misses[why[i]] > misses[why[j]] || misses[why[i]] == misses[why[j]] && why[i] < why[j]
		})
		for _, w := range why {
			fmt.Printf("    %4d  %s\n", misses[w], w)
		}
	}
	for _, set := range []struct {
		name  string
		pages []*page
	}{{"pool, training", train}, {"pool, held out", held}} {
		for _, k := range kinds {
			n, misses := 0, map[string]int{}
			for _, p := range set.pages {
				d := p.docs[k]
				if d.headline < 0 {
					continue
				}
				n++
				idx, _ := d.doc.HeadlineCandidates(m)
				title := foldTitle(d.doc.Lines[d.headline])
				if slices.ContainsFunc(idx, func(i int) bool { return foldTitle(d.doc.Lines[i]) == title }) {
					continue
				}
				why := d.doc.CandidateMiss(m, d.headline)
				misses[why]++
				if os.Getenv("SHOWMISS") != "" {
					fmt.Printf("MISS %s %s %s: %q\n", set.name, k, why, d.doc.Lines[d.headline])
				}
			}
			report(set.name+", "+k, n, misses)
		}
	}
	for _, corpus := range corpora {
		truth, err := extractscore.LoadTruth(filepath.Join(corpus, "truth"))
		if err != nil {
			fmt.Fprintln(os.Stderr, err)
			continue
		}
		for _, k := range kinds {
			n, misses := 0, map[string]int{}
			for id, t := range truth {
				if strings.TrimSpace(t.Title) == "" {
					continue
				}
				b, err := os.ReadFile(filepath.Join(corpus, k, id+".txt"))
				if err != nil {
					continue
				}
				n++
				doc := article.NewTrainingDoc(string(b))
				want := foldTitle(t.Title)
				h := slices.IndexFunc(doc.Lines, func(l string) bool { return foldTitle(l) == want })
				why := ""
				switch {
				case h < 0 && slices.ContainsFunc(doc.Lines, func(l string) bool { return strings.Contains(foldTitle(l), want) }):
					why = "not a line: within a longer one"
				case h < 0:
					why = "not a line (cut, reworded or absent)"
				default:
					idx, _ := doc.HeadlineCandidates(m)
					if slices.ContainsFunc(idx, func(i int) bool { return foldTitle(doc.Lines[i]) == want }) {
						continue
					}
					why = doc.CandidateMiss(m, h)
				}
				misses[why]++
				if os.Getenv("SHOWMISS") != "" {
					fmt.Printf("MISS %s %s %s %s: %q\n", filepath.Base(corpus), k, id[:8], why, t.Title)
				}
			}
			report(filepath.Base(corpus)+", "+k, n, misses)
		}
	}
}
