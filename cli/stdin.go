package cli

import (
	"bytes"
	"flag"
	"fmt"
	"io"
	"regexp"

	"github.com/clippings/clippings/article"
	"github.com/clippings/clippings/fetch"
	"github.com/clippings/clippings/importer"
)

// stdinLabel is what results call standard input.
const stdinLabel = "standard input"

// stdinFlags are import's flags for the article read from standard input.
type stdinFlags struct {
	title, url, format string
}

// batch turns import's arguments into a batch: "-" reads one article from
// standard input. It prints why the arguments cannot be used.
func (in stdinFlags) batch(env Env, args []string, limit int64) (importer.Batch, bool) {
	var b importer.Batch
	stdin := 0
	for _, a := range args {
		if a == "-" {
			stdin++
			continue
		}
		b.Paths = append(b.Paths, a)
	}
	usage := func(msg string) (importer.Batch, bool) {
		fmt.Fprintln(env.Stderr, "clippings import: "+msg)
		return b, false
	}
	switch {
	case stdin > 1:
		return usage("- (standard input) may be given once")
	case stdin == 0 && (in.title != "" || in.url != "" || in.format != ""):
		return usage("--title, --url and --format are for the article read from standard input: add -")
	case in.url != "" && !fetch.IsAddress(in.url):
		return usage(fmt.Sprintf("--url %q is not a web address (http:// or https://)", in.url))
	case in.format != "" && in.format != "html" && in.format != "text":
		return usage(fmt.Sprintf("--format %q: give html or text", in.format))
	}
	if stdin == 0 {
		return b, true
	}
	var r io.Reader = bytes.NewReader(nil)
	if env.Stdin != nil {
		r = env.Stdin
	}
	data, err := io.ReadAll(io.LimitReader(r, limit+1))
	if err != nil {
		return usage(fmt.Sprintf("read standard input: %v", err))
	}
	if int64(len(data)) > limit {
		return usage(fmt.Sprintf("standard input is over the %d MB limit (--max-size)", limit>>20))
	}
	b.Items = append(b.Items, importer.Item{Name: "stdin" + stdinExtension(in.format, data), Data: data,
		Label: stdinLabel, Title: in.title, URL: in.url})
	return b, true
}

// htmlStart is how HTML copied from a browser begins: Chromium's starts
// with <meta charset='utf-8'>, Firefox's with <html> or a tag of the
// selection.
var htmlStart = regexp.MustCompile(`(?i)^(?:\xef\xbb\xbf)?\s*<(?:!doctype|html|head|body|meta|h[1-6]|p|div|article|section|main|span|a|b|i|em|strong|table|ul|ol|li|blockquote|figure|img|br|header)[\s>/]`)

// stdinExtension picks the parser for standard input: --format, else
// what the bytes look like (Clippings reads HTML in a .txt too, but not a
// fragment without <html>).
func stdinExtension(format string, data []byte) string {
	switch {
	case format == "html":
		return article.Extension(article.FormatHTML)
	case format == "text":
		return article.Extension(article.FormatText)
	case bytes.HasPrefix(bytes.TrimLeft(data, " \t\r\n"), []byte("%PDF-")):
		return article.Extension(article.FormatPDF)
	case htmlStart.Match(data[:min(len(data), 1024)]):
		return article.Extension(article.FormatHTML)
	}
	return article.Extension(article.FormatText)
}

// parseInterspersed parses flags given before, between and after the
// positional arguments, which it returns; "--" ends the flags.
func parseInterspersed(fs *flag.FlagSet, args []string) ([]string, bool, int) {
	var positional []string
	for {
		if ok, status := parse(fs, args); !ok {
			return nil, false, status
		}
		rest := fs.Args()
		if len(rest) == 0 {
			return positional, true, 0
		}
		if used := len(args) - len(rest); used > 0 && args[used-1] == "--" {
			return append(positional, rest...), true, 0
		}
		positional = append(positional, rest[0])
		args = rest[1:]
	}
}
