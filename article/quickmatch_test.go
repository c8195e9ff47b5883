package article

import (
	"math/rand/v2"
	"os"
	"path/filepath"
	"regexp"
	"regexp/syntax"
	"slices"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// The line classifiers run cheap tests before their patterns (see
// quickmatch.go). The tests here check that those never change a result:
// against the reference classifier below (the patterns alone, as they were
// first written), on the lines of the test fixtures and of the dev corpus,
// on strings generated from the patterns, and under the fuzzer.

// The patterns as first written, before their alternatives shared one ^.
var (
	refBulletPrefixRe     = regexp.MustCompile(`^(?:[•·▪◦●○■□☆★►▸»›*+-])\s+|^[•·▪◦●○■□☆★►▸]$`)
	refMediaRe            = regexp.MustCompile(`^\[[^\s\]]*\]$|^\[\s*\]|^\[\s+\](?:\s*\[\w+\])?$`)
	refStandaloneCreditRe = regexp.MustCompile(`^(?:(?i:credit|photo|image|photograph)(?:\.\.\.|…|:)?\s*)?[\p{Lu}][\p{L}\p{M}.'’&\- ]{1,40}(?:\s*[/|]\s*[\p{Lu}][\p{L}\p{M}.'’&\- ]{1,40})+$|^(?i:credit|photo|image)(?:\.\.\.|…|:)$`)
	refDateRe             = regexp.MustCompile(`(?i)^(?:(?:published|updated|posted|last updated|modified|first published|date)(?: on| at)?:?\s*)?` +
		`(?:(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*,?\s+)?` +
		`(?:` + monthRe + `\s+\d{1,2}(?:st|nd|rd|th)?,?(?:\s+\d{4})?|\d{1,2}(?:st|nd|rd|th)?\s+` + monthRe + `,?(?:\s+\d{4})?|\d{1,4}[./-]\d{1,2}[./-]\d{1,4}|\d{1,2}:\d{2}\s*(?:[ap]\.?m\.?)?)` +
		`|^(?:published|updated|posted|last updated|modified)\b`)
	refCreditHints = []string{"/", ":", "(", "reuters", "afp", "epa", "anp", "ap", "dpa", "sipa", "efe", "xinhua",
		"ansa", "keystone", "getty", "shutterstock", "alamy", "bloomberg", "nurphoto", "pool", "associated press",
		"pa wire", "pa images", "press association"}
)

func refMatchAny(res []quickRe, s string) bool {
	for _, re := range res {
		if re.compiled().MatchString(s) {
			return true
		}
	}
	return false
}

func refCountWords(s string) int {
	n := 0
	in := false
	for _, r := range s {
		w := unicode.IsLetter(r) || unicode.IsNumber(r) || r == '\'' || r == '’' || r == '-'
		if w && !in && (unicode.IsLetter(r) || unicode.IsNumber(r)) {
			n++
			in = true
		} else if !w {
			in = false
		}
	}
	return n
}

// refShapeOf is shapeOf as first written, a rune at a time.
func refShapeOf(t string, words int) lineShape {
	var n shapeCounts
	inWord := false
	for _, r := range t {
		isWord := unicode.IsLetter(r) || unicode.IsNumber(r)
		if isWord {
			n.chars++
			if !inWord {
				n.wordStarts++
				if unicode.IsUpper(r) || unicode.IsDigit(r) {
					n.capStarts++
				}
			}
			if '0' <= r && r <= '9' {
				n.digits++
			} else if unicode.IsLetter(r) {
				n.letters++
				if unicode.IsUpper(r) {
					n.upper++
				}
			}
		}
		if r == ',' {
			n.commas++
		}
		if strings.ContainsRune("|›»·•/>", r) {
			n.seps++
		}
		inWord = isWord || inWord && strings.ContainsRune("'’-", r)
	}
	return n.shape(t, words)
}

// refEchoes is echoes comparing every line.
func refEchoes(lines []textLine, i int) (all, longer, shorter int) {
	t := strings.ToLower(lines[i].text)
	for j, l := range lines {
		if j == i || l.dup {
			continue
		}
		o := strings.ToLower(l.text)
		e := echo(t, o, func() int { return countWords(o) })
		all += b2i(e == echoSame || e == echoLonger)
		longer += b2i(e == echoLonger)
		shorter += b2i(e == echoShorter)
	}
	return all, longer, shorter
}

func b2i(b bool) int {
	if b {
		return 1
	}
	return 0
}

// refWords is words, the words eachWord gives.
func refWords(s string) []string {
	return strings.FieldsFunc(strings.ToLower(s), func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsNumber(r) })
}

func refLineWeight(s string) int {
	words := refCountWords(s)
	cjk := 0
	for _, r := range s {
		if unicode.In(r, unicode.Han, unicode.Hiragana, unicode.Katakana) {
			cjk++
		}
	}
	return max(words, cjk/2)
}

func refClassifyLine(line string, words int) lineKind {
	switch {
	case refMediaRe.MatchString(line):
		return kindMedia
	case refMatchAny(stopRes, line):
		return kindStop
	case refMatchAny(metaRes, line):
		return kindDate
	case refIsBoilerplate(line):
		return kindBoiler
	case refLooksLikeByline(line):
		return kindByline
	case refLooksLikeDate(line):
		return kindDate
	}
	if refIsCreditLine(line) {
		return kindCredit
	}
	if _, _, ok := refSplitCredit(line); ok {
		return kindCaption
	}
	if words >= minProseWords {
		if endsSentence(line) {
			return kindProse
		}
		return kindTeaser
	}
	return kindShort
}

func refIsBoilerplate(line string) bool {
	l := strings.TrimSpace(line)
	words := refCountWords(l)
	if words > maxNoticeWords {
		return false
	}
	if refMatchAny(boilerplateLineRes, l) {
		return true
	}
	if words <= maxShareWords && isShareLabel(l, words) {
		return true
	}
	for _, re := range noticeRes {
		if re.MatchString(l) {
			return true
		}
	}
	return false
}

func refLooksLikeByline(line string) bool {
	if contactRe.compiled().MatchString(line) || bylineAloneRe.compiled().MatchString(line) {
		return true
	}
	return refCountWords(line) <= maxBylineWords && !endsSentence(strings.TrimRight(line, " ")) && bylineRe.compiled().MatchString(line)
}

func refLooksLikeDate(line string) bool {
	line = strings.TrimSpace(line)
	n := refCountWords(line)
	if n <= maxDateWords && refDateRe.MatchString(line) {
		return true
	}
	r, _ := lastRune(line)
	return n <= maxDatelineWords && r != '.' && containsDateRe.compiled().MatchString(line)
}

func refIsCreditLine(line string) bool {
	if refCountWords(line) > maxCreditWords {
		return false
	}
	if parenCreditRe.compiled().MatchString(line) || refStandaloneCreditRe.MatchString(line) {
		return true
	}
	text, _, ok := refSplitCredit(line)
	return ok && refCountWords(text) == 0
}

func refSplitCredit(full string) (text, credit string, ok bool) {
	base := 0
	if len(full) > creditTail {
		base = len(full) - creditTail
		if sp := strings.IndexByte(full[base:], ' '); sp >= 0 {
			base += sp + 1
		}
	}
	line := full[base:]
	lower := strings.ToLower(line)
	hint := false
	for _, h := range refCreditHints {
		hint = hint || strings.Contains(lower, h)
	}
	if !hint {
		return "", "", false
	}
	for _, re := range creditRes {
		m := re.FindStringSubmatchIndex(line)
		if m == nil {
			continue
		}
		start := m[2]
		if i := sentenceStopRe.FindAllStringIndex(line[start:m[3]], -1); i != nil {
			start += i[len(i)-1][1]
		}
		credit = strings.TrimSpace(line[start:m[3]])
		credit = strings.TrimSuffix(credit, ".")
		credit = strings.TrimSpace(strings.TrimSuffix(strings.TrimPrefix(credit, "("), ")"))
		text = strings.TrimSpace(full[:base+start])
		return text, credit, true
	}
	return "", "", false
}

func refNormalizeText(s string) string {
	s = norm.NFC.String(s)
	s = invisibleReplacer.Replace(s)
	return strings.Map(func(r rune) rune {
		switch {
		case r == '\n' || r == '\t':
			return r
		case r == '\uFFFD':
			return r
		case unicode.IsControl(r), unicode.Is(unicode.Co, r):
			return -1
		case unicode.IsSpace(r):
			return ' '
		}
		return r
	}, s)
}

func refCleanBody(s string) string {
	var out []string
	for _, line := range strings.Split(refNormalizeText(s), "\n") {
		if l := strings.Join(strings.Fields(line), " "); l != "" {
			out = append(out, l)
		}
	}
	return strings.Join(out, "\n\n")
}

// checkText compares the text normalisers with the reference.
func checkText(t *testing.T, s string) {
	t.Helper()
	if got, want := normalizeText(s), refNormalizeText(s); got != want {
		t.Fatalf("normalizeText(%q) = %q, want %q", s, got, want)
	}
	if got, want := cleanBody(s), refCleanBody(s); got != want {
		t.Fatalf("cleanBody(%q) = %q, want %q", s, got, want)
	}
	if got, want := cleanInline(s), strings.Join(strings.Fields(refNormalizeText(s)), " "); got != want {
		t.Fatalf("cleanInline(%q) = %q, want %q", s, got, want)
	}
}

func TestNormalizeMatchesReference(t *testing.T) {
	var files []string
	for _, g := range []string{"testdata/*/*", filepath.Join(devCorpus, "text*", "*"), filepath.Join(devCorpus, "truth", "*")} {
		fs, _ := filepath.Glob(g)
		files = append(files, fs...)
	}
	for _, f := range files {
		if fi, err := os.Stat(f); err != nil || fi.IsDir() {
			continue
		}
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		checkText(t, string(data))
		if text, err := decodeText(data, filepath.Ext(f)); err == nil {
			checkText(t, text)
			body := refCleanBody(text)
			checkText(t, body)
			checkText(t, body+"\n")
			checkText(t, "\n"+body)
			checkText(t, strings.ReplaceAll(body, "\n\n", "\n"))
			checkText(t, strings.ReplaceAll(body, "\n\n", "\n\n\n"))
			checkText(t, strings.ReplaceAll(body, " ", "  "))
			checkText(t, strings.ReplaceAll(body, " ", "\u00a0"))
		}
	}
	for _, s := range []string{"", "\n", "\n\n", " ", "a", "a\r\nb\rc\r\r\nd", "x\u00ADy\u2029z\u2028w\fv\vu", "e\u0301 \x01\u0301",
		"\xff\xfe a", "a\u00a0\u3000b\t", "\ue000private", "\uFEFFbom", "\r", "a \n\n b"} {
		checkText(t, s)
	}
}

// checkLine compares the classifiers with the reference on one line.
func checkLine(t *testing.T, line string) {
	t.Helper()
	if got, want := countWords(line), refCountWords(line); got != want {
		t.Fatalf("countWords(%q) = %d, want %d", line, got, want)
	}
	if _, _, digit := countWordsCJK(line, true); digit != hasASCIIDigit(line) {
		t.Fatalf("countWordsCJK(%q) says digit %v", line, digit)
	}
	if got, want := shapeOf(line, 10), refShapeOf(line, 10); got != want {
		t.Fatalf("shapeOf(%q) = %+v, want %+v", line, got, want)
	}
	var each []string
	eachWord(line, nil, func(w []byte) { each = append(each, string(w)) })
	if want := refWords(line); !slices.Equal(each, want) {
		t.Fatalf("eachWord(%q) gives %q, want %q", line, each, want)
	}
	if got, want := lineWeight(line), refLineWeight(line); got != want {
		t.Fatalf("lineWeight(%q) = %d, want %d", line, got, want)
	}
	kind := refClassifyLine(line, refLineWeight(line))
	if got := classifyLine(line, lineWeight(line)); got != kind {
		t.Fatalf("classifyLine(%q) = %d, want %d", line, got, kind)
	}
	for _, w := range []int{0, minProseWords} { // both prose branches
		want := kind
		if want == kindShort || want == kindProse || want == kindTeaser {
			switch {
			case w < minProseWords:
				want = kindShort
			case endsSentence(line):
				want = kindProse
			default:
				want = kindTeaser
			}
		}
		if got := classifyLine(line, w); got != want {
			t.Fatalf("classifyLine(%q, %d) = %d, want %d", line, w, got, want)
		}
	}
	a1, b1, ok1 := splitCredit(line)
	a2, b2, ok2 := refSplitCredit(line)
	if a1 != a2 || b1 != b2 || ok1 != ok2 {
		t.Fatalf("splitCredit(%q) = %q, %q, %v, want %q, %q, %v", line, a1, b1, ok1, a2, b2, ok2)
	}
	for _, pair := range []struct {
		got, want bool
		name      string
	}{
		{isBoilerplate(line), refIsBoilerplate(line), "isBoilerplate"},
		{looksLikeByline(line), refLooksLikeByline(line), "looksLikeByline"},
		{looksLikeDate(line), refLooksLikeDate(line), "looksLikeDate"},
		{isCreditLine(line), refIsCreditLine(line), "isCreditLine"},
		{hasLetterOrDigit(line), strings.IndexFunc(line, func(r rune) bool { return unicode.IsLetter(r) || unicode.IsNumber(r) }) >= 0, "hasLetterOrDigit"},
	} {
		if pair.got != pair.want {
			t.Fatalf("%s(%q) = %v, want %v", pair.name, line, pair.got, pair.want)
		}
	}
	if got, want := bulletPrefix(line), refBulletPrefixRe.FindString(line); got != want {
		t.Fatalf("bulletPrefix(%q) = %q, want %q", line, got, want)
	}
	if got, want := collapseSpaces(line), strings.Join(strings.Fields(line), " "); got != want {
		t.Fatalf("collapseSpaces(%q) = %q, want %q", line, got, want)
	}
	if m := numberedRe.compiled().MatchString(line); m && !numberedRe.mayMatch(line) {
		t.Fatalf("numberedRe matches %q but mayMatch is false", line)
	}
	if containsDateRe.compiled().MatchString(line) != containsDateRe.MatchString(line) {
		t.Fatalf("containsDateRe disagrees on %q", line)
	}
	if got := mdyMatches(line); hasASCIIDigit(line) { // (every match holds \d)
		if want := mdyDateRe.FindAllStringSubmatchIndex(line, -1); !slices.EqualFunc(got, want, slices.Equal[[]int]) {
			t.Fatalf("mdyMatches(%q) = %v, want %v", line, got, want)
		}
	} else if got != nil {
		t.Fatalf("mdyMatches(%q) = %v, want none", line, got)
	}
	for _, scan := range []struct {
		name string
		got  func(string) [][]int
		re   *lazyRegexp
	}{{"dmyMatches", dmyMatches, dmyDateRe}, {"numDateMatches", numDateMatches, numDateRe}, {"isoDateMatches", isoDateMatches, isoDateRe}} {
		if got, want := scan.got(line), scan.re.FindAllStringSubmatchIndex(line, -1); !slices.EqualFunc(got, want, slices.Equal[[]int]) {
			t.Fatalf("%s(%q) = %v, want %v", scan.name, line, got, want)
		}
	}
	if got, want := lineWords.inFolded(line), lineWords.in(foldLower(line)); got != want {
		t.Fatalf("lineWords.inFolded(%q) = %b, want %b", line, got, want)
	}
	for _, suffix := range []string{"all rights reserved", "k", "s", ""} {
		if got, want := hasSuffixFolded(line, suffix), strings.HasSuffix(foldLower(line), suffix); got != want {
			t.Fatalf("hasSuffixFolded(%q, %q) = %v, want %v", line, suffix, got, want)
		}
	}
	for i, group := range append(slices.Clone(noticeWords), shareWords) {
		lower := foldLower(line)
		if got, want := lineWords.in(lower)&(1<<i) != 0, containsAny(lower, group); got != want {
			t.Fatalf("lineWords finds group %d in %q: %v, want %v", i, lower, got, want)
		}
	}
	if urlRe.MatchString(line) && !(strings.Contains(line, "://") || strings.Contains(foldLower(line), "www.")) {
		t.Fatalf("urlRe matches %q but its guard rules it out", line)
	}
	if commentsHeaderRe.compiled().MatchString(line) != commentsHeaderRe.MatchString(line) {
		t.Fatalf("commentsHeaderRe disagrees on %q", line)
	}
}

// testLines are the lines of the fixtures and of the dev corpus (when
// present), as classifyLines sees them and as they are in the files.
func testLines(t testing.TB) []string {
	var files []string
	for _, g := range []string{"testdata/text/*", "testdata/markdown/*", "testdata/email/*",
		filepath.Join(devCorpus, "text", "*"), filepath.Join(devCorpus, "text_innertext", "*"), filepath.Join(devCorpus, "truth", "*")} {
		fs, _ := filepath.Glob(g)
		files = append(files, fs...)
	}
	var lines []string
	seen := map[string]bool{}
	add := func(l string) {
		if !seen[l] {
			seen[l] = true
			lines = append(lines, l)
		}
	}
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for _, raw := range strings.Split(string(data), "\n") {
			add(raw)
			add(strings.Join(strings.Fields(normalizeText(raw)), " "))
		}
	}
	return lines
}

func TestClassifyLineMatchesReference(t *testing.T) {
	lines := testLines(t)
	for _, l := range lines {
		checkLine(t, l)
	}
	// Strings made from the patterns themselves, alone and in context:
	// most match, which corpus lines rarely do.
	rng := rand.New(rand.NewPCG(1, 2))
	n, perPattern := 0, 100
	if testing.Short() {
		perPattern = 10
	}
	for _, re := range allLinePatterns() {
		for range perPattern {
			s := generate(re, rng)
			checkLine(t, s)
			if len(lines) > 0 {
				// Up to 80 bytes of a corpus line before and after.
				ctx := lines[rng.IntN(len(lines))]
				cut := rng.IntN(len(ctx) + 1)
				for !utf8.ValidString(ctx[:cut]) {
					cut--
				}
				before, after := ctx[:cut], ctx[cut:]
				before, after = strings.ToValidUTF8(before[max(0, len(before)-80):], ""), strings.ToValidUTF8(after[:min(len(after), 80)], "")
				checkLine(t, before+" "+s)
				checkLine(t, s+" "+after)
			}
			n++
		}
	}
	t.Logf("%d corpus lines, %d generated strings", len(lines), n)
}

// TestGuardsAreNecessary checks each cheap test on strings its pattern
// matches: it must never rule them out.
func TestGuardsAreNecessary(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	type guard struct {
		re  *regexp.Regexp
		may func(string) bool
	}
	var guards []guard
	for _, q := range quickPatterns() {
		guards = append(guards, guard{q.compiled(), q.mayMatch})
	}
	for i, re := range noticeRes {
		guards = append(guards, guard{re.compiled(), func(s string) bool { return lineWords.in(foldLower(s))&(1<<i) != 0 }})
	}
	guards = append(guards,
		guard{shareRe.compiled(), func(s string) bool { return lineWords.in(foldLower(s))&(1<<shareGroup) != 0 }},
		guard{boilerplateLineRes[allRightsReserved].compiled(), func(s string) bool {
			return strings.HasSuffix(strings.TrimSuffix(foldLower(s), "."), "all rights reserved")
		}},
		guard{dateRe.compiled(), func(s string) bool { return hasASCIIDigit(s) || hasPrefixAny(foldLower(s), dateLabels) }},
		guard{containsDateRe.compiled(), mayHoldDate},
		guard{contactRe.compiled(), func(s string) bool { return strings.Contains(s, "@") }},
		guard{parenCreditRe.compiled(), func(s string) bool { return strings.HasSuffix(s, ")") }},
		guard{standaloneCreditRe.compiled(), func(s string) bool { return countWords(s) <= 1 || strings.ContainsAny(s, "/|") }},
		guard{isoDateRe.compiled(), func(s string) bool { return strings.ContainsAny(s, "-/.") }},
		guard{numDateRe.compiled(), func(s string) bool { return strings.ContainsAny(s, "-/.") }},
		guard{cjkDateRe.compiled(), func(s string) bool { return strings.ContainsAny(s, "年년") }},
		guard{urlRe.compiled(), func(s string) bool { return strings.Contains(s, "://") || strings.Contains(foldLower(s), "www.") }},
		guard{bylineSplitRe.compiled(), func(s string) bool { return strings.ContainsAny(s, ",;&") || hasASCIIWord(s, bylineSplitWords) }},
		guard{sentenceStopRe.compiled(), stopThenSpace},
	)
	for i, re := range creditRes {
		guards = append(guards, guard{re.compiled(), mayHoldCredit[i]})
	}
	if !strings.Contains(boilerplateLineRes[allRightsReserved].String(), "all rights reserved") {
		t.Fatal("allRightsReserved does not index the \"all rights reserved\" pattern")
	}
	samples := guardSamples
	if testing.Short() {
		samples /= 10
	}
	for _, g := range guards {
		matched := 0
		for range samples {
			s := generate(g.re, rng)
			if g.re.MatchString(s) {
				matched++
				if !g.may(s) {
					t.Fatalf("%s matches %q but its guard rules it out", g.re, s)
				}
			}
		}
		if matched < samples/20 {
			t.Errorf("%s: only %d of the generated strings match", g.re, matched)
		}
	}
}

// guardSamples is how many strings TestGuardsAreNecessary makes per pattern.
var guardSamples = 2000

// quickPatterns are the patterns with a first-byte table.
func quickPatterns() []quickRe {
	qs := []quickRe{bulletPrefixRe, numberedRe, mediaRe, commentsHeaderRe, bylineRe, dateRe, containsDateRe,
		bylineAloneRe, contactRe, standaloneCreditRe, parenCreditRe, copyrightMarkRe, tweetRe, fileCaptionRe, designerRe}
	qs = append(qs, stopRes...)
	qs = append(qs, metaRes...)
	return append(qs, boilerplateLineRes...)
}

// allLinePatterns are the patterns the line classifiers use.
func allLinePatterns() []*regexp.Regexp {
	var res []*regexp.Regexp
	for _, q := range quickPatterns() {
		res = append(res, q.compiled())
	}
	for _, l := range append(append(append([]*lazyRegexp{}, noticeRes...), creditRes...),
		shareRe, creditLabelRe, mdyDateRe, dmyDateRe, urlRe, isoDateRe, numDateRe, cjkDateRe) {
		res = append(res, l.compiled())
	}
	return append(res, refDateRe, refMediaRe, refStandaloneCreditRe, refBulletPrefixRe)
}

func TestQuickReTables(t *testing.T) {
	for _, q := range quickPatterns() {
		if q.starts.get().first == nil && q.need == nil && q.compiled() != boilerplateLineRes[allRightsReserved].compiled() {
			t.Errorf("%s: no first-byte table", q)
		}
	}
	if q := mustQuick(`(?i)^(?:ab|c)`); q.mayMatch("Kx") || !q.mayMatch("Ab") || !q.mayMatch("c") || q.mayMatch("\u212A") || q.mayMatch("é") {
		t.Error("first-byte table of ^(?:ab|c) is wrong")
	}
	if q := mustQuick(`(?i)^(?:k|s|é)x`); !q.mayMatch("\u212Ax") || !q.mayMatch("ſx") || !q.mayMatch("Sx") || !q.mayMatch("Éx") || q.mayMatch("tx") || q.mayMatch("ü") {
		t.Error("first-rune table of ^(?:k|s|é)x is wrong")
	}
	if q := mustQuick(`^\p{Lu}`); !q.mayMatch("Ä") || q.mayMatch("a") {
		t.Error("first-rune table of ^\\p{Lu} is wrong")
	}
	// ("a" and "aé" pass the second-byte table, not the prefix set.)
	if q := mustQuick(`(?i)^(?:ab|c\b|d)`); q.mayMatch("ax") || !q.mayMatch("AB") || q.mayMatch("cx") || !q.mayMatch("c ") ||
		!q.mayMatch("c") || !q.mayMatch("dz") || q.mayMatch("a") || q.mayMatch("a\u00e9") {
		t.Error("second-byte table of ^(?:ab|c\\b|d) is wrong")
	}
	if q := mustQuick(`^a?`); q.starts.get().first != nil {
		t.Error("a pattern matching the empty string has a first-byte table")
	}
	if q := mustQuick(`^a|b`); q.starts.get().first != nil {
		t.Error("an unanchored alternative has a first-byte table")
	}
}

func TestPrefixSets(t *testing.T) {
	for _, c := range []struct {
		expr     string
		may, not []string
	}{
		{`(?i)^(?:this article|lo más leído)$`, []string{"This Article", "LO MÁS LEÍDO", "this art", "this article was"},
			[]string{"The town council", "Local shop owners", "lo mas leido", "this", ""}},
		{`(?i)^(?:key|ask)\b`, []string{"\u212Aey", "KEY", "aſk"}, []string{"kex", "ke", "a\u212Ak"}},
		{`^\d+\s*/\s*\d+$`, []string{"12 / 3", "1/2"}, []string{"a12", "/12", " 1/2"}},
		{`^(?:©|\(c\)) \d{4}`, []string{"© 2020", "(c) 1999"}, []string{"(d) 2020", "®"}},
	} {
		q := mustQuick(c.expr)
		if q.starts.get().prefixes == nil {
			t.Errorf("%s: no prefix set", c.expr)
			continue
		}
		for _, s := range c.may {
			if !q.mayMatch(s) {
				t.Errorf("%s: %q ruled out", c.expr, s)
			}
		}
		for _, s := range c.not {
			if q.mayMatch(s) {
				t.Errorf("%s: %q not ruled out", c.expr, s)
			}
		}
	}
	for _, expr := range []string{`^a?`, `^.{0,3}x`, `^[^x]y`, `^(?:ab|.)`} {
		re, err := syntax.Parse(expr, syntax.Perl)
		if err != nil {
			t.Fatal(err)
		}
		if p := literalPrefixes(re.Simplify()); p != nil {
			t.Errorf("%s: a prefix set, though a match may start with anything", expr)
		}
	}
}

func TestFoldLower(t *testing.T) {
	for _, s := range []string{"", "abc", "ABC Déjà", "ſhare", "\u212Aeep", "x\xffY"} {
		want := strings.Map(func(r rune) rune {
			switch r {
			case 'ſ':
				return 's'
			case '\u212A':
				return 'k'
			}
			if r < utf8.RuneSelf {
				return unicode.ToLower(r)
			}
			return r
		}, s)
		if got := foldLower(s); got != want {
			t.Errorf("foldLower(%q) = %q, want %q", s, got, want)
		}
	}
}

// FuzzClassifyLine compares the classifiers with the reference.
func FuzzClassifyLine(f *testing.F) {
	for _, l := range []string{"Skip links", "Read 2 minutes", "By Jane Doe", "Updated 1:39 am EST, Nov 20, 2019",
		"Related articles", "167 comments", "Doug Mills/The New York Times", "[photo-1]", "© 2019 Example Ltd. All rights reserved.",
		"A protester in Hong Kong. Jane Doe/Getty Images", "(AP Photo/Evan Vucci)", "This website uses cookies.", "ſhare on \u212Aik"} {
		f.Add(l)
	}
	f.Fuzz(func(t *testing.T, line string) {
		checkLine(t, line)
		checkText(t, line)
	})
}

// generate returns a random string made from re's syntax, one its
// pattern often matches: literals in random case (with the non-ASCII
// letters that fold to ASCII ones), classes' runes, small repeats.
func generate(re *regexp.Regexp, rng *rand.Rand) string {
	parsed, err := syntax.Parse(re.String(), syntax.Perl)
	if err != nil {
		panic(err)
	}
	var b strings.Builder
	gen(parsed.Simplify(), rng, &b)
	return b.String()
}

var anyRunes = []rune("aZ09 .,:-/|()'’«é©ſ\u212A年\t")

func gen(re *syntax.Regexp, rng *rand.Rand, b *strings.Builder) {
	fold := func(r rune) rune {
		if re.Flags&syntax.FoldCase == 0 {
			return r
		}
		orbit := []rune{r}
		for f := unicode.SimpleFold(r); f != r; f = unicode.SimpleFold(f) {
			orbit = append(orbit, f)
		}
		return orbit[rng.IntN(len(orbit))]
	}
	switch re.Op {
	case syntax.OpLiteral:
		for _, r := range re.Rune {
			b.WriteRune(fold(r))
		}
	case syntax.OpCharClass:
		if len(re.Rune) == 0 {
			return
		}
		i := rng.IntN(len(re.Rune)/2) * 2
		lo, hi := re.Rune[i], re.Rune[i+1]
		if hi-lo > 200 {
			// Large ranges: prefer their ASCII and Latin part.
			if lo < 0x250 {
				hi = min(hi, 0x250)
			} else {
				hi = lo + 200
			}
		}
		b.WriteRune(fold(lo + rng.Int32N(hi-lo+1)))
	case syntax.OpAnyCharNotNL, syntax.OpAnyChar:
		b.WriteRune(anyRunes[rng.IntN(len(anyRunes))])
	case syntax.OpCapture:
		gen(re.Sub[0], rng, b)
	case syntax.OpStar, syntax.OpPlus, syntax.OpQuest, syntax.OpRepeat:
		lo, hi := 0, 3
		switch re.Op {
		case syntax.OpPlus:
			lo = 1
		case syntax.OpQuest:
			hi = 1
		case syntax.OpRepeat:
			lo, hi = re.Min, re.Max
			if hi < 0 || hi > lo+4 {
				hi = lo + 4
			}
		}
		for range lo + rng.IntN(hi-lo+1) {
			gen(re.Sub[0], rng, b)
		}
	case syntax.OpConcat:
		for _, sub := range re.Sub {
			gen(sub, rng, b)
		}
	case syntax.OpAlternate:
		gen(re.Sub[rng.IntN(len(re.Sub))], rng, b)
	}
}

func TestGenerateMatches(t *testing.T) {
	// The generator must be good enough for the guards' test to mean
	// something: most strings it makes for a pattern match it.
	rng := rand.New(rand.NewPCG(5, 6))
	var weak []string
	for _, re := range allLinePatterns() {
		matched := 0
		for range 200 {
			if re.MatchString(generate(re, rng)) {
				matched++
			}
		}
		if matched < 50 {
			weak = append(weak, re.String())
		}
	}
	slices.Sort(weak)
	if len(weak) > 0 {
		t.Errorf("patterns the generator rarely matches: %q", weak)
	}
}

// TestCandidateWordsInBody compares candidateWordsInBody with the set of
// all the body's words it stands for, on the fixtures and the dev corpus.
func TestCandidateWordsInBody(t *testing.T) {
	var files []string
	for _, g := range []string{"testdata/text/*", filepath.Join(devCorpus, "text*", "*")} {
		fs, _ := filepath.Glob(g)
		files = append(files, fs...)
	}
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		text, err := decodeText(data, filepath.Ext(f))
		if err != nil {
			continue
		}
		lines := classifyLines(normalizeText(text))
		model, _ := shippedTextModel()
		d := newTextDoc(lines, model)
		start, end := d.bodySpan()
		if start < 0 {
			continue
		}
		idx, _ := d.headlineCandidates(start, end)
		all := map[string]bool{}
		for _, l := range lines[start:end] {
			for _, w := range refWords(l.text) {
				all[w] = true
			}
		}
		var cws [][]string
		for _, i := range idx {
			cws = append(cws, contentWords(lines[i].text))
		}
		for w, found := range candidateWordsInBody(lines, cws, start, end) {
			if found != all[w] {
				t.Errorf("%s: %q in body: %v, want %v", f, w, found, all[w])
			}
		}
		// echoes skips lines by their length: the counts are those of
		// all lines compared.
		lc := newLowerCache(lines)
		for _, i := range idx {
			a, l, s := echoes(lines, i, lc)
			if ra, rl, rs := refEchoes(lines, i); a != ra || l != rl || s != rs {
				t.Errorf("%s: echoes of line %d = %d, %d, %d, want %d, %d, %d", f, i, a, l, s, ra, rl, rs)
			}
		}
	}
}

// TestDateScannersMatchPatterns checks the date scanners against their
// patterns on the cases where a part of a pattern could go two ways.
func TestDateScannersMatchPatterns(t *testing.T) {
	for _, s := range []string{
		"12 March 2015", "12th. March, 2015", "1er mars 2020", "22 de outubro de 2010", "3 DE MAYO DEL 2020",
		"1º de janeiro", "12 ſeptember 2019", "24 сентября 2018", "24 СЕНТЯБРЯ", "123 March", "12 marchand 2015",
		"12.\tmar., 2015", "12. März 2020", "12 de 2015", "12 de marzo de", "12 de marzo del 2015", "12 dec de 2015",
		"31 mar.,2015", "5 May\u00a02015", "5\u00a0May", "12st March", "12\xff March", "\xff12 March", "9 de\tdez",
		"12-03-2015", "12/3/20155", "1.2.123", "12-03-15-04", "123.4.56", "2015-03-12", "12015-03-12", "2015-3-1234",
		"2015/03/12T10:00", "20194 Nov", "Nov 20 20194:29", "",
		// words: Roman numerals, circled letters, invalid bytes, marks.
		"Ⅻ Olympiad ⓐⒷ", "x\xffY\xc3", "Ünïcode ΣΟΦΊΑ İstanbul e\u0301\u0345", "ſhare \u212Aey",
		// folded words: ſ and the Kelvin sign, invalid bytes around them.
		"ſubſcribe to our newsletter", "Coo\u212Aie", "SHARE\xff", "\xffFacebook", "All Rights Reſerved.", "ALL RIGHTS RESERVED",
		"all rights reserved\xff.", "Ad bloc\u212Aer", "SIGN UP", "\xc5", "\xe2\x84",
	} {
		checkLine(t, s)
	}
}

// siteAffordances are the patterns isSiteLink stands for; %s is the name.
var siteAffordances = []string{
	`^(?:search|about|follow|subscribe to|more from|more on|back to|continue to|popular on|advertise with|contact|welcome to|join|download the|get the|the best of|sign up for)\s+(?:the\s+)?%s\b`,
	`^(?:the\s+)?%s(?:’s|'s)?\s+(?:homepage|home page|logo|newsletters?|on (?:facebook|twitter|instagram)|main menu)\b`,
}

// refIsSiteLink is isSiteLink by its patterns.
func refIsSiteLink(t, name string) bool {
	for _, a := range siteAffordances {
		if regexp.MustCompile(strings.Replace(`(?i)`+a, "%s", regexp.QuoteMeta(name), 1)).MatchString(t) {
			return true
		}
	}
	return false
}

// TestIsSiteLink compares isSiteLink with its patterns on strings made
// from them for a few names, alone and with a corpus line after them, and
// on corpus lines with names taken from them.
func TestIsSiteLink(t *testing.T) {
	check := func(line, name string) {
		t.Helper()
		line, name = strings.ToLower(line), strings.ToLower(name)
		if got, want := isSiteLink(line, name), refIsSiteLink(line, name); got != want {
			t.Fatalf("isSiteLink(%q, %q) = %v, want %v", line, name, got, want)
		}
	}
	rng := rand.New(rand.NewPCG(5, 6))
	lines := testLines(t)
	matched := 0
	for _, name := range []string{"the guardian", "bbc", "k news", "ſite", "x.com", "the", "le monde", "o'reilly", "news 24", "the the"} {
		for _, a := range siteAffordances {
			re := regexp.MustCompile(strings.Replace(`(?i)`+a, "%s", regexp.QuoteMeta(name), 1))
			for range 300 {
				s := generate(re, rng)
				if refIsSiteLink(strings.ToLower(s), name) {
					matched++
				}
				check(s, name)
				check(s+lines[rng.IntN(len(lines))], name)
				check(s+" "+lines[rng.IntN(len(lines))], name)
			}
		}
	}
	if matched < 1000 {
		t.Errorf("only %d generated strings are site links", matched)
	}
	for _, line := range lines {
		ws := strings.Fields(line)
		if len(ws) < 2 {
			continue
		}
		check(line, ws[1])
		check(line, strings.Join(ws[1:min(3, len(ws))], " "))
		check(line, ws[0])
	}
	for _, c := range []struct{ line, name string }{
		{"Subscribe to  The   Gazette", "gazette"}, {"Gazette’s newsletters", "gazette"}, {"gazette newsletterx", "gazette"},
		{"the gazette logo", "gazette"}, {"About the thesis", "the"}, {"Search Kelvin \u212Aews", "kelvin kews"},
		{"follow gazetteer", "gazette"}, {"gazette on\tfacebook", "gazette"}, {"gazette's\tlogo", "gazette"},
	} {
		check(c.line, c.name)
	}
}
