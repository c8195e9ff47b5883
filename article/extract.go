package article

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"path/filepath"
	"time"
)

// DefaultMaxSize is the largest file Extract accepts when Options.MaxSize is 0.
const DefaultMaxSize int64 = 50 << 20

// DefaultTimeout bounds the extraction of one file when Options.Timeout is 0.
const DefaultTimeout = 30 * time.Second

// Options tunes Extract. The zero value is ready to use.
type Options struct {
	MaxSize int64 // largest accepted file in bytes; 0 = DefaultMaxSize
	// Timeout bounds the extraction of one file; 0 = DefaultTimeout. A
	// negative Timeout sets no limit: for a caller that enforces one itself,
	// by killing the process the extraction runs in.
	Timeout time.Duration
	// PlainOnly extracts only copied text and Markdown, read by this
	// package's own code; any other file (HTML, e-mail, PDF, HTML saved as
	// .txt) fails with ErrNotPlain before it is parsed, for the caller to
	// extract where a third-party parser can do no harm (see isolate).
	PlainOnly bool
}

// Extract turns one file's bytes into an article. name is the file name: its
// extension picks the parser, though content sniffing may override it (HTML
// saved as .txt is read as HTML). It fills File.Name, File.Format, File.Size,
// File.SHA256, Words and Language; File.Path is left to the caller.
func Extract(name string, data []byte, opts Options) (Article, error) {
	format, ok := Supported(name)
	if !ok {
		ext := filepath.Ext(name)
		if ext == "" {
			return Article{}, fmt.Errorf("%s: file has no extension, cannot tell its format: %w", name, ErrUnsupported)
		}
		return Article{}, fmt.Errorf("%s: %s files are not supported: %w", name, ext, ErrUnsupported)
	}
	maxSize := opts.MaxSize
	if maxSize <= 0 {
		maxSize = DefaultMaxSize
	}
	size := int64(len(data))
	switch {
	case size == 0:
		return Article{}, fmt.Errorf("%s: empty file (0 bytes): %w", name, ErrEmpty)
	case size > maxSize:
		return Article{}, fmt.Errorf("%s: file is %s, over the %s limit: %w", name, humanSize(size), humanSize(maxSize), ErrTooLarge)
	}
	timeout := opts.Timeout
	if timeout == 0 {
		timeout = DefaultTimeout
	}

	if opts.PlainOnly {
		if err := checkPlain(name, format, data); err != nil {
			return Article{}, err
		}
	}
	a, err := withTimeout(timeout, func() (Article, error) { return extractFile(name, format, data) })
	if err != nil {
		return Article{}, fmt.Errorf("%s: %w", name, err)
	}
	sum := sha256.Sum256(data)
	a.File.Name = filepath.Base(name)
	a.File.Size = size
	a.File.SHA256 = hex.EncodeToString(sum[:])
	return a, nil
}

// extractFile parses data as format and normalises the result.
func extractFile(name, format string, data []byte) (Article, error) {
	a, err := extractFormat(name, format, data)
	if err != nil {
		return Article{}, err
	}
	finish(&a)
	if a.Body == "" {
		return Article{}, fmt.Errorf("no article text found: %w", ErrNoArticle)
	}
	return a, nil
}

// withTimeout runs f in a goroutine and gives up after d. Parsers cannot be
// interrupted, so a runaway one keeps its goroutine until it ends, but the
// caller (and the user) is not kept waiting.
func withTimeout(d time.Duration, f func() (Article, error)) (Article, error) {
	type result struct {
		a   Article
		err error
	}
	done := make(chan result, 1)
	go func() {
		defer func() {
			// A parser bug on hostile input must not take the whole app down.
			if r := recover(); r != nil {
				done <- result{err: fmt.Errorf("parser failed (%v): %w", r, ErrNoArticle)}
			}
		}()
		a, err := f()
		done <- result{a, err}
	}()
	if d < 0 {
		r := <-done
		return r.a, r.err
	}
	timer := time.NewTimer(d)
	defer timer.Stop()
	select {
	case r := <-done:
		return r.a, r.err
	case <-timer.C:
		return Article{}, fmt.Errorf("gave up after %s: %w", d, ErrTimeout)
	}
}

// finish normalises the fields every format shares and fills Words and Language.
func finish(a *Article) {
	a.Clean()
	a.Words = countWords(a.Body)
	// The detector wins; a language the document declares is kept only
	// when the text is too short or ambiguous for the detector.
	if lang := detectLanguage(a.Title + "\n\n" + a.Body); lang != "" {
		a.Language = lang
	} else {
		a.Language = languageCode(a.Language)
	}
}

// humanSize formats a byte count the way the error messages show it.
func humanSize(n int64) string {
	switch {
	case n >= 1<<20:
		return fmt.Sprintf("%d MB", (n+(1<<19))>>20)
	case n >= 1<<10:
		return fmt.Sprintf("%d KB", (n+(1<<9))>>10)
	}
	return fmt.Sprintf("%d bytes", n)
}
