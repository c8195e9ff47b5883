// Command wire measures how Clippings imports hard-wrapped text. No public
// wire corpus can be had here, so it makes one: the headline and body of
// each page of the training pool (as the HTML path extracts them, see
// article/cmd/train) set as wire copy and e-mailed articles are:
//
//   - lines wrapped at 60 to 80 columns;
//   - paragraphs marked by a blank line, an indented first line, or both;
//   - some words hyphenated at the line end;
//   - the headline on the first line, in capitals for half the stories,
//     then a blank line;
//   - some stories cut to a brief of one or two sentences, some with a
//     table (rows of columns), some signed off "Reuter", some with CRLF
//     line ends.
//
// It extracts each story as a .txt file and prints the share imported, the
// share whose headline is the first line, and the shares of paragraphs
// that come out whole and split (a line break left inside):
//
//	go run ./article/cmd/wire [-pool build/pool] [-stories 2000]
//
// The stories are the same on every run (a fixed seed).
package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/clippings/clippings/article"
)

type truth struct {
	Title string `json:"title"`
	Body  string `json:"body"`
}

// story is one generated text and what it must give.
type story struct {
	text       string
	headline   string
	paragraphs []string
}

func main() {
	pool := flag.String("pool", "build/pool", "the pool (its truth/ folder is read)")
	n := flag.Int("stories", 2000, "stories to make")
	show := flag.Int("show", 0, "print the first N failing stories")
	flag.Parse()
	if err := run(*pool, *n, *show); err != nil {
		fmt.Fprintln(os.Stderr, "wire:", err)
		os.Exit(1)
	}
}

func run(pool string, n, show int) error {
	files, err := filepath.Glob(filepath.Join(pool, "truth", "*.json"))
	if err != nil || len(files) == 0 {
		return fmt.Errorf("no pages in %s (make the pool and train first: make pool train)", filepath.Join(pool, "truth"))
	}
	slices.Sort(files)
	var sources []truth
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			return err
		}
		var t truth
		if err := json.Unmarshal(b, &t); err != nil {
			return fmt.Errorf("%s: %w", f, err)
		}
		if t.Title != "" && len(prose(t.Body)) > 0 {
			sources = append(sources, t)
		}
	}
	rng := rand.New(rand.NewPCG(14, 1))
	imported, headlines, paras, whole, split := 0, 0, 0, 0, 0
	for i := 0; i < n; i++ {
		s := makeStory(sources[i%len(sources)], rng)
		a, err := article.Extract("story.txt", []byte(s.text), article.Options{})
		ok := err == nil
		if ok {
			imported++
		}
		headOK := ok && a.Title == s.headline
		if headOK {
			headlines++
		}
		got := map[string]bool{}
		for _, p := range strings.Split(a.Body, "\n\n") {
			got[p] = true
		}
		missing := 0
		for _, p := range s.paragraphs {
			paras++
			switch {
			case got[p]:
				whole++
			case splitIn(p, got):
				split++
				missing++
			default:
				missing++
			}
		}
		if (!ok || !headOK) && show > 0 {
			show--
			fmt.Printf("---- story %d: err=%v title=%q (want %q), %d paragraphs not whole\n%s\n---- body:\n%s\n", i, err, a.Title, s.headline, missing, s.text, a.Body)
		}
	}
	fmt.Printf("hard-wrapped text, %d generated stories: imported %.3f, headline = the first line %.3f, "+
		"of %d paragraphs: whole %.3f, split by a line break left %.4f (the rest: dropped as notices)\n",
		n, float64(imported)/float64(n), float64(headlines)/float64(n), paras,
		float64(whole)/float64(max(paras, 1)), float64(split)/float64(max(paras, 1)))
	return nil
}

// splitIn reports whether a paragraph came out in pieces: an extracted
// paragraph of three words or more is a part of it.
func splitIn(p string, got map[string]bool) bool {
	for g := range got {
		if g != p && len(strings.Fields(g)) >= 3 && strings.Contains(p, g) {
			return true
		}
	}
	return false
}

// prose are the paragraphs of a body worth setting: running text, not
// lines of a list or table the page had.
func prose(body string) []string {
	var out []string
	for _, p := range strings.Split(body, "\n\n") {
		if len(strings.Fields(p)) >= 8 && strings.ContainsAny(p[len(p)-1:], ".!?\"”") {
			out = append(out, p)
		}
	}
	return out
}

func makeStory(t truth, rng *rand.Rand) story {
	paras := prose(t.Body)
	if len(paras) > 8 {
		paras = paras[:8]
	}
	if brief := firstSentences(paras[0], 1+rng.IntN(2)); rng.IntN(5) == 0 && len(strings.Fields(brief)) >= 8 {
		paras = []string{brief} // a brief: one or two sentences
	}
	width := 60 + rng.IntN(21)
	headline := t.Title
	if rng.IntN(2) == 0 {
		headline = strings.ToUpper(headline)
	}
	indent := ""
	blank := true
	switch rng.IntN(5) {
	case 0, 1:
		indent = strings.Repeat(" ", 2+rng.IntN(4))
		blank = false
	case 2:
		indent = strings.Repeat(" ", 2+rng.IntN(4))
	}
	hyphenate := rng.IntN(3) == 0
	var b strings.Builder
	b.WriteString(headline + "\n\n")
	want := slices.Clone(paras)
	for i, p := range paras {
		if i > 0 && blank {
			b.WriteString("\n")
		}
		b.WriteString(wrap(p, width, indent, hyphenate))
		if i == 0 && len(paras) > 1 && rng.IntN(6) == 0 {
			// A table after the first paragraph: its rows stay lines.
			if blank {
				b.WriteString("\n")
			}
			rows := []string{"Shr 31 cts vs 14 cts", "Net 4,200,000 vs 1,900,000", "Revs 38.1 mln vs 31.2 mln"}
			for _, r := range rows {
				b.WriteString(strings.Repeat(" ", max(len(indent), 4)) + strings.Replace(r, " vs ", "    vs    ", 1) + "\n")
			}
			var set []string
			for _, r := range rows {
				set = append(set, strings.Replace(r, " vs ", "    vs    ", 1))
			}
			want = slices.Insert(want, 1, set...)
		}
	}
	if rng.IntN(3) == 0 {
		b.WriteString(" Reuter\n")
	}
	text := b.String()
	if rng.IntN(4) == 0 {
		text = strings.ReplaceAll(text, "\n", "\r\n")
	}
	return story{text: text, headline: strings.Join(strings.Fields(headline), " "), paragraphs: cleanParas(want)}
}

// cleanParas is what extraction makes of the paragraphs: spaces collapsed,
// list markers gone.
func cleanParas(ps []string) []string {
	out := make([]string, len(ps))
	for i, p := range ps {
		p = strings.Join(strings.Fields(p), " ")
		for _, b := range []string{"- ", "• ", "* ", "· "} {
			p = strings.TrimPrefix(p, b) // a list's marker, which extraction drops
		}
		out[i] = p
	}
	return out
}

func firstSentences(p string, n int) string {
	end := 0
	for k := 0; k < n; k++ {
		i := strings.Index(p[end:], ". ")
		if i < 0 {
			return p
		}
		end += i + 1
	}
	return p[:end]
}

// wrap sets p in lines of at most width columns, the first indented; with
// hyphenate, a long word that does not fit is split with a hyphen.
func wrap(p string, width int, indent string, hyphenate bool) string {
	var b strings.Builder
	line := indent
	for _, w := range strings.Fields(p) {
		switch {
		case line == "" || line == indent:
			line += w
		case utf8.RuneCountInString(line)+1+utf8.RuneCountInString(w) <= width:
			line += " " + w
		default:
			room := width - utf8.RuneCountInString(line) - 2 // a space and the hyphen
			r := []rune(w)
			if hyphenate && isLowerWord(w) && len(r) >= 8 && room >= 3 && len(r)-room >= 3 {
				line += " " + string(r[:room]) + "-"
				w = string(r[room:])
			}
			b.WriteString(line + "\n")
			line = w
		}
	}
	b.WriteString(line + "\n")
	return b.String()
}

func isLowerWord(w string) bool {
	for _, r := range w {
		if r < 'a' || r > 'z' {
			return false
		}
	}
	return true
}
