// Package safeurl decides which links from imported articles may be opened.
// Imported pages are hostile until proven otherwise: only plain web links
// are followed, and only when the user clicks them.
package safeurl

import (
	"net/url"
	"strings"
	"unicode"
)

// maxLength bounds what is worth parsing; real article URLs are far shorter.
const maxLength = 4096

// SafeURL parses raw and reports whether it is a link the app may hand to
// the browser: an absolute http or https URL with a host, no user name or
// password (https://bank.example@evil.example/ shows one host and goes to
// another), and no spaces or control characters. The returned URL has its
// scheme and host in lower case.
func SafeURL(raw string) (*url.URL, bool) {
	raw = strings.TrimSpace(raw)
	if raw == "" || len(raw) > maxLength || strings.IndexFunc(raw, unsafeRune) >= 0 {
		return nil, false
	}
	u, err := url.Parse(raw)
	if err != nil {
		return nil, false
	}
	u.Scheme = strings.ToLower(u.Scheme)
	if u.Scheme != "http" && u.Scheme != "https" {
		return nil, false
	}
	if u.Opaque != "" || u.User != nil || u.Hostname() == "" {
		return nil, false
	}
	u.Host = strings.ToLower(u.Host)
	return u, true
}

// unsafeRune is a character no real URL contains unescaped: whitespace,
// control characters and the invisible format characters (such as
// right-to-left overrides) that disguise where a link goes.
func unsafeRune(r rune) bool {
	return unicode.IsSpace(r) || unicode.IsControl(r) || unicode.Is(unicode.Cf, r) || r == '\\'
}
