package article

import "testing"

// TestHTMLHeadlineWithoutMetadata: pages that declare no headline (no
// og:title, no JSON-LD), where it must come from the page itself.
func TestHTMLHeadlineWithoutMetadata(t *testing.T) {
	const ferries = "Ferries return to the islands after the storm"
	tests := []struct{ file, rule, want string }{
		{"html/headline-logo-h1.html", "the <h1> is the site's logo, an <h2> is the <title>'s headline part", ferries},
		{"html/headline-kicker.html", "a kicker in the <h1> before the <title>'s headline part", ferries},
		{"html/headline-seo-title.html", "the page's one <h1> over a <title> worded for search engines", ferries},
		{"html/headline-no-title.html", "no <title>: the <h1> opening the article, not the logo's", ferries},
		{"html/headline-blog-h2.html", "no <title>, the <h1> a link home: the <h2> opening the article", ferries},
		{"html/headline-title-colon.html", "a heading shorter than the <title> holding it", "Ferries return"},
	}
	for _, tt := range tests {
		a, err := extractFixture(t, tt.file)
		if err != nil {
			t.Errorf("%s: %v", tt.file, err)
			continue
		}
		if a.Title != tt.want {
			t.Errorf("%s (%s): title = %q, want %q", tt.file, tt.rule, a.Title, tt.want)
		}
	}
}
