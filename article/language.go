package article

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/RadhiFadlillah/whatlanggo"
)

// languageSample bounds the text given to the detector: a few thousand
// characters are plenty and keep big files fast.
const languageSample = 1200

// minLanguageLetters is the least amount of text worth a guess.
const minLanguageLetters = 40

// detectLanguage returns the ISO 639-1 code of text's language, or "" when
// the detector is not confident.
func detectLanguage(text string) string {
	if len(text) > languageSample {
		text = text[:languageSample]
		for !utf8.ValidString(text) {
			text = text[:len(text)-1]
		}
	}
	letters := 0
	for _, r := range text {
		if r > ' ' {
			letters++
		}
	}
	if letters < minLanguageLetters {
		return ""
	}
	if plainlyEnglish(text) {
		return "en" // what the detector answers, at a small part of its cost
	}
	info := whatlanggo.Detect(text)
	if !info.IsReliable() {
		return ""
	}
	return info.Lang.Iso6391()
}

// languageCode reduces a declared language tag ("en-GB", "fr_FR") to its
// ISO 639-1 code, or "" when it is not one.
func languageCode(tag string) string {
	tag = strings.ToLower(strings.TrimSpace(tag))
	if i := strings.IndexAny(tag, "-_"); i >= 0 {
		tag = tag[:i]
	}
	if len(tag) != 2 || tag[0] < 'a' || tag[0] > 'z' || tag[1] < 'a' || tag[1] > 'z' {
		return ""
	}
	return tag
}

// plainlyEnglish reports whether the detector's sample is English beyond
// doubt, so that the detector (which costs half a millisecond on any
// sample, more than the rest of a text's extraction) need not run: at
// least englishMinWords words, of which a fifth or more are English
// function words and at most 1% those of other languages, hardly any
// letters outside ASCII (1%), no content word making up over 5% of the
// words, and few content words ending in a, i, o or u (15%: Romance and
// many other languages end most of theirs so).
//
// Whenever this is true, whatlanggo answers English with confidence: on
// the development corpus, the synthetic benchmark corpus, the test
// fixtures, and 40,000 mixtures made to fool this test (foreign texts
// with English function words added or swapped in, English texts with
// foreign words or sentences, gibberish, repeated words), with a margin
// of 1.7 times its confidence threshold at least. TestPlainlyEnglish
// checks it stays so.
func plainlyEnglish(sample string) bool {
	var (
		words, english, foreign, content, vowelEnd int
		letters, nonASCII, maxCount                int
		buf                                        [englishMaxWordLen]byte
	)
	counts := make(map[string]int, 128)
	// A word is a run of letters and apostrophes, in lower case; buf holds
	// its first bytes (a non-ASCII letter as a 0: such a word is no
	// function word), size its length in UTF-8. verbatim: buf holds the
	// word's bytes in sample from start (no capital, no other letter).
	k, size, start := 0, 0, 0
	verbatim := true
	var last byte
	endWord := func() {
		w := buf[:min(k, len(buf))]
		words++
		kind := otherWord
		if k <= maxFunctionWordLen {
			kind = functionWords[string(w)]
		}
		switch {
		case kind == englishWord:
			english++
		case kind == foreignWord:
			foreign++
		case size >= 3:
			content++
			switch last {
			case 'a', 'i', 'o', 'u':
				vowelEnd++
			}
			n := counts[string(w)] + 1 // (long words share a count with their first letters: more, not less, repetition)
			if verbatim {
				counts[sample[start:start+len(w)]] = n // the same key, without a copy
			} else {
				counts[string(w)] = n
			}
			maxCount = max(maxCount, n)
		}
		k, size, verbatim = 0, 0, true
	}
	for i := 0; i < len(sample); {
		c := sample[i]
		n := 1
		switch {
		case 'a' <= c && c <= 'z':
			letters++
		case 'A' <= c && c <= 'Z':
			letters++
			c += 'a' - 'A'
			verbatim = false
		case c == '\'':
		case c >= utf8.RuneSelf:
			var r rune
			r, n = utf8.DecodeRuneInString(sample[i:])
			if !unicode.IsLetter(r) {
				c = ' '
				break
			}
			letters++
			nonASCII++
			c = 0
			verbatim = false
		default:
			c = ' '
		}
		if k == 0 {
			start = i
		}
		i += n
		if c == ' ' {
			if size > 0 {
				endWord()
			}
			continue
		}
		if k < len(buf) {
			buf[k] = c
		}
		k++
		size += n
		last = c
		if c == 0 {
			last = 0x80
		}
	}
	if size > 0 {
		endWord()
	}
	return words >= englishMinWords &&
		english*5 >= words &&
		foreign*100 <= words &&
		nonASCII*100 <= letters &&
		maxCount*20 <= words &&
		vowelEnd*100 <= 15*content
}

// englishMinWords: shorter samples go to the detector.
const englishMinWords = 100

// englishMaxWordLen bounds the words plainlyEnglish looks up.
const englishMaxWordLen = 24

// functionWords are frequent English words (englishWord) and frequent
// words of other languages written in Latin letters (Romance, Germanic,
// Indonesian, Tagalog, Swahili, Hausa, Somali, Latin), not used in English
// (foreignWord).
var functionWords, maxFunctionWordLen = wordSets(
	"the and of to that is was for with his this from have had not but they which you were her she there would "+
		"their been has will its who said what about into than them can could these when our your it on by at be he an or are",
	"de la le les des et est un une du el los las del y que por para una da dos das em um uma il di che della "+
		"und der das ist nicht ein eine zu mit von het een van ik yang dan ini itu dengan untuk ke dari tidak dalam "+
		"se na sa ng ang mga og er av som att och ikke ett med till jeg det nie vir wat en kwa ya wa za katika ni "+
		"iyo waa ka ku ta cikin sed quod niet zijn voor ook maar qui dans pour pas sur avec sont es lo como os ao com "+
		"sono gli sich auch auf akan pada ada adalah juga oleh atau ay siya hindi")

// wordSets maps the words of english and foreign to their kind, and
// gives the longest's length: one lookup a word, none for longer words
// (two lookups of every word of a copied article took 4% of its
// extraction).
func wordSets(english, foreign string) (map[string]wordKind, int) {
	m, longest := map[string]wordKind{}, 0
	for _, list := range []struct {
		kind  wordKind
		words string
	}{{englishWord, english}, {foreignWord, foreign}} {
		for _, w := range strings.Fields(list.words) {
			if m[w] == 0 { // (a word in both lists counts as English)
				m[w] = list.kind
			}
			longest = max(longest, len(w))
		}
	}
	return m, longest
}

// wordKind is what functionWords says of a word.
type wordKind uint8

const (
	otherWord wordKind = iota
	englishWord
	foreignWord
)
