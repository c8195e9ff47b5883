package article

import (
	"strings"
	"testing"

	"golang.org/x/net/html"
)

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

func TestHeadlineText(t *testing.T) {
	tests := []struct{ h1, want string }{
		{`<h1><span class="dachzeile">Interne Unterlagen im Netz</span> <span class="headline">Daten von Rheinmetall gehackt</span></h1>`, "Daten von Rheinmetall gehackt"},
		{`<h1><small>Tunesien</small><br> Große Aufgaben für die neue Regierung</h1>`, "Große Aufgaben für die neue Regierung"},
		{`<h1><span class="supertitle"><time datetime="2022-02-01">1. Februar 2022</time></span> <span class="title">Raab will mehr Kinderbetreuung</span></h1>`, "Raab will mehr Kinderbetreuung"},
		{`<h1><span class="visuallyhidden">Headline:</span> Energiewende und gesellschaftlicher Wandel</h1>`, "Energiewende und gesellschaftlicher Wandel"},
		{`<h1>The <em>real</em> cost of <a href="/x">housing</a></h1>`, "The real cost of housing"},
		// Nothing left but one word: the heading as it is.
		{`<h1><span class="kicker">Storm</span> Ferries</h1>`, "Storm Ferries"},
	}
	for _, tt := range tests {
		doc, err := html.Parse(strings.NewReader(tt.h1))
		if err != nil {
			t.Fatal(err)
		}
		if got := headlineText(findAll(doc, byTag("h1"))[0]); got != tt.want {
			t.Errorf("headlineText(%s) = %q, want %q", tt.h1, got, tt.want)
		}
	}
}

// A hostile <title> of thousands of parts is split into a bounded number.
func TestTitleSegmentsBounded(t *testing.T) {
	title := strings.Repeat("word | ", 5000) + "end"
	segs := titleSegments(title, titleSeparators)
	if len(segs) > maxTitleParts*(maxTitleParts+1)/2 {
		t.Errorf("%d runs of parts, want at most %d", len(segs), maxTitleParts*(maxTitleParts+1)/2)
	}
	if got := headingInTitle([]string{"end"}, nil, title, "", titleSeparators); got != "" {
		t.Errorf("headingInTitle = %q, want none", got)
	}
	if segs := titleSegments("Ferry returns - Gazette", titleSeparators); len(segs) != 3 {
		t.Errorf("titleSegments(Ferry returns - Gazette) = %d runs, want 3", len(segs))
	}
}
