package article

import (
	"regexp"
	"sync"
)

// lazyRegexp is a pattern compiled when first used, not when the package
// starts: compiling this package's hundred patterns took 15–20 ms of every
// process's start, the command line's and the window's alike, whether it
// extracted anything or not. TestPatternsCompile compiles them all, so a
// malformed one still fails the tests rather than a user's import.
type lazyRegexp struct {
	expr string
	once sync.Once
	re   *regexp.Regexp
}

// patterns are every lazyRegexp made at package level, for the test.
var patterns []*lazyRegexp

// lazyRe is regexp.MustCompile(expr), compiled on first use.
func lazyRe(expr string) *lazyRegexp {
	l := &lazyRegexp{expr: expr}
	patterns = append(patterns, l)
	return l
}

// compiled is the pattern itself.
func (l *lazyRegexp) compiled() *regexp.Regexp {
	l.once.Do(func() { l.re = regexp.MustCompile(l.expr) })
	return l.re
}

func (l *lazyRegexp) MatchString(s string) bool  { return l.compiled().MatchString(s) }
func (l *lazyRegexp) FindString(s string) string { return l.compiled().FindString(s) }
func (l *lazyRegexp) FindStringIndex(s string) []int {
	return l.compiled().FindStringIndex(s)
}
func (l *lazyRegexp) FindStringSubmatch(s string) []string {
	return l.compiled().FindStringSubmatch(s)
}
func (l *lazyRegexp) FindStringSubmatchIndex(s string) []int {
	return l.compiled().FindStringSubmatchIndex(s)
}
func (l *lazyRegexp) FindSubmatch(b []byte) [][]byte { return l.compiled().FindSubmatch(b) }
func (l *lazyRegexp) FindAllStringIndex(s string, n int) [][]int {
	return l.compiled().FindAllStringIndex(s, n)
}
func (l *lazyRegexp) FindAllStringSubmatch(s string, n int) [][]string {
	return l.compiled().FindAllStringSubmatch(s, n)
}
func (l *lazyRegexp) FindAllStringSubmatchIndex(s string, n int) [][]int {
	return l.compiled().FindAllStringSubmatchIndex(s, n)
}
func (l *lazyRegexp) ReplaceAllString(src, repl string) string {
	return l.compiled().ReplaceAllString(src, repl)
}
func (l *lazyRegexp) ReplaceAllStringFunc(src string, repl func(string) string) string {
	return l.compiled().ReplaceAllStringFunc(src, repl)
}
func (l *lazyRegexp) Split(s string, n int) []string { return l.compiled().Split(s, n) }
func (l *lazyRegexp) String() string                 { return l.expr }
func (l *lazyRegexp) Match(b []byte) bool            { return l.compiled().Match(b) }
func (l *lazyRegexp) FindAllSubmatch(b []byte, n int) [][][]byte {
	return l.compiled().FindAllSubmatch(b, n)
}
