package entities

import (
	_ "embed"
	"strings"
)

// commonText is data/common.txt: the words English dictionaries list only
// in lower case, sorted in byte order, one a line after a comment header
// (made by cmd/commonwords).
//
//go:embed data/common.txt
var commonText string

// commonWords looks words up in the sorted list by binary search over its
// bytes: 64,000 words, and nothing to build when a program starts (a map
// of them took milliseconds and megabytes for every command).
type commonWords string

func loadCommonWords() commonWords {
	s := commonText
	// Skip the header: the words start after the last comment line.
	for strings.HasPrefix(s, "#") {
		_, s, _ = strings.Cut(s, "\n")
	}
	return commonWords(s)
}

// has reports whether w, in lower case, is one of the words.
func (c commonWords) has(w string) bool {
	s := string(c)
	lo, hi := 0, len(s)
	for lo < hi {
		// The line holding the middle byte.
		mid := lo + (hi-lo)/2
		start := strings.LastIndexByte(s[lo:mid], '\n') + lo + 1
		end := strings.IndexByte(s[mid:hi], '\n')
		if end < 0 {
			end = hi
		} else {
			end += mid
		}
		switch line := s[start:end]; {
		case line == w:
			return true
		case line < w:
			lo = end + 1
		default:
			hi = start
		}
	}
	return false
}
