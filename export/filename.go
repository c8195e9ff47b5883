package export

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"unicode"
	"unicode/utf8"
)

// MaxNameBytes bounds an exported file's name, suffix and extension
// included: well under every file system's limit, and readable.
const MaxNameBytes = 100

// maxSuffixBytes leaves room in a name for "-9999".
const maxSuffixBytes = 5

// reservedNames are device names Windows will not use as file names, with
// any extension.
var reservedNames = map[string]bool{
	"con": true, "prn": true, "aux": true, "nul": true,
	"com0": true, "com1": true, "com2": true, "com3": true, "com4": true, "com5": true, "com6": true, "com7": true, "com8": true, "com9": true,
	"lpt0": true, "lpt1": true, "lpt2": true, "lpt3": true, "lpt4": true, "lpt5": true, "lpt6": true, "lpt7": true, "lpt8": true, "lpt9": true,
	"com¹": true, "com²": true, "com³": true, "lpt¹": true, "lpt²": true, "lpt³": true,
}

// Slug turns a title into the stem of a file name that is safe everywhere:
// letters and digits of any script, in lower case, words joined by "-".
// Path separators, dots, control and invisible characters cannot survive, so
// the name can never climb out of the export folder, hide itself or disguise
// its extension; device names such as CON and NUL get a suffix; at most
// maxBytes long, cut at a character boundary.
func Slug(title string, maxBytes int) string {
	var b strings.Builder
	dash := false
	for _, r := range strings.ToValidUTF8(title, "-") {
		if unicode.IsLetter(r) || unicode.IsDigit(r) || (unicode.IsMark(r) && b.Len() > 0 && !dash) {
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			dash = false
			b.WriteRune(unicode.ToLower(r))
			continue
		}
		dash = true
	}
	s := truncate(b.String(), maxBytes)
	if s == "" {
		s = "article"
	}
	if reservedNames[s] {
		s += "-article"
	}
	return s
}

// truncate cuts s to at most n bytes without splitting a character, and
// without leaving a dash at the end.
func truncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	s = s[:n]
	for len(s) > 0 && !utf8.ValidString(s) {
		s = s[:len(s)-1]
	}
	return strings.TrimRight(s, "-")
}

// FileName is the name an article is exported under: prefix (such as
// "12-", may be empty), the title's slug and ext (".json"), within
// MaxNameBytes with room left for a "-2" suffix.
func FileName(prefix, title, ext string) string {
	return prefix + Slug(title, MaxNameBytes-len(prefix)-len(ext)-maxSuffixBytes) + ext
}

// createUnique creates name in dir, or name-2, name-3, … when it is taken:
// an export never overwrites a file.
func createUnique(dir, name string) (*os.File, error) {
	ext := filepath.Ext(name)
	stem := strings.TrimSuffix(name, ext)
	for n := 1; n < 10000; n++ {
		try := name
		if n > 1 {
			try = fmt.Sprintf("%s-%d%s", stem, n, ext)
		}
		f, err := os.OpenFile(filepath.Join(dir, try), os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
		if errors.Is(err, os.ErrExist) {
			continue
		}
		if err != nil {
			return nil, fmt.Errorf("create %s: %w", filepath.Join(dir, try), err)
		}
		return f, nil
	}
	return nil, fmt.Errorf("create %s in %s: every numbered name is taken", name, dir)
}
