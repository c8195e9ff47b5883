package reader

import "testing"

func TestArticleLinkOnlyForWebAddresses(t *testing.T) {
	for raw, ok := range map[string]bool{
		"https://example.com/a": true,
		"http://example.com/a":  true,
		"javascript:alert(1)":   false,
		"file:///etc/passwd":    false,
		"":                      false,
		"example.com/a":         false,
	} {
		if got := articleLink(raw) != nil; got != ok {
			t.Errorf("articleLink(%q) offered = %v, want %v", raw, got, ok)
		}
	}
}
