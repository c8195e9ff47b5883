package db

import (
	"context"
	"database/sql"
	"fmt"
	"slices"
	"sort"
	"strings"
	"sync"
	"unicode/utf8"

	querylang "github.com/clippings/clippings/query"
)

// Prefix searches through the words table (see words.go, and prefix.go
// for the problem). A prefix P is expanded to the stems of the words that
// start with P as written. A stem is pure when every word the table pairs
// with it starts with P: an article holding it surely holds such a word.
// It is mixed when others share it ("negoti" is the stem of "negotiations"
// and of "negotiable"): its articles may or may not.
//
// Each prefix then has two expressions: up, every stem of a P-word (every
// article holding a P-word matches it), and low, the pure stems only
// (every article matching it holds one). A query is rendered with up
// (low under NOT) — it finds at least what it should — and with low (up
// under NOT) — it finds nothing it should not. The articles between the
// two are settled one by one: each prefix of the query that is in doubt
// for the article is checked in its text, and the query's tree evaluated.
// Those it does not match are left out of every statement the query runs
// (ftsIndex.check). Most prefixes have no mixed stem (bankr*, presid*:
// nothing is in doubt); one with a mixed stem asks the forms index
// (forms.go) which of the articles in doubt hold one of its words, and
// reads them only where it cannot tell (a phrase ending in the prefix, a
// prefix in one field: only the articles holding one of its words
// somewhere are read), or while an archive's forms are still listed.

// prefixExpansion is what the words table says of a prefix: the
// alternatives of its up and low expressions (see above).
type prefixExpansion struct {
	up, low []prefixAlt
	// forms is the FTS5 expression of the forms index (forms.go) the
	// articles between up and low match when they hold a word with the
	// prefix: its words of the stems up has and low has not, all of them
	// words the forms index holds; "" when one is not (it has none).
	forms string
}

// prefixAlt is one alternative of a prefix's expression: an index term,
// searched whole or as a start, less the articles holding any of not.
type prefixAlt struct {
	term   string
	prefix bool
	not    []string // FTS5 terms
}

// render is the alternative as FTS5 is given it, after the words of a
// phrase (head; "" for a word alone).
func (a prefixAlt) render(head string) string {
	s := quote(strings.TrimSpace(head + " " + a.term))
	if a.prefix {
		s += "*"
	}
	if len(a.not) > 0 {
		s = "(" + s + " NOT (" + strings.Join(a.not, " OR ") + "))"
	}
	return s
}

// mixed reports whether some articles matching up may hold no word with
// the prefix.
func (e *prefixExpansion) mixed() bool {
	return !slices.EqualFunc(e.up, e.low, func(a, b prefixAlt) bool { return a.render("") == b.render("") })
}

// maxWordUpper follows every word starting with a prefix, as SQLite
// compares text (bytewise): U+10FFFF, the last code point.
const maxWordUpper = "\U0010FFFF"

// expandPrefix expands a prefix (one word) through the words table.
func (s *Store) expandPrefix(ctx context.Context, prefix string) (*prefixExpansion, error) {
	p := foldWord(prefix)
	// The stems of the words starting with p.
	stems := map[string]bool{}
	err := s.eachRow(ctx, "SELECT DISTINCT stem FROM words WHERE word >= ? AND word < ?", []any{p, p + maxWordUpper}, func(scan func(...any) error) error {
		var st string
		if err := scan(&st); err != nil {
			return err
		}
		stems[st] = true
		return nil
	})
	if err != nil {
		return nil, err
	}
	// Which of them are pure: each stem's words, those starting with p
	// first read by the stems' range (most of them), the others one by one.
	pure := map[string]bool{}
	var short []string
	for st := range stems {
		if !strings.HasPrefix(st, p) {
			short = append(short, st)
		}
	}
	covered := map[string]bool{}    // the table's stems starting with p: all pure, until a word says otherwise
	pWords := map[string][]string{} // each stem's words starting with p
	err = s.eachRow(ctx, "SELECT stem, word FROM words WHERE stem >= ? AND stem < ?", []any{p, p + maxWordUpper}, func(scan func(...any) error) error {
		var st, w string
		if err := scan(&st, &w); err != nil {
			return err
		}
		if _, ok := covered[st]; !ok {
			covered[st] = true
		}
		if strings.HasPrefix(w, p) {
			pWords[st] = append(pWords[st], w)
		}
		if !strings.HasPrefix(w, p) {
			covered[st] = false
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	for st, ok := range covered {
		if ok && stems[st] {
			pure[st] = true
		}
	}
	for _, st := range short {
		ok := true
		err := s.eachRow(ctx, "SELECT word FROM words WHERE stem = ?", []any{st}, func(scan func(...any) error) error {
			var w string
			if err := scan(&w); err != nil {
				return err
			}
			ok = ok && strings.HasPrefix(w, p)
			if strings.HasPrefix(w, p) {
				pWords[st] = append(pWords[st], w)
			}
			return nil
		})
		if err != nil {
			return nil, err
		}
		pure[st] = ok
	}

	e := &prefixExpansion{}
	var doubt []string // the stems up has and low has not
	sort.Strings(short)
	if st, err := indexStem(p); err == nil && st == p {
		// p* searches exactly the terms starting with p: the stems the
		// table has under p, and perhaps some of words since changed
		// (none of them pure).
		e.up = append(e.up, prefixAlt{term: p, prefix: true})
		var impure []string
		for st, ok := range covered {
			if !ok || !stems[st] {
				impure = append(impure, st)
			}
		}
		sort.Strings(impure)
		low := prefixAlt{term: p, prefix: true}
		for _, st := range impure {
			t, _ := termOf(st, true)
			low.not = append(low.not, t.render(""))
		}
		e.low = append(e.low, low)
		doubt = impure
	} else {
		for st := range stems {
			if strings.HasPrefix(st, p) {
				short = append(short, st)
			}
		}
		sort.Strings(short)
	}
	for _, st := range short {
		t, _ := termOf(st, true)
		e.up = append(e.up, t)
		if t, ok := termOf(st, false); ok && pure[st] {
			e.low = append(e.low, t)
		} else {
			doubt = append(doubt, st)
		}
	}
	e.forms = formsExpr(doubt, pWords)
	return e, nil
}

// formsExpr is the FTS5 expression of the forms index matching the
// articles that hold one of the words (starting with the prefix) of the
// stems in doubt, or "" when the forms index does not hold one of them.
// A stem in doubt with none of them adds none (its articles hold no word
// with the prefix through it); none at all match noMatch's term.
func formsExpr(doubt []string, pWords map[string][]string) string {
	var terms []string
	for _, st := range doubt {
		for _, w := range pWords[st] {
			if !isIndexedForm(wordStem{w, st}) || strings.ContainsFunc(w, func(r rune) bool { return !isWordRune(r) }) {
				return ""
			}
			terms = append(terms, quote(w))
		}
	}
	if len(terms) == 0 {
		return quote("0none")
	}
	sort.Strings(terms)
	return strings.Join(terms, " OR ")
}

// termOf is the FTS5 term that searches an index term exactly. FTS5 stems
// what it searches for, and a stem stemmed again is mostly itself; when it
// is not, the term is searched as its longest start Porter leaves alone,
// with more terms — for an up expression (wider), or not at all (false)
// for a low one.
func termOf(stem string, wider bool) (prefixAlt, bool) {
	if st, err := indexStem(stem); err == nil && st == stem {
		return prefixAlt{term: stem}, true
	}
	if !wider {
		return prefixAlt{}, false
	}
	r := []rune(stem)
	for k := len(r) - 1; k >= 2; k-- {
		if st, err := indexStem(string(r[:k])); err == nil && st == string(r[:k]) {
			return prefixAlt{term: string(r[:k]), prefix: true}, true
		}
	}
	return prefixAlt{term: string(r[:min(2, len(r))]), prefix: true}, true
}

// eachRow runs a query on the readers, calling fn with each row's Scan.
func (s *Store) eachRow(ctx context.Context, query string, args []any, fn func(scan func(...any) error) error) error {
	rows, err := s.read.QueryContext(ctx, query, args...)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		if err := fn(rows.Scan); err != nil {
			return err
		}
	}
	return rows.Err()
}

// noMatch is an FTS5 expression no article matches: a keys token never
// written (the keys column's tokens are 0tag…, 0is…, 0lang…, 0e…).
const noMatch = `keys : "0none"`

// parseExact compiles a parsed query whose one-word prefixes are expanded
// through the words table, and settles the articles in doubt (see the top
// of this file). It fails when the table cannot be read: the caller then
// searches as before the table.
//
// Without settle, the query finds the articles its up rendering does (for
// marking the words an article matches).
func (s *Store) parseExact(ctx context.Context, parsed *querylang.Query, ix ftsIndex, settle bool) (query, error) {
	q := query{ix: ix, root: fromTree(parsed.Root)}
	q.after, q.before = parsed.Range()
	var prefixes []*node
	walkNodes(q.root, func(n *node) {
		if n.kind == termNode && n.prefix && n.key == "" {
			if head, last := splitLastWord(n.text); last != "" {
				n.head = head
				prefixes = append(prefixes, n)
			}
		}
	})
	mixed := false
	for i, n := range prefixes {
		if i == MaxPrefixTerms {
			break // refused as too broad
		}
		_, last := splitLastWord(n.text)
		exp, err := s.expandPrefix(ctx, last)
		if err != nil {
			return query{}, fmt.Errorf("expand %s*: %w", n.text, err)
		}
		n.words = exp
		mixed = mixed || exp.mixed()
	}
	r := renderer{}
	q.match, q.exclude = r.top(q.root)
	if q.match != "" {
		r.skipKeys = true
		q.words, _ = r.top(q.root)
	}
	if !mixed || !settle || q.tooBroad() != nil {
		return q, nil
	}
	return q, s.settle(ctx, &q)
}

// splitLastWord splits a prefix term into the words of a phrase before its
// last word (head, "" for a word alone) and that word; last is "" when the
// text does not end in a word (the prefix is then searched as before the
// words table).
func splitLastWord(text string) (head, last string) {
	i := strings.LastIndexFunc(text, func(r rune) bool { return !isWordRune(r) })
	last = text[i+1:]
	if i >= 0 {
		_, size := utf8.DecodeRuneInString(text[i:])
		last = text[i+size:]
		head = strings.TrimSpace(text[:i])
	}
	if strings.IndexFunc(head, isWordRune) < 0 {
		head = ""
	}
	return head, last
}

// walkNodes calls fn with every node of a tree.
func walkNodes(n *node, fn func(*node)) {
	if n == nil {
		return
	}
	fn(n)
	for _, c := range n.children {
		walkNodes(c, fn)
	}
}

// settle leaves out of q the articles its up rendering matches and its
// exact reading does not: q.ix.check lists them.
func (s *Store) settle(ctx context.Context, q *query) (err error) {
	up, low := q.match, ""
	eval := func(truth func(*node) bool) bool { v, _ := evalNode(q.root, truth); return v }
	if up != "" {
		low, _ = renderer{low: true}.top(q.root)
	} else {
		// Only negations: what they exclude is made exact.
		up = q.exclude
		_, low = renderer{low: true}.top(q.root)
		items := []*node{q.root}
		if q.root.kind == andNode {
			items = q.root.children
		}
		eval = func(truth func(*node) bool) bool {
			for _, c := range items {
				if c.kind == notNode {
					if v, ok := evalNode(c.children[0], truth); ok && v {
						return true
					}
				}
			}
			return false
		}
	}
	if low == "" {
		low = noMatch
	}
	lo, hi := q.docRange()
	// The window asks for a page, the facets and the timeline of one query
	// at once: what was read for one serves the others until the archive
	// changes.
	key := fmt.Sprintf("%s\x00%s\x00%s\x00%d\x00%d\x00%d", q.ix.table, up, low, lo, hi, s.limits.settleable)
	version, verr := s.DataVersion(ctx)
	if verr == nil {
		check, ok, done := s.settled.get(ctx, key, version)
		if ok {
			q.ix.check = check
			return nil
		}
		defer func() {
			if err == nil {
				s.settled.put(key, version, q.ix.check)
			}
			done()
		}()
	}
	doubt, err := s.docsOf(ctx, q.ix, "("+up+") NOT ("+low+")", lo, hi)
	if err != nil {
		return err
	}
	if len(doubt) == 0 {
		return nil
	}
	first, last := doubt[0], doubt[len(doubt)-1]
	// A prefix the forms index settles (see forms.go) reads no article.
	useForms := q.ix.table == currentIndex.table && s.formsReady(ctx)
	byForms := func(n *node) bool {
		return useForms && n.words.forms != "" && n.head == "" && (n.column == "" || n.column == textColumns)
	}

	// Each leaf's articles among those in doubt; a prefix's up and low.
	type leafSets struct{ up, low map[int64]bool }
	leaves := map[*node]leafSets{}
	var reading []*node
	var leafErr error
	walkNodes(q.root, func(n *node) {
		if n.kind != termNode || leafErr != nil {
			return
		}
		var ls leafSets
		if n.words != nil {
			ls.up, leafErr = s.docSet(ctx, q.ix, renderer{}.render(n), first, last+1)
			if leafErr == nil {
				ls.low, leafErr = s.docSet(ctx, q.ix, renderer{low: true}.render(n), first, last+1)
			}
			if n.words.mixed() && !byForms(n) {
				reading = append(reading, n)
			}
		} else {
			ls.up, leafErr = s.docSet(ctx, q.ix, renderer{}.render(n), first, last+1)
			ls.low = ls.up
		}
		leaves[n] = ls
	})
	if leafErr != nil {
		return leafErr
	}
	// The articles a mixed prefix is in doubt for: asked of the forms
	// index, else read.
	holds := map[*node]map[int64]bool{}
	for n := range leaves {
		if n.words != nil && n.words.mixed() && byForms(n) {
			if holds[n], err = s.formsSet(ctx, n.words.forms, first, last+1); err != nil {
				return err
			}
		}
	}
	// A prefix that must still be read (a phrase ending in it, or in one
	// field) is read only in the articles holding one of its words
	// somewhere — a pure stem of it, or a form the forms index lists for a
	// mixed one: the others cannot hold it where it is asked. (Not when
	// its low expression subtracts articles, as earli* NOT earli does:
	// an article with "earlier" and "early" is in neither.)
	somewhere := map[*node]map[int64]bool{}
	for _, n := range reading {
		if !useForms || n.words.forms == "" || slices.ContainsFunc(n.words.low, func(a prefixAlt) bool { return len(a.not) > 0 }) {
			continue
		}
		in, err := s.formsSet(ctx, n.words.forms, first, last+1)
		if err != nil {
			return err
		}
		anywhere := *n
		anywhere.head, anywhere.column = "", ""
		pure, err := s.docSet(ctx, q.ix, renderer{low: true}.render(&anywhere), first, last+1)
		if err != nil {
			return err
		}
		for d := range pure {
			in[d] = true
		}
		somewhere[n] = in
	}
	mayHold := func(n *node, d int64) bool {
		in, ok := somewhere[n]
		return leaves[n].up[d] && !leaves[n].low[d] && (!ok || in[d])
	}
	var toRead []int64
	for _, d := range doubt {
		for _, n := range reading {
			if mayHold(n, d) {
				toRead = append(toRead, d)
				break
			}
		}
	}
	// The cap bounds only what is read: since the forms index, a phrase
	// ending in a prefix or a prefix in one field (title:reporter*) among
	// the articles holding its words, or any while the forms index is
	// being filled.
	if s.limits.settleable > 0 && len(toRead) > s.limits.settleable {
		return nil // matches its up expression: see SettleablePrefixMatches
	}
	heads := map[*node][]string{} // the stems of a phrase's words before its prefix
	for _, n := range reading {
		holds[n] = map[int64]bool{}
		if n.head != "" {
			err := tokenizeIndex(n.head, func(stem []byte, _, _ int) { heads[n] = append(heads[n], string(stem)) })
			if err != nil {
				return err
			}
		}
	}
	err = queryIn(ctx, s.read, "SELECT doc, title, subtitle, authors, source, body, captions, note FROM articles WHERE doc IN ", nil, toRead, func(rows *sql.Rows) error {
		var doc int64
		cols := make([]string, len(articleTextColumns))
		dest := []any{&doc}
		for i := range cols {
			dest = append(dest, &cols[i])
		}
		if err := rows.Scan(dest...); err != nil {
			return err
		}
		for _, n := range reading {
			if !mayHold(n, doc) {
				continue
			}
			_, last := splitLastWord(n.text)
			for i, c := range articleTextColumns {
				if n.column != "" && n.column != textColumns && n.column != c {
					continue
				}
				if len(heads[n]) == 0 && holdsPrefix(cols[i], last) || len(heads[n]) > 0 && holdsPhrasePrefix(cols[i], heads[n], last) {
					holds[n][doc] = true
					break
				}
			}
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("read the articles in doubt: %w", err)
	}
	var out []int64
	for _, d := range doubt {
		matched := eval(func(n *node) bool {
			ls, ok := leaves[n]
			switch {
			case !ok:
				return false
			case ls.low[d]:
				return true
			case !ls.up[d]:
				return false
			case n.words != nil && n.words.mixed():
				return holds[n][d]
			}
			return true
		})
		if !matched {
			out = append(out, d)
		}
	}
	if len(out) > 0 {
		q.ix.check = leftOutCheck(out)
	}
	return nil
}

// settledQueries remembers the last queries settled: what they leave out,
// at the archive's data version they were settled at. A query being
// settled is settled once: the others asking wait for it.
type settledQueries struct {
	mu       sync.Mutex
	entries  map[string]settledQuery
	settling map[string]chan struct{}
}

type settledQuery struct {
	version int64
	check   string
}

// settledKept is how many settled queries are remembered.
const settledKept = 16

// get returns what a query leaves out when it was settled at version;
// else the caller settles it and calls done when it has (after put).
func (c *settledQueries) get(ctx context.Context, key string, version int64) (check string, ok bool, done func()) {
	for {
		c.mu.Lock()
		if e, found := c.entries[key]; found && e.version == version {
			c.mu.Unlock()
			return e.check, true, nil
		}
		wait, busy := c.settling[key]
		if !busy {
			if c.settling == nil {
				c.settling = map[string]chan struct{}{}
			}
			ch := make(chan struct{})
			c.settling[key] = ch
			c.mu.Unlock()
			return "", false, func() {
				c.mu.Lock()
				delete(c.settling, key)
				c.mu.Unlock()
				close(ch)
			}
		}
		c.mu.Unlock()
		select {
		case <-wait:
		case <-ctx.Done():
			return "", false, func() {}
		}
	}
}

func (c *settledQueries) put(key string, version int64, check string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.entries == nil || len(c.entries) >= settledKept {
		c.entries = map[string]settledQuery{}
	}
	c.entries[key] = settledQuery{version, check}
}

// holdsPhrasePrefix reports whether text holds the phrase: words whose
// stems are head's, one after the other as the index tokenizes them, then
// a word starting with prefix as written — FTS5's "peace talk"* with its
// last word as written.
func holdsPhrasePrefix(text string, head []string, prefix string) bool {
	prefix = foldWord(prefix)
	recent := make([][]byte, len(head)) // the last stems, a ring
	n, found := 0, false
	err := tokenizeIndex(text, func(stem []byte, start, end int) {
		if found {
			return
		}
		if n >= len(head) && start >= 0 && end <= len(text) && wordHolds(text[start:end], prefix) {
			match := true
			for i, h := range head {
				if string(recent[(n-len(head)+i)%len(head)]) != h {
					match = false
					break
				}
			}
			found = match
		}
		recent[n%len(head)] = append(recent[n%len(head)][:0], stem...)
		n++
	})
	return err == nil && found
}

// articleTextColumns are the articles' columns of text the index holds,
// as settle reads them.
var articleTextColumns = []string{"title", "subtitle", "authors", "source", "body", "captions", "note"}

// evalNode is n's truth for one article as the renderer writes it for
// FTS5: ok is false for what it leaves out (a lone negation, an AND of
// negations only, inside an OR).
func evalNode(n *node, truth func(*node) bool) (v, ok bool) {
	switch n.kind {
	case termNode:
		return truth(n), true
	case orNode:
		for _, c := range n.children {
			if cv, cok := evalNode(c, truth); cok {
				ok = true
				v = v || cv
			}
		}
		return v, ok
	case andNode:
		v = true
		for _, c := range n.children {
			if c.kind == notNode {
				continue
			}
			if cv, cok := evalNode(c, truth); cok {
				ok = true
				v = v && cv
			}
		}
		if !ok {
			return false, false
		}
		for _, c := range n.children {
			if c.kind == notNode {
				if cv, cok := evalNode(c.children[0], truth); cok && cv {
					v = false
				}
			}
		}
		return v, true
	}
	return false, false
}

// docsOf lists the doc keys an FTS5 expression matches in [lo, hi), in
// order.
func (s *Store) docsOf(ctx context.Context, ix ftsIndex, expr string, lo, hi int64) ([]int64, error) {
	var out []int64
	err := s.eachRow(ctx, ix.sql("SELECT rowid FROM articles_fts WHERE articles_fts MATCH ? AND rowid >= ? AND rowid < ? ORDER BY rowid"), []any{expr, lo, hi}, func(scan func(...any) error) error {
		var d int64
		if err := scan(&d); err != nil {
			return err
		}
		out = append(out, d)
		return nil
	})
	return out, err
}

// formsSet is the doc keys in [lo, hi) an expression of the forms index
// matches, as a set.
func (s *Store) formsSet(ctx context.Context, expr string, lo, hi int64) (map[int64]bool, error) {
	set := map[int64]bool{}
	err := s.eachRow(ctx, "SELECT rowid FROM article_forms WHERE article_forms MATCH ? AND rowid >= ? AND rowid < ?", []any{expr, lo, hi}, func(scan func(...any) error) error {
		var d int64
		err := scan(&d)
		set[d] = true
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("ask the forms index: %w", describeReadError(s.path, err))
	}
	return set, nil
}

// docSet is docsOf as a set.
func (s *Store) docSet(ctx context.Context, ix ftsIndex, expr string, lo, hi int64) (map[int64]bool, error) {
	docs, err := s.docsOf(ctx, ix, expr, lo, hi)
	set := make(map[int64]bool, len(docs))
	for _, d := range docs {
		set[d] = true
	}
	return set, err
}
