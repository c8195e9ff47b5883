package article

import (
	stdhtml "html"
	"strconv"
	"strings"

	"golang.org/x/net/html"
)

// What the text model's trainer (article/cmd/train) needs of this
// package: the lines of a copied text as the extractor sees them, their
// features, and the extraction run with a model being trained.

// TrainingDoc is copied text split into the lines the model judges.
type TrainingDoc struct {
	// Lines are the texts of the lines, in order.
	Lines []string
	lines []textLine
}

// NewTrainingDoc prepares text as extraction does (normalised, rejoined
// when hard-wrapped, split into classified lines).
func NewTrainingDoc(text string) *TrainingDoc {
	text = normalizeText(text)
	if unwrapped, ok := unwrapText(text); ok {
		text = unwrapped
	}
	lines := classifyLines(text)
	d := &TrainingDoc{lines: lines, Lines: make([]string, len(lines))}
	for i, l := range lines {
		d.Lines[i] = l.text
	}
	return d
}

// doc runs the models of m over a copy of the lines (extraction changes
// some lines' kinds as it goes: each call starts afresh, as extraction does).
func (t *TrainingDoc) doc(m *TextModel) *textDoc {
	return newTextDoc(append([]textLine(nil), t.lines...), m)
}

// LocalFeatures returns each line's local features (LocalFeatureNames),
// one row per line.
func (t *TrainingDoc) LocalFeatures() [][]float64 {
	d := t.doc(&zeroModel)
	rows := make([][]float64, len(t.lines))
	for i := range rows {
		rows[i] = d.rows[i*nBody : i*nBody+nLocal]
	}
	return rows
}

// BodyFeatures returns each line's body features (BodyFeatureNames) with
// the local model of m, as extraction computes them.
func (t *TrainingDoc) BodyFeatures(m *TextModel) [][]float64 {
	d := t.doc(m)
	rows := make([][]float64, len(t.lines))
	for i := range rows {
		rows[i] = d.rows[i*nBody : (i+1)*nBody]
	}
	return rows
}

// HeadlineCandidates returns the lines m's body model leaves as candidate
// headlines (indexes into Lines) and their features (HeadlineFeatureNames).
func (t *TrainingDoc) HeadlineCandidates(m *TextModel) ([]int, [][]float64) {
	d := t.doc(m)
	start, end := d.bodySpan()
	if start < 0 {
		return nil, nil
	}
	idx, flat := d.headlineCandidates(start, end)
	rows := make([][]float64, len(idx))
	for k := range idx {
		rows[k] = flat[k*nHeadline : (k+1)*nHeadline]
	}
	return idx, rows
}

// ExtractTextWith extracts copied text with model m, as Extract does a
// .txt file with the shipped model (for cross-validation).
func ExtractTextWith(text string, m *TextModel) (Article, error) {
	a, err := extractTextWith(text, m)
	if err != nil {
		return Article{}, err
	}
	finish(&a)
	return a, nil
}

// NewTextModel is a model of the right shape without trees.
func NewTextModel() *TextModel {
	return &TextModel{
		Local:    Trees{Features: cloneNames(LocalFeatureNames)},
		Body:     Trees{Features: cloneNames(BodyFeatureNames)},
		Headline: Trees{Features: cloneNames(HeadlineFeatureNames)},
	}
}

var zeroModel = *NewTextModel()

// PageTitles is what a saved page says of its headline, for labelling
// the training pool's copied texts (article/cmd/train).
type PageTitles struct {
	H1       []string // visible <h1> texts as shown (a kicker, a logo's too), in order: copied text shows them so
	H23      []string // <h2> and <h3> texts, in order
	Declared []string // JSON-LD headlines, og:title, <title>
	Site     string   // og:site_name
}

// ReadPageTitles reads a saved page's headings and declared titles.
func ReadPageTitles(page string) PageTitles {
	doc, err := html.Parse(strings.NewReader(page))
	if err != nil {
		return PageTitles{}
	}
	m := readPageMeta(doc)
	t := PageTitles{H1: m.h1Shown, H23: m.h23, Site: m.siteName}
	for _, d := range append(append([]string{}, m.headlines...), m.ogTitle, m.htmlTitle) {
		if d = strings.TrimSpace(stdhtml.UnescapeString(d)); d != "" {
			t.Declared = append(t.Declared, d)
		}
	}
	return t
}

// TitleAgrees reports whether a visible heading is a declared title,
// possibly with a site name or section label around it (as the HTML path
// judges it).
func TitleAgrees(heading, declared, site string) bool { return titleAgrees(heading, declared, site) }

// Describe is a line's kind, words and dup (the trainer's diagnostics).
func (t *TrainingDoc) Describe(i int) string {
	l := t.lines[i]
	return "kind=" + strconv.Itoa(int(l.kind)) + " words=" + strconv.Itoa(l.words) + " dup=" + strconv.FormatBool(l.dup)
}

// HeadlineCandidatesAt is HeadlineCandidates with the body at start, end
// (the trainer's diagnostics: the candidates around the labelled body).
func (t *TrainingDoc) HeadlineCandidatesAt(m *TextModel, start, end int) ([]int, [][]float64) {
	d := t.doc(m)
	idx, flat := d.headlineCandidates(start, end)
	rows := make([][]float64, len(idx))
	for k := range idx {
		rows[k] = flat[k*nHeadline : (k+1)*nHeadline]
	}
	return idx, rows
}

// BodySpan is the body's span as extraction finds it with m.
func (t *TrainingDoc) BodySpan(m *TextModel) (int, int) { return t.doc(m).bodySpan() }

// CandidateMiss says why line h is not among m's headline candidates
// (the trainer's diagnostics: train -candidate-recall), or "" when it is
// one: no body found, above or below the window the candidates are taken
// from, or which of titleCandidate's tests the line fails.
func (t *TrainingDoc) CandidateMiss(m *TextModel, h int) string {
	d := t.doc(m)
	start, end := d.bodySpan()
	if start < 0 {
		return "no body"
	}
	first, last := start, start
	if d.start >= 0 {
		first, last = min(start, d.start), max(start, d.start)
	}
	from, stop := max(0, first-titleWindow), min(last+headlineInBody, max(end, d.end))
	l := d.lines[h]
	switch {
	case h < from:
		return "above the window (" + distBucket(first-h) + " lines above the body)"
	case h >= stop && h < end:
		return "in the body, past its first lines (" + distBucket(h-start) + " lines in)"
	case h >= stop:
		return "after the body (" + distBucket(h-end) + " lines after)"
	case l.dup:
		return "a repeat (dup)"
	case l.words > maxTitleWords:
		return "over 30 words"
	case isContentKind(l.kind) && l.words < 2:
		return "one word"
	case (l.kind == kindDate || l.kind == kindCaption || l.kind == kindByline) && l.words < minTaggedTitleWords:
		return "date, caption or byline under 5 words"
	case cutCopy(d.lines, h):
		return "a cut copy of the line under it (never picked)"
	case !titleCandidate(l):
		return "kind " + kindNames[l.kind]
	}
	return ""
}

var kindNames = map[lineKind]string{kindShort: "short", kindProse: "prose", kindTeaser: "teaser", kindBoiler: "boiler",
	kindCaption: "caption", kindCredit: "credit", kindByline: "byline", kindDate: "date", kindStop: "stop", kindMedia: "media"}

func distBucket(n int) string {
	switch {
	case n <= 120:
		return "up to 120"
	case n <= 200:
		return "121-200"
	}
	return "over 200"
}
