package article

import (
	"errors"
	"strings"
	"testing"
)

// TestExtractHardWrapped extracts hard-wrapped text (wire copy, e-mail,
// fixed-width dumps): the first line is the headline, each paragraph one
// line of the body, lists and tables kept line by line.
func TestExtractHardWrapped(t *testing.T) {
	tests := []struct {
		file       string
		title      string
		paragraphs []string // the body, paragraph by paragraph; "" skips a check
		authors    []string
		published  string
		source     string
	}{
		{file: "wrapped/wire-indented.txt", title: "EASTBROOK FERRIES <EFI> FIRST QUARTER PROFIT RISES", source: "",
			paragraphs: []string{
				"NEW YORK, March 3 - Eastbrook Ferries Inc said its first quarter profit rose sharply as more commuters took the river route, and it expects the trend to continue through the summer season.",
				"The company said net income rose to 4.2 mln dlrs, or 31 cts a share, from 1.9 mln dlrs, or 14 cts, a year earlier, on revenues up 22 pct.",
				"Shr 31 cts vs 14 cts",
				"Net 4,200,000 vs 1,900,000",
				"Revs 38.1 mln vs 31.2 mln",
				"Chairman Tom Walker told analysts the company would order two new boats this year, adding that the river route was now cheaper for most commuters than the toll bridge.",
			}},
		{file: "wrapped/blank-lines.txt", title: "Eastbrook votes to bring back its river ferry", authors: []string{"Tom Walker"},
			paragraphs: []string{
				"The town council of Eastbrook voted on Tuesday to reopen the old river ferry, which stopped running in 1998 after the last boat was sold for scrap, ending months of negotiations with the county.",
				"Supporters said the ferry would take cars off the bridge. Opponents worried about the long-term cost of running it, and about parking near the landing on the east bank of the river.",
				"The first crossings are planned for May, and the council expects about four hundred passengers a day once the long-term timetable is settled.",
			}},
		{file: "wrapped/brief.txt", title: "HARBOUR CLOSED AFTER STORM", published: "",
			paragraphs: []string{
				"SOUTHPORT, Jan 12 - The harbour of Southport was closed on Sunday after a storm damaged the outer breakwater. Port officials said it would reopen within a week.",
			}},
		{file: "wrapped/lists.txt", title: "What the new ferry timetable means",
			paragraphs: []string{
				"The council published the timetable on Friday. It sets out how often the boats will run and what a crossing will cost, and it asks residents for comments before the end of the month.",
				"The main points:",
				"Boats every twenty minutes at rush hour",
				"A single crossing costs two pounds",
				"Bicycles travel free",
				"1. Consultation opens on Monday",
				"2. A public meeting follows in April",
				"3. Crossings start in May",
				"Residents can send their views by post or at the town hall, where the plans are on display every weekday.",
			}},
		{file: "wrapped/indented-crlf.txt", title: "Le bac d'Eastbrook reprend du service",
			paragraphs: []string{
				"Le conseil municipal a voté mardi la réouverture du bac sur la rivière, fermé depuis 1998 faute de bateau et de passagers réguliers.",
				"Les partisans du projet estiment que le bac soulagera le pont. Les opposants s'inquiètent du coût et du stationnement près de l'embarcadère.",
				"Les premières traversées sont prévues en mai, avec quatre cents passagers attendus chaque jour.",
			}},
		{file: "email/wrapped.eml", title: "Eastbrook votes to bring back its river ferry", authors: []string{"Tom Walker"}, published: "2024-03-12",
			paragraphs: []string{
				"The town council of Eastbrook voted on Tuesday to reopen the old river ferry, which stopped running in 1998 after the last boat was sold for scrap.",
				"Supporters said the ferry would take cars off the bridge. Opponents worried about the cost of running it, and about parking near the landing on the east bank.",
				"The first crossings are planned for May, and the council expects about four hundred passengers a day.",
			}},
		{file: "email/flowed.eml", title: "Eastbrook votes to bring back its river ferry", authors: []string{"Tom Walker"}, published: "2024-03-12",
			paragraphs: []string{
				"The town council of Eastbrook voted on Tuesday to reopen the old river ferry, which stopped running in 1998 after the last boat was sold for scrap.",
				"Supporters said the ferry would take cars off the bridge. Opponents worried about the cost of running it, and about parking near the landing on the east bank.",
				"The first crossings are planned for May, and the council expects about four hundred passengers a day.",
				"From the council's notice: crossings cost two pounds.",
			}},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			a, err := extractFixture(t, tt.file)
			if err != nil {
				t.Fatalf("Extract: %v", err)
			}
			if a.Title != tt.title {
				t.Errorf("title = %q, want %q", a.Title, tt.title)
			}
			got := strings.Split(a.Body, "\n\n")
			if len(got) != len(tt.paragraphs) {
				t.Errorf("%d paragraphs, want %d:\n%s", len(got), len(tt.paragraphs), strings.Join(got, "\n¶ "))
			}
			for i := 0; i < min(len(got), len(tt.paragraphs)); i++ {
				if got[i] != tt.paragraphs[i] {
					t.Errorf("paragraph %d = %q\nwant          %q", i+1, got[i], tt.paragraphs[i])
				}
			}
			if tt.authors != nil && strings.Join(a.Authors, "|") != strings.Join(tt.authors, "|") {
				t.Errorf("authors = %q, want %q", a.Authors, tt.authors)
			}
			if tt.published != "" && a.Published.String() != tt.published {
				t.Errorf("published = %q, want %q", a.Published, tt.published)
			}
			checkWellFormed(t, a)
		})
	}
}

// TestUnwrapText checks which texts unwrapText takes for hard-wrapped, and
// how it joins their lines.
func TestUnwrapText(t *testing.T) {
	tests := []struct {
		name, text, want string
		wrapped          bool
	}{
		{name: "one paragraph a line (copied page)", wrapped: false,
			text: "Headline of the story\n\n" + strings.Repeat("A paragraph of running text that goes on well past any width a formatter would use for wrapping lines, ", 2) + "end.\n\nAnother paragraph.\n"},
		{name: "menu lines", wrapped: false, text: "Home\nNews\nSport\nWeather\nAbout us\n"},
		{name: "wrapped, blank-line paragraphs", wrapped: true,
			text: "The council voted on Tuesday to reopen the old river ferry, which\nstopped running in 1998 after the last boat was sold for scrap.\n\nSupporters said the ferry would take cars off the bridge, and\nopponents worried about the cost.\n",
			want: "The council voted on Tuesday to reopen the old river ferry, which stopped running in 1998 after the last boat was sold for scrap.\n\nSupporters said the ferry would take cars off the bridge, and opponents worried about the cost."},
		{name: "hyphenated at the wrap", wrapped: true,
			text: "The council voted on Tuesday after months of difficult negoti-\nations with the county to reopen the ferry that stopped in\n1998 when the last boat was sold for scrap to a yard upriver.\n",
			want: "The council voted on Tuesday after months of difficult negotiations with the county to reopen the ferry that stopped in 1998 when the last boat was sold for scrap to a yard upriver."},
		{name: "a compound broken at its hyphen", wrapped: true,
			text: "Opponents of the plan worried about the long-term cost of the\nferry, and the council said the long-\nterm plan would be ready in May, before the first crossings.\n",
			want: "Opponents of the plan worried about the long-term cost of the ferry, and the council said the long-term plan would be ready in May, before the first crossings."},
		{name: "a number opening a line mid-sentence", wrapped: true,
			text: "Der Gemeinderat von Eastbrook hat am Dienstag beschlossen, die Fähre am\n5. November wieder fahren zu lassen, nach fünfundzwanzig Jahren Pause.\n",
			want: "Der Gemeinderat von Eastbrook hat am Dienstag beschlossen, die Fähre am 5. November wieder fahren zu lassen, nach fünfundzwanzig Jahren Pause."},
		{name: "table rows stay lines", wrapped: true,
			text: "The company reported its results for the quarter on Monday, and\nsaid it expected more growth.\n\nQuarter     Revenue     Profit\nFirst       38.1        4.2\nSecond      40.3        4.9\n",
			want: "The company reported its results for the quarter on Monday, and said it expected more growth.\n\nQuarter     Revenue     Profit\n\nFirst       38.1        4.2\n\nSecond      40.3        4.9"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, ok := unwrapText(tt.text)
			if ok != tt.wrapped {
				t.Fatalf("wrapped = %v, want %v", ok, tt.wrapped)
			}
			if ok && got != tt.want {
				t.Errorf("got  %q\nwant %q", got, tt.want)
			}
			if !ok && got != tt.text {
				t.Errorf("text not taken for wrapped was changed: %q", got)
			}
		})
	}
}

// TestUnflow decodes format=flowed (RFC 3676).
func TestUnflow(t *testing.T) {
	tests := []struct {
		name, text string
		delSp      bool
		want       string
	}{
		{"soft breaks", "The council voted \r\nto reopen the ferry.\r\nNext paragraph.", false, "The council voted to reopen the ferry.\nNext paragraph."},
		{"delsp", "Wörter, die zu lang sind, wer \r\nden getrennt.", true, "Wörter, die zu lang sind, werden getrennt."},
		{"space-stuffed", " From the notice: two pounds.", false, "From the notice: two pounds."},
		{"signature separator is no soft break", "Text.\r\n-- \r\nName", false, "Text.\n-- \nName"},
		{"quote depth", "> quoted \r\n> text\r\nreply", false, "> quoted text\nreply"},
	}
	for _, tt := range tests {
		if got := unflow(tt.text, tt.delSp); got != tt.want {
			t.Errorf("%s: got %q, want %q", tt.name, got, tt.want)
		}
	}
}

// TestTextModelShipped: the embedded model reads, with the features this
// code computes and trees for each of its three parts.
func TestTextModelShipped(t *testing.T) {
	m, err := shippedTextModel()
	if err != nil {
		t.Fatal(err)
	}
	if len(m.Local.Trees) == 0 || len(m.Body.Trees) == 0 || len(m.Headline.Trees) == 0 {
		t.Errorf("trees: %d local, %d body, %d headline", len(m.Local.Trees), len(m.Body.Trees), len(m.Headline.Trees))
	}
	if _, err := ParseTextModel([]byte(`{"local":{"features":["words"]}}`)); err == nil {
		t.Error("a model with other features was read")
	}
}

// TestExtractShortPlainText: a file of running text is an article, however
// short; only text without a sentence is refused.
func TestExtractShortPlainText(t *testing.T) {
	tests := []struct {
		name, text, title, body string
		refused                 bool
	}{
		{name: "one sentence", text: "The meeting of the harbour board was postponed to Friday.\n",
			body: "The meeting of the harbour board was postponed to Friday."},
		{name: "headline and a sentence", text: "Harbour board meeting postponed\n\nThe meeting of the harbour board was postponed to Friday.\n",
			title: "Harbour board meeting postponed", body: "The meeting of the harbour board was postponed to Friday."},
		{name: "menu only", text: "Home\nNews\nSport\n", refused: true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a, err := Extract("brief.txt", []byte(tt.text), Options{})
			if tt.refused {
				if !errors.Is(err, ErrNoArticle) {
					t.Fatalf("err = %v, want ErrNoArticle", err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if a.Title != tt.title || a.Body != tt.body {
				t.Errorf("title %q, body %q; want %q, %q", a.Title, a.Body, tt.title, tt.body)
			}
		})
	}
}
