package export

import (
	"fmt"
	"io"
	"strings"

	"github.com/clippings/clippings/db"
)

// Format is an export file format.
type Format string

const (
	JSON     Format = "json"     // restores everything on import
	Markdown Format = "markdown" // to read and edit; front matter keeps the metadata
	HTML     Format = "html"     // to read in a browser; loads nothing from the network
)

// ParseFormat reads "json", "markdown" (or "md") or "html".
func ParseFormat(s string) (Format, error) {
	switch strings.ToLower(s) {
	case "json":
		return JSON, nil
	case "markdown", "md":
		return Markdown, nil
	case "html", "htm":
		return HTML, nil
	}
	return "", fmt.Errorf("unknown export format %q: use json, markdown or html", s)
}

// writer writes one article in a format.
type writer struct {
	ext           string
	needsOriginal bool
	idPrefix      bool // names start with the article id, keeping the archive's order
	write         func(w io.Writer, a db.Article, original []byte) error
}

func writerFor(f Format) (writer, error) {
	switch f {
	case JSON:
		return writer{ext: ".json", needsOriginal: true, idPrefix: true, write: writeJSON}, nil
	case Markdown:
		return writer{ext: ".md", write: writeMarkdown}, nil
	case HTML:
		return writer{ext: ".html", write: writeHTML}, nil
	}
	return writer{}, fmt.Errorf("unknown export format %q: use json, markdown or html", f)
}

func writeJSON(w io.Writer, a db.Article, original []byte) error {
	b, err := Marshal(NewRecord(a, original))
	if err != nil {
		return err
	}
	_, err = w.Write(b)
	return err
}

// paragraphs splits a body at its blank lines.
func paragraphs(body string) []string {
	var out []string
	for _, p := range strings.Split(body, "\n\n") {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}
