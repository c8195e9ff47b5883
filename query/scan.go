package query

import (
	"strings"
	"unicode"
)

type tokenKind int

const (
	tokNode  tokenKind = iota // a term or a filter
	tokOpen                   // (
	tokClose                  // )
	tokOr                     // OR, |
	tokNot                    // NOT
	tokAnd                    // AND, &
)

type token struct {
	kind   tokenKind
	node   Node // of tokNode: a *Term or a *Filter
	negate bool // written with a leading '-'
}

// scan splits input into tokens, and takes out the date filters: they
// narrow the whole search wherever they stand, so they play no part in
// its structure.
func scan(input string) (toks []token, dates []Date) {
	rs := []rune(input)
	i := 0
	for i < len(rs) {
		r := rs[i]
		switch {
		case unicode.IsSpace(r):
			i++
			continue
		case r == '(':
			toks = append(toks, token{kind: tokOpen})
			i++
			continue
		case r == ')':
			toks = append(toks, token{kind: tokClose})
			i++
			continue
		}
		negate := false
		if r == '-' && i+1 < len(rs) && !unicode.IsSpace(rs[i+1]) {
			negate = true
			i++
		}
		// A field name followed by ':' and something to search for.
		field := ""
		if j := fieldEnd(rs, i); j > i {
			name := strings.ToLower(string(rs[i:j]))
			if _, ok := textFields[name]; ok || filterFields[name] != "" || dateFields[name] {
				if j+1 < len(rs) && !unicode.IsSpace(rs[j+1]) && rs[j+1] != ')' {
					field = name
					i = j + 1
				}
			}
		}
		if i < len(rs) && rs[i] == '"' {
			end := i + 1
			for end < len(rs) && rs[end] != '"' {
				end++
			}
			if end == len(rs) {
				i++ // a lone quote: what follows is searched as plain words
				continue
			}
			text := string(rs[i+1 : end])
			i = end + 1
			if filterFields[field] != "" {
				toks = appendFilter(toks, field, text, true, negate)
				continue
			}
			prefix := i < len(rs) && rs[i] == '*'
			if prefix {
				i++
			}
			toks = append(toks, token{node: &Term{Field: field, Text: text, Phrase: true, Prefix: prefix}, negate: negate})
			continue
		}
		start := i
		for i < len(rs) && !unicode.IsSpace(rs[i]) && rs[i] != '(' && rs[i] != ')' && rs[i] != '"' {
			i++
		}
		word := string(rs[start:i])
		switch {
		case filterFields[field] != "":
			toks = appendFilter(toks, field, word, false, negate)
			continue
		case dateFields[field]:
			d := Date{Field: field, Value: word, Negated: negate}
			switch {
			case d.valid():
				dates = append(dates, d)
			case word == "":
				// after:( — the field's name alone, searched as a word.
				toks = append(toks, token{node: &Term{Text: field + ":"}, negate: negate})
			default:
				toks = append(toks, token{node: &Filter{Field: field, Value: word}, negate: negate})
			}
			continue
		case field == "" && !negate:
			switch word {
			case "OR", "|":
				toks = append(toks, token{kind: tokOr})
				continue
			case "NOT":
				toks = append(toks, token{kind: tokNot})
				continue
			case "AND", "&":
				toks = append(toks, token{kind: tokAnd})
				continue
			}
		}
		prefix := strings.HasSuffix(word, "*")
		word = strings.TrimRight(word, "*")
		toks = append(toks, token{node: &Term{Field: field, Text: word, Prefix: prefix}, negate: negate})
	}
	return toks, dates
}

// appendFilter adds a filter; one without a value (tag:"") has nothing to
// search for.
func appendFilter(toks []token, field, value string, quoted, negate bool) []token {
	if strings.TrimSpace(value) == "" {
		return toks
	}
	return append(toks, token{node: &Filter{Field: field, Value: value, Quoted: quoted}, negate: negate})
}

// fieldEnd returns the index of the ':' ending a field name at i, or i.
func fieldEnd(rs []rune, i int) int {
	j := i
	for j < len(rs) && unicode.IsLetter(rs[j]) {
		j++
	}
	if j > i && j < len(rs) && rs[j] == ':' {
		return j
	}
	return i
}

type parser struct {
	toks  []token
	pos   int
	depth int
}

func (p *parser) peek() (token, bool) {
	if p.pos >= len(p.toks) {
		return token{}, false
	}
	return p.toks[p.pos], true
}

// parseOr: and ( OR and )*. Stray ORs are ignored.
func (p *parser) parseOr() Node {
	var alts []Node
	for {
		if n := p.parseAnd(); n != nil {
			alts = append(alts, n)
		}
		t, ok := p.peek()
		if !ok || t.kind != tokOr {
			break
		}
		p.pos++
	}
	switch len(alts) {
	case 0:
		return nil
	case 1:
		return alts[0]
	}
	return &Or{Items: alts}
}

// parseAnd: unary+ until OR, ')' or the end.
func (p *parser) parseAnd() Node {
	var items []Node
	for {
		t, ok := p.peek()
		if !ok || t.kind == tokOr {
			break
		}
		if t.kind == tokClose {
			if p.depth > 0 {
				break
			}
			p.pos++ // an unmatched ')' is ignored
			continue
		}
		if n := p.parseUnary(); n != nil {
			items = append(items, n)
		}
	}
	switch len(items) {
	case 0:
		return nil
	case 1:
		return items[0]
	}
	return &And{Items: items}
}

func (p *parser) parseUnary() Node {
	t, _ := p.peek()
	p.pos++
	switch t.kind {
	case tokAnd:
		return nil
	case tokNot:
		if next, ok := p.peek(); !ok || next.kind == tokOr || next.kind == tokClose {
			return nil
		}
		if n := p.parseUnary(); n != nil {
			return &Not{X: n}
		}
		return nil
	case tokOpen:
		p.depth++
		n := p.parseOr()
		p.depth--
		if next, ok := p.peek(); ok && next.kind == tokClose {
			p.pos++
		}
		return n
	}
	if term, ok := t.node.(*Term); ok && !HasWordRune(term.Text) {
		return nil // "*", "-", "…": nothing to search for
	}
	if t.negate {
		return &Not{X: t.node}
	}
	return t.node
}
