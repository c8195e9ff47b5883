// Package humanize writes numbers, dates, sizes and errors as people read
// them in the window.
package humanize

import (
	"errors"
	"fmt"
	"math"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/RadhiFadlillah/whatlanggo"

	"github.com/clippings/clippings/article"
	"github.com/clippings/clippings/db"
)

// readingWPM is a typical adult's silent reading speed.
const readingWPM = 230

// Thousands writes n with thin separators: 1234567 → "1,234,567".
func Thousands(n int) string {
	s := strconv.Itoa(n)
	if n < 0 {
		return "-" + Thousands(-n)
	}
	var b strings.Builder
	for i, r := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(r)
	}
	return b.String()
}

func Plural(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return Thousands(n) + " " + many
}

// Date is how dates read in the window: "21 Aug 2020".
func Date(d article.Date) string {
	if !d.Known() {
		return ""
	}
	return d.Format("2 Jan 2006")
}

func Time(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.Local().Format("2 Jan 2006 15:04")
}

// ReadingTime is "4 min read" at readingWPM, at least one minute.
func ReadingTime(words int) string {
	minutes := int(math.Ceil(float64(words) / readingWPM))
	if minutes < 1 {
		minutes = 1
	}
	return fmt.Sprintf("%d min", minutes)
}

// ByteSize is a file size for people: "12.3 MB".
func ByteSize(n int64) string {
	const unit = 1000
	if n < unit {
		return Plural(int(n), "byte", "bytes")
	}
	div, exp := int64(unit), 0
	for m := n / unit; m >= unit; m /= unit {
		div *= unit
		exp++
	}
	return fmt.Sprintf("%.1f %cB", float64(n)/float64(div), "kMGTPE"[exp])
}

func IsBlank(s string) bool { return strings.TrimSpace(s) == "" }

// Capitalize makes the first letter of s upper-case.
func Capitalize(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}

// LanguageName is the English name of an ISO 639-1 code.
func LanguageName(code string) string {
	if code == "" {
		return "Unknown"
	}
	languageNamesOnce.Do(func() {
		languageNames = map[string]string{"zh": "Chinese"}
		for lang, name := range whatlanggo.Langs {
			if c := lang.Iso6391(); c != "" && languageNames[c] == "" {
				languageNames[c] = name
			}
		}
	})
	if name, ok := languageNames[code]; ok {
		return name
	}
	return code
}

var (
	languageNamesOnce sync.Once
	languageNames     map[string]string
)

// DescribeError adds what to do about the archive errors a user can fix.
func DescribeError(err error) string {
	msg := err.Error()
	switch {
	case errors.Is(err, db.ErrLocked):
		return msg + "\n\nAnother program (perhaps `clippings import`) is writing to the archive. Try again when it has finished."
	case errors.Is(err, db.ErrReadOnly):
		return msg + "\n\nCheck that the archive's folder is writable and the disk is not full."
	}
	return msg
}

// DateRange is "19 Aug 2020 – 20 Nov 2022", one day alone, or a dash when
// neither is known.
func DateRange(first, last article.Date) string {
	a, b := Date(first), Date(last)
	switch {
	case a == "":
		return "–"
	case a == b:
		return a
	}
	return a + " – " + b
}
