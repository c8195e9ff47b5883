package article

import (
	"bytes"
	"fmt"
	"path/filepath"
	"strings"
)

// Format names, as stored in File.Format.
const (
	FormatText     = "text"
	FormatHTML     = "html"
	FormatMarkdown = "markdown"
	FormatEmail    = "email"
	FormatPDF      = "pdf"
)

// fileFormat is a kind of file Extract reads: the one registry of them,
// which the importer, the command line, fetching and re-extraction all
// ask.
type fileFormat struct {
	name string
	// extensions mark files of the format, lower case; the first is its
	// own, given to files of it that need a name.
	extensions []string
	// media is the media type a web server gives it, "" for none Clippings
	// fetches.
	media string
	// parse reads the file's bytes; ext is the extension it came with.
	parse func(data []byte, ext string) (Article, error)
}

var formats = []fileFormat{
	{FormatText, []string{".txt", ".text"}, "text/plain", func(data []byte, ext string) (Article, error) {
		return parseText(data, ext, FormatText, extractText)
	}},
	{FormatHTML, []string{".html", ".htm", ".xhtml"}, "text/html", parseHTMLFile},
	{FormatMarkdown, []string{".md", ".markdown", ".mdown", ".mkd"}, "text/markdown", func(data []byte, ext string) (Article, error) {
		return parseText(data, ext, FormatMarkdown, extractMarkdown)
	}},
	{FormatEmail, []string{".eml"}, "", parseEmailFile},
	{FormatPDF, []string{".pdf"}, "application/pdf", parsePDFFile},
}

func formatNamed(name string) (fileFormat, bool) {
	for _, f := range formats {
		if f.name == name {
			return f, true
		}
	}
	return fileFormat{}, false
}

// Supported reports the format for a file name ("text", "html", "markdown",
// "email", "pdf") or ok=false when Extract cannot read such files.
func Supported(name string) (format string, ok bool) {
	ext := strings.ToLower(filepath.Ext(name))
	for _, f := range formats {
		for _, e := range f.extensions {
			if e == ext {
				return f.name, true
			}
		}
	}
	return "", false
}

// Extension is a format's own extension (".html" for "html"), "" for a
// format Extract does not read.
func Extension(format string) string {
	if f, ok := formatNamed(format); ok {
		return f.extensions[0]
	}
	return ""
}

// Extensions are all the extensions of a format, its own first.
func Extensions(format string) []string {
	f, _ := formatNamed(format)
	return f.extensions
}

// ReadsText names the files Extract reads by their own extensions, as
// messages and help say it: ".txt, .html, .md, .eml and .pdf".
func ReadsText() string {
	exts := make([]string, len(formats))
	for i, f := range formats {
		exts[i] = f.extensions[0]
	}
	return strings.Join(exts[:len(exts)-1], ", ") + " and " + exts[len(exts)-1]
}

// MediaExtension is the extension of the format a web server's media type
// says ("text/html" → ".html"), or false when Clippings does not read it.
func MediaExtension(media string) (string, bool) {
	for _, f := range formats {
		if f.media != "" && f.media == media {
			return f.extensions[0], true
		}
	}
	return "", false
}

// extractFormat runs the parser for format, after sniffing the content.
func extractFormat(name, format string, data []byte) (Article, error) {
	f, ok := formatNamed(format)
	if !ok {
		return Article{}, fmt.Errorf("format %q: %w", format, ErrUnsupported)
	}
	return f.parse(data, strings.ToLower(filepath.Ext(name)))
}

// parseText reads text or Markdown, which may turn out to be HTML saved
// under another name.
func parseText(data []byte, ext, format string, extract func(string) (Article, error)) (Article, error) {
	text, err := decodeText(data, ext)
	if err != nil {
		return Article{}, err
	}
	if looksLikeHTML(text) {
		a, err := extractHTML(text)
		a.File.Format = FormatHTML
		return a, err
	}
	if err := checkTextLines(text); err != nil {
		return Article{}, err
	}
	a, err := extract(text)
	a.File.Format = format
	return a, err
}

func parseHTMLFile(data []byte, ext string) (Article, error) {
	text, err := decodeHTML(data, ext)
	if err != nil {
		return Article{}, err
	}
	var a Article
	if hasMarkup(text) {
		a, err = extractHTML(text)
	} else {
		// A ".html" file without any markup is plain copied text.
		if err := checkTextLines(text); err != nil {
			return Article{}, err
		}
		a, err = extractText(text)
	}
	a.File.Format = FormatHTML
	return a, err
}

func parsePDFFile(data []byte, _ string) (Article, error) {
	if !bytes.HasPrefix(bytes.TrimLeft(data[:min(len(data), 1024)], "\x00\t\r\n "), []byte("%PDF-")) {
		return Article{}, fmt.Errorf("not a PDF file (no %%PDF- header): %w", ErrNoArticle)
	}
	a, err := extractPDF(data)
	a.File.Format = FormatPDF
	return a, err
}

func parseEmailFile(data []byte, ext string) (Article, error) {
	if err := checkBinary(data, ext); err != nil {
		return Article{}, err
	}
	a, err := extractEmail(data)
	a.File.Format = FormatEmail
	return a, err
}
