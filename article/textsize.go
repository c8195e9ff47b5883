package article

import (
	"fmt"
	"strings"

	"golang.org/x/text/language"
	"golang.org/x/text/message"
)

// maxTextLines bounds the lines of a text file (copied text, Markdown)
// that extraction reads. Its line classification keeps a few hundred
// bytes per line: a 49 MB text of 8.5 million short lines took 2 GB and
// more than 30 seconds, 1,000,000 lines 390 MB. An article copied from a
// page, menus and comments included, is a few thousand lines; 200,000
// (a book) cost about 70 MB and 3 seconds here.
const maxTextLines = 200_000

// checkTextLines refuses text of more lines than an article could have,
// before any work is spent on it.
func checkTextLines(text string) error {
	n := strings.Count(text, "\n")
	if n == 0 {
		n = strings.Count(text, "\r") // old Mac line ends
	}
	if n > maxTextLines {
		p := message.NewPrinter(language.English) // 8,500,000
		return fmt.Errorf("%s lines of text, more than an article has (Clippings reads texts of up to %s lines): %w",
			p.Sprint(n), p.Sprint(maxTextLines), ErrTooLarge)
	}
	return nil
}
