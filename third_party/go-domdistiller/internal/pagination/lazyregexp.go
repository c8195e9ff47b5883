package pagination

import (
	"regexp"
	"sync"
)

// lazyPattern is a pattern compiled on first use (patched for Clippings,
// see scripts/patch-domdistiller): compiling them cost every program that
// links the package 1.4 ms at start, whether it paginates or not.
type lazyPattern struct {
	src  string
	once sync.Once
	rx   *regexp.Regexp
}

func lazyRegexp(src string) *lazyPattern { return &lazyPattern{src: src} }

func (l *lazyPattern) get() *regexp.Regexp {
	l.once.Do(func() { l.rx = regexp.MustCompile(l.src) })
	return l.rx
}

func (l *lazyPattern) MatchString(s string) bool { return l.get().MatchString(s) }

func (l *lazyPattern) FindAllString(s string, n int) []string { return l.get().FindAllString(s, n) }

func (l *lazyPattern) FindStringSubmatch(s string) []string { return l.get().FindStringSubmatch(s) }

func (l *lazyPattern) ReplaceAllString(src, repl string) string {
	return l.get().ReplaceAllString(src, repl)
}
