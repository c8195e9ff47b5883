package app

import (
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"

	"github.com/clippings/clippings/article"
)

// readingWPM is a typical adult's silent reading speed.
const readingWPM = 230

// thousands writes n with thin separators: 1234567 → "1,234,567".
func thousands(n int) string {
	s := strconv.Itoa(n)
	if n < 0 {
		return "-" + thousands(-n)
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

func plural(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return thousands(n) + " " + many
}

// displayDate is how dates read in the window: "21 Aug 2020".
func displayDate(d article.Date) string {
	if !d.Known() {
		return ""
	}
	return d.Format("2 Jan 2006")
}

func displayTime(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.Local().Format("2 Jan 2006 15:04")
}

// readingTime is "4 min read" at readingWPM, at least one minute.
func readingTime(words int) string {
	minutes := int(math.Ceil(float64(words) / readingWPM))
	if minutes < 1 {
		minutes = 1
	}
	return fmt.Sprintf("%d min", minutes)
}

// byteSize is a file size for people: "12.3 MB".
func byteSize(n int64) string {
	const unit = 1000
	if n < unit {
		return plural(int(n), "byte", "bytes")
	}
	div, exp := int64(unit), 0
	for m := n / unit; m >= unit; m /= unit {
		div *= unit
		exp++
	}
	return fmt.Sprintf("%.1f %cB", float64(n)/float64(div), "kMGTPE"[exp])
}

func isBlank(s string) bool { return strings.TrimSpace(s) == "" }
