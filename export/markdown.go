package export

import (
	"fmt"
	"io"
	"strings"

	"github.com/clippings/clippings/db"
)

// writeMarkdown writes front matter that Clippings' own Markdown reader
// understands, then the title, captions and body.
func writeMarkdown(w io.Writer, a db.Article, _ []byte) error {
	var b strings.Builder
	b.WriteString("---\n")
	field := func(key, value string) {
		if value != "" {
			fmt.Fprintf(&b, "%s: %s\n", key, yamlString(value))
		}
	}
	field("title", a.Title)
	field("subtitle", a.Subtitle)
	if len(a.Authors) > 0 {
		b.WriteString("authors:\n")
		for _, au := range a.Authors {
			fmt.Fprintf(&b, "  - %s\n", yamlString(au))
		}
	}
	field("source", a.Source)
	field("url", a.URL)
	field("date", a.Published.String())
	field("language", a.Language)
	field("added", a.Added.UTC().Format("2006-01-02T15:04:05Z"))
	b.WriteString("---\n\n")
	fmt.Fprintf(&b, "# %s\n\n", oneLine(a.Title))
	if a.Subtitle != "" {
		fmt.Fprintf(&b, "*%s*\n\n", oneLine(a.Subtitle))
	}
	for _, c := range a.Captions {
		if c.Credit != "" {
			fmt.Fprintf(&b, "> Photo: %s (%s)\n\n", oneLine(c.Text), oneLine(c.Credit))
		} else {
			fmt.Fprintf(&b, "> Photo: %s\n\n", oneLine(c.Text))
		}
	}
	for _, p := range paragraphs(a.Body) {
		b.WriteString(p)
		b.WriteString("\n\n")
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// yamlString quotes a value on one line, as YAML and the front-matter
// reader both take it.
func yamlString(s string) string {
	s = oneLine(s)
	return `"` + strings.NewReplacer(`\`, `\\`, `"`, `\"`).Replace(s) + `"`
}

func oneLine(s string) string { return strings.Join(strings.Fields(s), " ") }
