package article

import (
	"errors"
	"net/http"
	"strings"
	"testing"
)

func TestSplitCredit(t *testing.T) {
	tests := []struct{ line, text, credit string }{
		{"Soldiers in Bamako, Mali August 19, 2020. REUTERS/ Idrissa Sangare", "Soldiers in Bamako, Mali August 19, 2020.", "REUTERS/ Idrissa Sangare"},
		{"The president speaks in Washington. (AP Photo/Evan Vucci)", "The president speaks in Washington.", "AP Photo/Evan Vucci"},
		{"Fans at the stadium. Photo: Damian Dovarganes, AP", "Fans at the stadium.", "Photo: Damian Dovarganes, AP"},
		{"A protester in Hong Kong. Jane Doe/Getty Images", "A protester in Hong Kong.", "Jane Doe/Getty Images"},
		{"The council voted on Tuesday to reopen the ferry.", "", ""},
	}
	for _, tt := range tests {
		text, credit, ok := splitCredit(tt.line)
		if ok != (tt.credit != "") || text != tt.text || credit != tt.credit {
			t.Errorf("splitCredit(%q) = %q, %q, %v; want %q, %q", tt.line, text, credit, ok, tt.text, tt.credit)
		}
	}
}

func TestClassifyLine(t *testing.T) {
	tests := []struct {
		line string
		want lineKind
	}{
		{"Skip links", kindBoiler},
		{"Read 2 minutes", kindBoiler},
		{"Click to share on Twitter (Opens in new window)", kindBoiler},
		{"This website uses cookies to improve your experience.", kindBoiler},
		{"By Jane Doe and John Roe", kindByline},
		{"Updated 1:39 am EST, Wednesday, November 20, 2019", kindDate},
		{"New Delhi | Updated : 19 November 2019, 09:01 AM", kindDate},
		{"Related articles", kindStop},
		{"167 comments", kindStop},
		{"Doug Mills/The New York Times", kindCredit},
		{"[photo-1]", kindMedia},
		{"The council voted on Tuesday to reopen the ferry that stopped in 1998.", kindProse},
		{"Council votes to reopen the ferry that stopped running in 1998", kindTeaser},
		{"Local news", kindShort},
	}
	for _, tt := range tests {
		if got := classifyLine(tt.line, lineWeight(tt.line)); got != tt.want {
			t.Errorf("classifyLine(%q) = %d, want %d", tt.line, got, tt.want)
		}
	}
}

func TestChooseTitle(t *testing.T) {
	tests := []struct {
		name string
		meta pageMeta
		site string
		want string
	}{
		{"h1 agrees with og:title", pageMeta{ogTitle: "Ferry returns", h1: []string{"Menu", "Ferry returns"}}, "", "Ferry returns"},
		{"section label around the title", pageMeta{ogTitle: "Opinion | Republicans Are Following Trump", h1: []string{"Republicans Are Following Trump"}}, "", "Republicans Are Following Trump"},
		{"typographic quotes", pageMeta{ogTitle: "'We had issues,' exec says", h1: []string{"‘We had issues,’ exec says"}}, "", "‘We had issues,’ exec says"},
		{"JSON-LD headline wins over other titles", pageMeta{headlines: []string{"Hiking the Flat Irons"}, ogTitle: "Survival Kit - Blog", h1: []string{"Blog"}}, "", "Hiking the Flat Irons"},
		{"site name stripped", pageMeta{htmlTitle: "Ferry returns to Eastbrook - Eastbrook Gazette"}, "Eastbrook Gazette", "Ferry returns to Eastbrook"},
		// No headline declared but the <title>: the part a heading shows.
		{"logo h1, h2 is the title's part", pageMeta{htmlTitle: "Ferry returns to Eastbrook | Harbour Notes", h1: []string{"Harbour Notes"}, h23: []string{"Recent posts", "Ferry returns to Eastbrook"}}, "", "Ferry returns to Eastbrook"},
		{"date glued to the h1", pageMeta{htmlTitle: "Agency - Statistics - Fuel sales in November 2021", h1: []string{"Federal Agency", "27.01.2022Fuel sales in November 2021"}}, "", "Fuel sales in November 2021"},
		{"title ending in a separator", pageMeta{htmlTitle: "Ferry returns to Eastbrook :", h1: []string{"Menu", "Ferry returns to Eastbrook"}}, "", "Ferry returns to Eastbrook"},
		{"kicker and headline as the title's parts", pageMeta{htmlTitle: "Storm aftermath - Ferry returns to Eastbrook - Gazette", h1: []string{"Storm aftermath Ferry returns to Eastbrook"}}, "", "Storm aftermath - Ferry returns to Eastbrook"},
		{"h1 shorter than the title's part", pageMeta{htmlTitle: "Lemon cake from the tray recipe | Baking", h1: []string{"Lemon cake from the tray"}}, "", "Lemon cake from the tray"},
		{"one-word heading starting the title", pageMeta{htmlTitle: "BestCrypt - Download - CHIP", h1: []string{"BestCrypt", "Note"}}, "", "BestCrypt"},
		{"one-word heading not starting it", pageMeta{htmlTitle: "Ferry returns to Eastbrook - News", h1: []string{"News", "Menu"}}, "", "Ferry returns to Eastbrook"},
		{"a short h1 sharing a word with the title", pageMeta{htmlTitle: "Ferries | Courier", h1: []string{"Ferries return"}}, "", "Ferries return"},
		{"a short h1 sharing none", pageMeta{htmlTitle: "Woman attacks inspector at police station – Observer", h1: []string{"Log In"}}, "", "Woman attacks inspector at police station"},
		{"the one h1 before a section in the title", pageMeta{htmlTitle: "Roof Convicted Of Church Massacre : The Two-Way : NPR", h1: []string{"Jury Finds Roof Guilty In Church Shooting"}, h23: []string{"The Two-Way"}}, "", "Jury Finds Roof Guilty In Church Shooting"},
		{"weak separator, no h1", pageMeta{htmlTitle: "Repair café on 31 January: City of Ahlen", h23: []string{"Repair café on 31 January", "Opening hours"}}, "", "Repair café on 31 January"},
		{"a logo's h1 is no headline", pageMeta{logos: []string{"Harbour Notes"}, bodySubheading: "Ferry returns to Eastbrook"}, "", "Ferry returns to Eastbrook"},
		{"the h1 opening the article among several", pageMeta{h1: []string{"Island Courier", "Ferry returns to Eastbrook"}, bodyHeading: "Ferry returns to Eastbrook"}, "", "Ferry returns to Eastbrook"},
	}
	for _, tt := range tests {
		if got := chooseTitle(tt.meta, "", tt.site); got != tt.want {
			t.Errorf("%s: chooseTitle = %q, want %q", tt.name, got, tt.want)
		}
	}
}

func TestDecodeText(t *testing.T) {
	tests := []struct {
		name string
		data []byte
		want string
	}{
		{"utf-8", []byte("café"), "café"},
		{"utf-8 bom", []byte("\xef\xbb\xbfcafé"), "café"},
		{"utf-16le bom", []byte("\xff\xfec\x00a\x00f\x00\xe9\x00"), "café"},
		{"utf-16be bom", []byte("\xfe\xff\x00c\x00a\x00f\x00\xe9"), "café"},
		{"utf-16le without bom", []byte("c\x00a\x00f\x00\xe9\x00 \x00o\x00k\x00"), "café ok"},
		{"windows-1252", []byte("caf\xe9 \x93quoted\x94"), "café “quoted”"},
		{"utf-8 with one damaged byte", []byte("café crème brûlée \xff déjà vu"), "café crème brûlée \uFFFD déjà vu"},
	}
	for _, tt := range tests {
		got, err := decodeText(tt.data, ".txt")
		if err != nil || got != tt.want {
			t.Errorf("%s: decodeText = %q, %v; want %q", tt.name, got, err, tt.want)
		}
	}
}

func TestNormalizeText(t *testing.T) {
	got := cleanBody("Tra\u00advaux\u00a0 du  cafe\u0301\r\n\r\n\r\nSecond\u200b paragraph ")
	if want := "Travaux du café\n\nSecond paragraph"; got != want {
		t.Errorf("cleanBody = %q, want %q", got, want)
	}
}

func TestStripInlineMarkdown(t *testing.T) {
	tests := []struct{ in, want string }{
		{"**bold** and *em* and ***both***", "bold and em and both"},
		{"[link](http://x.example) and ![img](a.png)", "link and"},
		{"`code` and __strong__ and _em_", "code and strong and em"},
		{"snake_case_name stays", "snake_case_name stays"},
		{`escaped \*star\* &amp; entity`, "escaped *star* & entity"},
	}
	for _, tt := range tests {
		if got := stripInlineMarkdown(tt.in); got != tt.want {
			t.Errorf("stripInlineMarkdown(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestFrontMatter(t *testing.T) {
	fm, rest := splitFrontMatter("---\ntitle: \"A: B\"\nauthors:\n  - Ann\n  - Bob\ntags: [x, y]\ndate: 2024-03-12\n---\nBody\n")
	if fm.first("title") != "A: B" || strings.Join(fm.all("authors"), ",") != "Ann,Bob" ||
		strings.Join(fm.all("tags"), ",") != "x,y" || parseLooseDate(fm.first("date")).String() != "2024-03-12" || rest != "Body\n" {
		t.Errorf("front matter = %v, rest %q", fm, rest)
	}
	if fm, rest := splitFrontMatter("---\nnot closed\n"); fm != nil || rest == "" {
		t.Errorf("unclosed front matter read as %v", fm)
	}
}

// failingTransport fails the test on any HTTP request.
type failingTransport struct{ t *testing.T }

func (f failingTransport) RoundTrip(r *http.Request) (*http.Response, error) {
	f.t.Errorf("extraction made a network request: %s", r.URL)
	return nil, errors.New("no network in tests")
}

// TestHTMLNeverFetches extracts a page full of external references (images,
// style sheets, canonical URL) with the default HTTP transport rigged.
func TestHTMLNeverFetches(t *testing.T) {
	saved := http.DefaultTransport
	http.DefaultTransport = failingTransport{t}
	defer func() { http.DefaultTransport = saved }()
	a, err := Extract("article.html", readFixture(t, "html/article.html"), Options{})
	if err != nil {
		t.Fatal(err)
	}
	want := Caption{Text: "The old ferry landing on the east bank.", Credit: "Photo: Jane Rivers"}
	if len(a.Captions) != 1 || a.Captions[0] != want {
		t.Errorf("captions = %q, want %q", a.Captions, want)
	}
}

// TestNoticesInOtherLanguages: cookie consent dialogs in German, French,
// Spanish, Italian and Dutch are notices, as English ones are (one won the
// article's region on three held-out pool pages); so are share buttons in
// German, French, Spanish, Portuguese, Italian, Dutch and Polish, "click
// here" in five of them and newsletter blurbs that deliver "to your inbox".
// Sentences and headlines using the same words are not.
func TestNoticesInOtherLanguages(t *testing.T) {
	tests := []struct {
		line   string
		notice bool
	}{
		{"Wir verwenden Cookies, um Ihnen das beste Nutzererlebnis bieten zu können.", true},
		{"Cookie-Einstellungen", true},
		{"Ce site utilise des cookies pour améliorer votre expérience de navigation.", true},
		{"Utilizamos cookies propias y de terceros. Si continúa navegando, acepta su uso.", true},
		{"Questo sito utilizza cookie tecnici e di profilazione. Leggi l'informativa.", true},
		{"Wij gebruiken cookies om onze website te verbeteren.", true},
		{"Die Bäckerei verkauft seit 1920 Kekse, die in den USA Cookies heißen.", false},
		{"La receta de las cookies de chocolate lleva mantequilla y azúcar moreno.", false},
		{"Artikel teilen", true},
		{"Teilen:", true},
		{"Partager sur Facebook Partager sur Twitter Partager par e-mail", true},
		{"Compartir", true},
		{"Condividi su WhatsApp", true},
		{"Udostępnij", true},
		{"Klicke Hier, um die besten Krypto Presales zu sehen!", true},
		{"Cliquez ici pour vous abonner", true},
		{"Get Tone Deaf to your inbox daily", true},
		{"Get a roundup of the most important stories delivered to your inbox every weekday.", true},
		{"Die beiden Parteien wollen sich die Kosten des Umbaus in Zukunft teilen, sagte der Bürgermeister am Montag.", false},
		{"Les habitants veulent partager leurs jardins avec les voisins du quartier depuis le printemps dernier.", false},
		{"The scam arrives in your inbox looking like a parcel notice.", false},
		{"Teilen und herrschen: Wie Konzerne Märkte aufteilen und was das Kartellamt dagegen unternimmt", false},
	}
	for _, tt := range tests {
		if got := isBoilerplate(tt.line); got != tt.notice {
			t.Errorf("isBoilerplate(%q) = %v, want %v", tt.line, got, tt.notice)
		}
	}
}
