package article

import "errors"

// Domain errors. Extract wraps them with details about the file, so callers
// match them with errors.Is and show err.Error() to the user.
var (
	ErrEmpty       = errors.New("empty file")
	ErrBinary      = errors.New("binary data, not text")
	ErrTooLarge    = errors.New("file too large")
	ErrUnsupported = errors.New("unsupported file format")
	ErrNoArticle   = errors.New("no article text found")
	ErrTimeout     = errors.New("extraction took too long")
	// ErrNotPlain: Options.PlainOnly was asked, and the file needs another
	// parser than the text and Markdown readers.
	ErrNotPlain = errors.New("not plain text")
)
