// Command commonwords writes entities/data/common.txt, the English words
// that are no name by themselves, from spelling dictionaries:
//
//	go run ./entities/cmd/commonwords /usr/share/dict/american-english /usr/share/dict/british-english > entities/data/common.txt
//
// (make common-words; Debian packages wamerican and wbritish, SCOWL). A
// capitalised word at a sentence start ("Diplomats said …", "Researchers
// found …") is no evidence of a name; the extractor takes such a word for
// one only when the text names it elsewhere. A dictionary writes proper
// nouns with their capital, so a word it lists only in lower case is a
// common word, and one it also lists capitalised ("brown" and "Brown",
// "may" and "May") is left out: it may well be a name. Possessives ("'s")
// and words shorter than three letters are left out too. The output is
// sorted (byte order, as the extractor's lookup expects), so the same
// dictionaries give the same file.
package main

import (
	"bufio"
	"fmt"
	"os"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"
)

// notice is SCOWL's, which its licence asks to keep with every copy.
const notice = `# The words of the SCOWL dictionaries (Debian's wamerican and wbritish)
# that they list only in lower case: no name by themselves at a sentence
# start. Made by entities/cmd/commonwords (make common-words); do not edit.
#
# SCOWL: Copyright 2000-2011 by Kevin Atkinson. Permission to use, copy,
# modify, distribute and sell these word lists, the associated scripts,
# the output created from the scripts, and its documentation for any
# purpose is hereby granted without fee, provided that the above copyright
# notice appears in all copies and that both that copyright notice and
# this permission notice appear in supporting documentation. Kevin
# Atkinson makes no representations about the suitability of this array
# for any purpose. It is provided "as is" without express or implied
# warranty. (Further copyrights: /usr/share/doc/wamerican/copyright.)
`

func main() {
	if len(os.Args) < 2 {
		fmt.Fprintln(os.Stderr, "usage: commonwords DICTIONARY...")
		os.Exit(2)
	}
	var entries []string
	for _, path := range os.Args[1:] {
		lines, err := readLines(path)
		if err != nil {
			fmt.Fprintln(os.Stderr, "commonwords:", err)
			os.Exit(1)
		}
		entries = append(entries, lines...)
	}
	fmt.Print(notice)
	for _, w := range commonWords(entries) {
		fmt.Println(w)
	}
}

func readLines(path string) ([]string, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("reading dictionary: %w", err)
	}
	defer f.Close()
	var lines []string
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		lines = append(lines, strings.TrimSpace(sc.Text()))
	}
	return lines, sc.Err()
}

// commonWords are the entries written in lower case only, sorted.
func commonWords(entries []string) []string {
	lower, capital := map[string]bool{}, map[string]bool{}
	for _, e := range entries {
		if e == "" || strings.HasSuffix(e, "'s") || utf8.RuneCountInString(e) < 3 {
			continue
		}
		r, _ := utf8.DecodeRuneInString(e)
		switch {
		case unicode.IsLower(r):
			lower[e] = true
		case unicode.IsUpper(r):
			capital[strings.ToLower(e)] = true
		}
	}
	var words []string
	for w := range lower {
		if !capital[w] {
			words = append(words, w)
		}
	}
	sort.Strings(words)
	return words
}
