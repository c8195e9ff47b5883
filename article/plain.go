package article

import (
	"fmt"
	"path/filepath"
	"strings"
)

// checkPlain says whether Extract may read a file with Options.PlainOnly:
// only copied text and Markdown that is not HTML saved under their names.
// The text is decoded here once more than Extract does it; PlainOnly is
// for small files.
func checkPlain(name, format string, data []byte) error {
	if format != FormatText && format != FormatMarkdown {
		return fmt.Errorf("%s is %s: %w", name, format, ErrNotPlain)
	}
	text, err := decodeText(data, strings.ToLower(filepath.Ext(name)))
	if err == nil && looksLikeHTML(text) {
		return fmt.Errorf("%s holds HTML: %w", name, ErrNotPlain)
	}
	return nil // a decoding error is Extract's to report
}
