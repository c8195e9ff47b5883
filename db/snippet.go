package db

import (
	"bytes"
	"sync"
	"unsafe"

	"modernc.org/libc"
	sqlite3 "modernc.org/sqlite/lib"
)

// snippetFunction is an FTS5 auxiliary function of this program's own:
// FTS5's snippet(), the same passage chosen and marked the same way, to
// the byte (a test compares them on every kind of query), for less work:
//
//	clippings_snippet(articles_fts, column, open, close, ellipsis, tokens)
//
// Why: snippet() runs the table's tokenizer — unicode61 and the Porter
// stemmer — over the whole text of every column of the row to find where
// sentences start, then over the chosen column again to mark it, and
// scores each instance of the query against every other through FTS5's
// API (quadratic: 50 instances of a stop word make 5,000 calls). It was
// 57% of a rare word's search as a command at 100,000 articles (6.4 ms of
// 13 for a page of 50), 60% of "the"'s. Here the stemmer is left out —
// it never moves a token's bounds, which are unicode61's, called with the
// index's options — only the columns holding a match are read, each once
// and only as far as the last match and a snippet's length past it, and
// the instances are read once into Go.
const snippetFunction = "clippings_snippet"

// unicode61 is FTS5's unicode61 tokenizer (its methods, found once through
// the first connection's FTS5), and its instances made with the index's
// options, each used by one call at a time.
var unicode61 struct {
	once    sync.Once
	methods sqlite3.Tfts5_tokenizer
	found   bool
	free    chan uintptr // Fts5Tokenizer*
}

// unicode61Args are the options of the index's tokenizer after "porter
// unicode61": the same bounds of tokens.
var unicode61Args = []string{"remove_diacritics", "2"}

// findUnicode61 keeps the methods of the connection's unicode61 tokenizer.
// They are FTS5's own functions, the same for every connection.
func findUnicode61(tls *libc.TLS, api uintptr) {
	unicode61.once.Do(func() {
		unicode61.free = make(chan uintptr, 16)
		var rc int32
		if _, unicode61.methods, rc = findTokenizer(tls, api, "unicode61"); rc == sqlite3.SQLITE_OK {
			unicode61.found = true
		}
	})
}

// findTokenizer finds a tokenizer of FTS5 by name (xFindTokenizer): its
// user data and methods.
func findTokenizer(tls *libc.TLS, api uintptr, name string) (userData uintptr, methods sqlite3.Tfts5_tokenizer, rc int32) {
	cName := cString(tls, name)
	defer sqlite3.Xsqlite3_free(tls, cName)
	size := int(unsafe.Sizeof(uintptr(0)) + unsafe.Sizeof(sqlite3.Tfts5_tokenizer{}))
	mem := tls.Alloc(size)
	defer tls.Free(size)
	pUser, pMethods := mem, mem+unsafe.Sizeof(uintptr(0))
	find := (*sqlite3.Tfts5_api)(ptr(api)).FxFindTokenizer
	if rc = callFP[func(*libc.TLS, uintptr, uintptr, uintptr, uintptr) int32](find)(tls, api, cName, pUser, pMethods); rc != sqlite3.SQLITE_OK {
		return 0, methods, rc
	}
	return *(*uintptr)(ptr(pUser)), *(*sqlite3.Tfts5_tokenizer)(ptr(pMethods)), rc
}

// takeUnicode61 returns a free tokenizer, made when none is; 0 when FTS5
// has none.
func takeUnicode61(tls *libc.TLS) uintptr {
	if !unicode61.found {
		return 0
	}
	select {
	case t := <-unicode61.free:
		return t
	default:
	}
	t, rc := createTokenizer(tls, &unicode61.methods, 0, unicode61Args)
	if rc != sqlite3.SQLITE_OK {
		return 0
	}
	return t
}

func giveUnicode61(tls *libc.TLS, t uintptr) {
	select {
	case unicode61.free <- t:
	default:
		callFP[func(*libc.TLS, uintptr)](unicode61.methods.FxDelete)(tls, t)
	}
}

// fts5TokenizeAux is FTS5_TOKENIZE_AUX: text tokenized for an auxiliary
// function, as snippet() asks.
const fts5TokenizeAux = 0x0008

// tokenBounds are the byte offsets of the first tokens of a text: [start,
// end) of token i at 2i, 2i+1. It lives in SQLite's heap, where the
// tokenizer's callback writes: a header of four int32 (tokens so far, most
// wanted, 1 once stopped short, unused) and then the offsets.
type tokenBounds struct {
	mem  uintptr
	all  bool // the text has no more tokens than these
	offs []int32
}

// tokenize finds the bounds of text's first most tokens with tokenizer t.
func tokenize(tls *libc.TLS, t uintptr, text uintptr, n int32, most int) (tokenBounds, int32) {
	var b tokenBounds
	if n <= 0 || most <= 0 {
		b.all = n <= 0
		return b, sqlite3.SQLITE_OK
	}
	b.mem = sqlite3.Xsqlite3_malloc64(tls, uint64(16+8*most))
	if b.mem == 0 {
		return b, sqlite3.SQLITE_NOMEM
	}
	hdr := (*[4]int32)(ptr(b.mem))
	*hdr = [4]int32{0, int32(most), 0, 0}
	rc := callFP[func(*libc.TLS, uintptr, uintptr, int32, uintptr, int32, uintptr) int32](unicode61.methods.FxTokenize)(
		tls, t, b.mem, fts5TokenizeAux, text, n, cFunc(onBoundToken))
	if rc == sqlite3.SQLITE_DONE { // the tokenizer says OK for it, as FTS5's do
		rc = sqlite3.SQLITE_OK
	}
	b.all = hdr[2] == 0
	b.offs = unsafe.Slice((*int32)(ptr(b.mem+16)), 2*int(hdr[0]))
	return b, rc
}

func (b tokenBounds) free(tls *libc.TLS) {
	if b.mem != 0 {
		sqlite3.Xsqlite3_free(tls, b.mem)
	}
}

func (b tokenBounds) count() int { return len(b.offs) / 2 }

// onBoundToken is xTokenize's callback: it notes the token's bounds, and
// stops the tokenizer (SQLITE_DONE) at the most wanted.
func onBoundToken(tls *libc.TLS, pCtx uintptr, tflags int32, pToken uintptr, nToken, iStart, iEnd int32) int32 {
	if tflags&sqlite3.FTS5_TOKEN_COLOCATED != 0 {
		return sqlite3.SQLITE_OK
	}
	hdr := (*[4]int32)(ptr(pCtx))
	if hdr[0] >= hdr[1] {
		hdr[2] = 1
		return sqlite3.SQLITE_DONE
	}
	at := (*[2]int32)(ptr(pCtx + 16 + 8*uintptr(hdr[0])))
	at[0], at[1] = iStart, iEnd
	hdr[0]++
	return sqlite3.SQLITE_OK
}

// phraseInst is one instance of a phrase of the query in the row.
type phraseInst struct{ phrase, col, off int32 }

// snippetRow is clippings_snippet: fts5SnippetFunction of fts5_aux.c
// (SQLite 3.54), step for step, but for the work said above.
func snippetRow(tls *libc.TLS, pApi, pFts, pCtx uintptr, nVal int32, apVal uintptr) {
	api := (*sqlite3.TFts5ExtensionApi)(ptr(pApi))
	if nVal != 5 {
		msg := cString(tls, "wrong number of arguments to function "+snippetFunction+"()")
		sqlite3.Xsqlite3_result_error(tls, pCtx, msg, -1)
		sqlite3.Xsqlite3_free(tls, msg)
		return
	}
	fail := func(rc int32) { sqlite3.Xsqlite3_result_error_code(tls, pCtx, rc) }
	vals := unsafe.Slice((*uintptr)(ptr(apVal)), 5)
	iCol := int32(sqlite3.Xsqlite3_value_int(tls, vals[0]))
	open, close, ellipsis := valueText(tls, vals[1]), valueText(tls, vals[2]), valueText(tls, vals[3])
	nToken := int32(min(max(sqlite3.Xsqlite3_value_int64(tls, vals[4]), 0), 64))

	out := tls.Alloc(16)
	defer tls.Free(16)
	src, rc := apiSnippetSource(tls, api, pFts, out)
	if rc != sqlite3.SQLITE_OK {
		fail(rc)
		return
	}
	res, null, rc := makeSnippet(tls, src, iCol, nToken, open, close, ellipsis)
	switch {
	case rc != sqlite3.SQLITE_OK:
		fail(rc)
		return
	case null:
		sqlite3.Xsqlite3_result_null(tls, pCtx)
		return
	}
	p := sqlite3.Xsqlite3_malloc64(tls, uint64(len(res)+1))
	if p == 0 {
		fail(sqlite3.SQLITE_NOMEM)
		return
	}
	buf := unsafe.Slice((*byte)(ptr(p)), len(res)+1)
	copy(buf, res)
	buf[len(res)] = 0
	sqlite3.Xsqlite3_result_text(tls, pCtx, p, -1, cFunc(freeAux))
}

// snippetSource is what a snippet is made of: the row's instances of the
// query's phrases (in FTS5's order), the phrases' lengths in tokens, and
// each column's text (in SQLite's heap, valid while the snippet is made)
// and length in tokens.
type snippetSource struct {
	nCol       int32
	insts      []phraseInst
	phraseSize []int32
	text       func(col int32) (p uintptr, n int32, rc int32)
	size       func(col int32) (int32, int32)
}

// apiSnippetSource is the current row's, through FTS5's API; out is 16
// bytes of scratch that must outlive the source.
func apiSnippetSource(tls *libc.TLS, api *sqlite3.TFts5ExtensionApi, pFts, out uintptr) (snippetSource, int32) {
	src := snippetSource{nCol: callFP[func(*libc.TLS, uintptr) int32](api.FxColumnCount)(tls, pFts)}
	insts, rc := rowInstances(tls, api, pFts, out)
	if rc != sqlite3.SQLITE_OK {
		return src, rc
	}
	src.insts = insts
	src.phraseSize = phraseSizes(tls, api, pFts)
	src.text = func(col int32) (uintptr, int32, int32) {
		rc := callFP[func(*libc.TLS, uintptr, int32, uintptr, uintptr) int32](api.FxColumnText)(tls, pFts, col, out, out+8)
		return *(*uintptr)(ptr(out)), *(*int32)(ptr(out + 8)), rc
	}
	src.size = func(col int32) (int32, int32) {
		rc := callFP[func(*libc.TLS, uintptr, int32, uintptr) int32](api.FxColumnSize)(tls, pFts, col, out)
		return *(*int32)(ptr(out)), rc
	}
	return src, sqlite3.SQLITE_OK
}

// rowInstances are the current row's instances of the query's phrases;
// out is 12 bytes of scratch.
func rowInstances(tls *libc.TLS, api *sqlite3.TFts5ExtensionApi, pFts, out uintptr) ([]phraseInst, int32) {
	if rc := callFP[func(*libc.TLS, uintptr, uintptr) int32](api.FxInstCount)(tls, pFts, out); rc != sqlite3.SQLITE_OK {
		return nil, rc
	}
	insts := make([]phraseInst, *(*int32)(ptr(out)))
	inst := callFP[func(*libc.TLS, uintptr, int32, uintptr, uintptr, uintptr) int32](api.FxInst)
	for i := range insts {
		if rc := inst(tls, pFts, int32(i), out, out+4, out+8); rc != sqlite3.SQLITE_OK {
			return nil, rc
		}
		insts[i] = phraseInst{*(*int32)(ptr(out)), *(*int32)(ptr(out + 4)), *(*int32)(ptr(out + 8))}
	}
	return insts, sqlite3.SQLITE_OK
}

// phraseSizes are the query's phrases' lengths in tokens.
func phraseSizes(tls *libc.TLS, api *sqlite3.TFts5ExtensionApi, pFts uintptr) []int32 {
	sizes := make([]int32, callFP[func(*libc.TLS, uintptr) int32](api.FxPhraseCount)(tls, pFts))
	for i := range sizes {
		sizes[i] = callFP[func(*libc.TLS, uintptr, int32) int32](api.FxPhraseSize)(tls, pFts, int32(i))
	}
	return sizes
}

// makeSnippet is the snippet of column iCol (-1: the best) of src, nToken
// tokens long; null: the chosen column has no text (SQL's NULL).
func makeSnippet(tls *libc.TLS, src snippetSource, iCol, nToken int32, open, close, ellipsis string) (res []byte, null bool, rc int32) {
	insts, phraseSize := src.insts, src.phraseSize
	tok := takeUnicode61(tls)
	if tok == 0 {
		return nil, false, sqlite3.SQLITE_ERROR
	}
	defer giveUnicode61(tls, tok)

	// The bounds of the tokens read of each column, for the marking.
	bounds := map[int32]tokenBounds{}
	defer func() {
		for _, b := range bounds {
			b.free(tls)
		}
	}()
	seen := make([]bool, len(phraseSize))
	iBestCol := max(iCol, 0)
	var iBestStart, nBestScore, nColSize int32
	for i := range src.nCol {
		if iCol >= 0 && iCol != i {
			continue
		}
		// A column without a match scores nothing: snippet() tokenizes it
		// all the same.
		last := int32(-1)
		for _, in := range insts {
			if in.col == i {
				last = max(last, in.off)
			}
		}
		if last < 0 {
			continue
		}
		text, n, rc := src.text(i)
		if rc != sqlite3.SQLITE_OK {
			return nil, false, rc
		}
		b, rc := tokenize(tls, tok, text, n, int(last)+int(nToken)+1)
		bounds[i] = b
		if rc != sqlite3.SQLITE_OK {
			return nil, false, rc
		}
		doc := unsafe.Slice((*byte)(ptr(text)), max(n, 0))
		firsts := sentenceStarts(doc, b)
		nDocsize, rc := src.size(i)
		if rc != sqlite3.SQLITE_OK {
			return nil, false, rc
		}
		for _, in := range insts {
			if in.col != i {
				continue
			}
			if in.off > nDocsize {
				return nil, false, sqlite3.SQLITE_CORRUPT_VTAB
			}
			clear(seen)
			score, adj := snippetScore(insts, phraseSize, nDocsize, seen, i, in.off, nToken)
			if score > nBestScore {
				nBestScore, iBestCol, iBestStart, nColSize = score, i, adj, nDocsize
			}
			if len(firsts) > 0 && nDocsize > nToken {
				jj := 0
				for ; jj < len(firsts)-1; jj++ {
					if firsts[jj+1] > in.off {
						break
					}
				}
				if firsts[jj] < in.off {
					clear(seen)
					score, _ := snippetScore(insts, phraseSize, nDocsize, seen, i, firsts[jj], nToken)
					if firsts[jj] == 0 {
						score += 120
					} else {
						score += 100
					}
					if score > nBestScore {
						nBestScore, iBestCol, iBestStart, nColSize = score, i, firsts[jj], nDocsize
					}
				}
			}
		}
	}

	text, n, rc := src.text(iBestCol)
	if rc == sqlite3.SQLITE_OK && nColSize == 0 {
		nColSize, rc = src.size(iBestCol)
	}
	if rc != sqlite3.SQLITE_OK {
		return nil, false, rc
	}
	if text == 0 {
		return nil, true, sqlite3.SQLITE_OK
	}
	rangeEnd := iBestStart + nToken - 1
	need := int(rangeEnd) + 1
	if rangeEnd < 0 {
		need = int(n) + 1 // no range (0 tokens asked): snippet() marks the whole text
	}
	b, ok := bounds[iBestCol]
	if !ok || (!b.all && b.count() < need) {
		b.free(tls)
		b, rc = tokenize(tls, tok, text, n, need)
		bounds[iBestCol] = b
		if rc != sqlite3.SQLITE_OK {
			return nil, false, rc
		}
	}
	doc := unsafe.Slice((*byte)(ptr(text)), max(n, 0))
	return highlightRange(doc, b, coalesced(insts, phraseSize, iBestCol), iBestStart, rangeEnd, nColSize, open, close, ellipsis), false, sqlite3.SQLITE_OK
}

// valueText is a text argument's bytes, copied ("" for NULL).
func valueText(tls *libc.TLS, v uintptr) string {
	p := sqlite3.Xsqlite3_value_text(tls, v)
	n := sqlite3.Xsqlite3_value_bytes(tls, v)
	if p == 0 || n <= 0 {
		return ""
	}
	return string(unsafe.Slice((*byte)(ptr(p)), n))
}

// sentenceStarts are the tokens that start a sentence, as snippet()'s
// sentence finder has them: the first, and each after a '.' or ':' and
// white space.
func sentenceStarts(doc []byte, b tokenBounds) []int32 {
	var firsts []int32
	for pos := range b.count() {
		if pos == 0 {
			firsts = append(firsts, 0)
			continue
		}
		start := int(b.offs[2*pos])
		i := start - 1
		var c byte
		for ; i >= 0; i-- {
			c = doc[i]
			if c != ' ' && c != '\t' && c != '\n' && c != '\r' {
				break
			}
		}
		if i != start-1 && (c == '.' || c == ':') {
			firsts = append(firsts, int32(pos))
		}
	}
	return firsts
}

// snippetScore is fts5SnippetScore: the score of the nToken tokens of
// column iCol from iPos (1,000 for each phrase's first instance in them,
// 1 for each other), and where a snippet around them would start.
func snippetScore(insts []phraseInst, phraseSize []int32, nDocsize int32, seen []bool, iCol, iPos, nToken int32) (score, adj int32) {
	iFirst, iLast := int32(-1), int32(0)
	iEnd := int64(iPos) + int64(nToken)
	for _, in := range insts {
		if in.col == iCol && in.off >= iPos && int64(in.off) < iEnd {
			if seen[in.phrase] {
				score++
			} else {
				score += 1000
			}
			seen[in.phrase] = true
			if iFirst < 0 {
				iFirst = in.off
			}
			iLast = in.off + phraseSize[in.phrase]
		}
	}
	a := int64(iFirst - (nToken-(iLast-iFirst))/2)
	if a+int64(nToken) > int64(nDocsize) {
		a = int64(nDocsize - nToken)
	}
	return score, int32(max(a, 0))
}

// span is a run of tokens [start, end] marked as one (fts5CInstIter).
type span struct{ start, end int32 }

// coalesced are the instances of column col with those that overlap
// joined, in order.
func coalesced(insts []phraseInst, phraseSize []int32, col int32) []span {
	var out []span
	for _, in := range insts {
		if in.col != col {
			continue
		}
		end := in.off - 1 + phraseSize[in.phrase]
		if n := len(out); n > 0 && in.off <= out[n-1].end {
			out[n-1].end = max(out[n-1].end, end)
			continue
		}
		out = append(out, span{in.off, end})
	}
	return out
}

// highlightRange writes the tokens [rangeStart, rangeEnd] of doc with the
// spans marked, as fts5HighlightCb and the end of fts5SnippetFunction do.
func highlightRange(doc []byte, b tokenBounds, spans []span, rangeStart, rangeEnd, nColSize int32, open, close, ellipsis string) []byte {
	var out []byte
	if rangeStart > 0 {
		out = append(out, ellipsis...)
	}
	// The iterator at the first span starting at or after rangeStart.
	k := 0
	for k < len(spans) && spans[k].start < rangeStart {
		k++
	}
	iterStart, iterEnd := int32(-1), int32(-1)
	if k < len(spans) {
		iterStart, iterEnd = spans[k].start, spans[k].end
	}
	var iOff int32
	isOpen := false
	ranged := rangeEnd >= 0 // else every token, as highlight() (0 tokens asked)
	from, to := rangeStart, rangeEnd
	if !ranged {
		from, to = 0, int32(b.count())-1
	}
	for iPos := from; iPos <= to && int(iPos) < b.count(); iPos++ {
		startOff, endOff := b.offs[2*iPos], b.offs[2*iPos+1]
		if ranged && rangeStart != 0 && iPos == rangeStart {
			iOff = startOff
		}
		if isOpen && (iPos <= iterStart || iterStart < 0) && startOff > iOff {
			out = append(out, close...)
			isOpen = false
		}
		if iPos == iterStart && !isOpen {
			out = appendText(out, doc, iOff, startOff)
			out = append(out, open...)
			iOff = startOff
			isOpen = true
		}
		if iPos == iterEnd {
			if !isOpen {
				out = append(out, open...)
				isOpen = true
			}
			out = appendText(out, doc, iOff, endOff)
			iOff = endOff
			k++
			iterStart, iterEnd = -1, -1
			if k < len(spans) {
				iterStart, iterEnd = spans[k].start, spans[k].end
			}
		}
		if ranged && iPos == rangeEnd {
			if isOpen {
				if iterStart >= 0 && iPos >= iterStart {
					out = appendText(out, doc, iOff, endOff)
					iOff = endOff
				}
				out = append(out, close...)
				isOpen = false
			}
			out = appendText(out, doc, iOff, endOff)
			iOff = endOff
		}
	}
	if isOpen {
		out = append(out, close...)
	}
	if rangeEnd >= nColSize-1 {
		out = append(out, doc[iOff:]...)
	} else {
		out = append(out, ellipsis...)
	}
	return out
}

// appendText appends doc[from:to] as fts5HighlightAppend does: a negative
// length (never so for a tokenizer's offsets in order) is the rest of the
// text up to a NUL.
func appendText(out, doc []byte, from, to int32) []byte {
	if to >= from {
		return append(out, doc[from:to]...)
	}
	rest := doc[from:]
	if i := bytes.IndexByte(rest, 0); i >= 0 {
		rest = rest[:i]
	}
	return append(out, rest...)
}
