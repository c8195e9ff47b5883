package db

import (
	"encoding/binary"
	"math"
	"sync/atomic"
	"unsafe"

	"modernc.org/libc"
	sqlite3 "modernc.org/sqlite/lib"
)

// rankFunction is an FTS5 auxiliary function of this program's own:
// FTS5's bm25, the same formula computed the same way, but given what bm25
// works out on every search instead of working it out:
//
//	clippings_bm25(articles_fts, docsize, params)
//
// docsize is the row's record in the index's _docsize table (its words per
// column, joined by the query), params the little-endian float64s avgdl,
// a weight per column and an IDF per phrase of the query.
//
// Why: bm25 counts the articles holding each phrase of the query, by
// evaluating the phrase over the whole index, on every search — for a
// phrase of common words that is the positions of nearly every article,
// seconds at a million — and looks up each row's length with a statement
// of its own (half of a common word's ranking at 100,000 articles). The
// counts are made once by rankPlan, only where they change the order, and
// the lengths are read by the query's join.
const rankFunction = "clippings_bm25"

// rankFallbacks counts rows scored with IDFs bm25's way (tests).
var rankFallbacks atomic.Int64

// rankBounded counts rows left out of a statement's best by their bound,
// their length never looked up (tests).
var rankBounded atomic.Int64

// bm25's constants, as FTS5 has them.
const (
	bm25K1 = 1.2
	bm25B  = 0.75
)

// FTS5 is reached through SQLite's C API, as modernc.org/sqlite translates
// it to Go: the function is added to every connection by an automatic
// extension, registered once before any archive is opened.
func init() {
	tls := libc.NewTLS()
	defer tls.Close()
	sqlite3.Xsqlite3_auto_extension(tls, cFunc(addRankFunction))
}

// addRankFunction is the automatic extension: it finds the connection's
// fts5_api (SELECT fts5(?1), the pointer bound as "fts5_api_ptr") and adds
// the functions to it (clippings_bm25, and clippings_snippet of snippet.go). A connection without FTS5 is left as it is: its
// searches fail on their own with a clear message.
func addRankFunction(tls *libc.TLS, db, pzErrMsg, pThunk uintptr) int32 {
	api := fts5API(tls, db)
	if api == 0 {
		return sqlite3.SQLITE_OK
	}
	findUnicode61(tls, api)
	create := (*sqlite3.Tfts5_api)(ptr(api)).FxCreateFunction
	for _, f := range []struct {
		name string
		fn   func(tls *libc.TLS, pApi, pFts, pCtx uintptr, nVal int32, apVal uintptr)
	}{{rankFunction, bm25Row}, {snippetFunction, snippetRow}, {hitsFunction, hitsRow}} {
		name := cString(tls, f.name)
		rc := callFP[func(*libc.TLS, uintptr, uintptr, uintptr, uintptr, uintptr) int32](create)(tls, api, name, 0, cFunc(f.fn), 0)
		sqlite3.Xsqlite3_free(tls, name)
		if rc != sqlite3.SQLITE_OK {
			return rc
		}
	}
	return sqlite3.SQLITE_OK
}

func fts5API(tls *libc.TLS, db uintptr) uintptr {
	query := cString(tls, "SELECT fts5(?1)")
	defer sqlite3.Xsqlite3_free(tls, query)
	kind := cString(tls, "fts5_api_ptr")
	defer sqlite3.Xsqlite3_free(tls, kind)
	out := tls.Alloc(2 * int(unsafe.Sizeof(uintptr(0))))
	defer tls.Free(2 * int(unsafe.Sizeof(uintptr(0))))
	stmtOut, apiOut := out, out+unsafe.Sizeof(uintptr(0))
	*(*uintptr)(ptr(stmtOut)), *(*uintptr)(ptr(apiOut)) = 0, 0
	if sqlite3.Xsqlite3_prepare_v2(tls, db, query, -1, stmtOut, 0) != sqlite3.SQLITE_OK {
		return 0
	}
	stmt := *(*uintptr)(ptr(stmtOut))
	defer sqlite3.Xsqlite3_finalize(tls, stmt)
	sqlite3.Xsqlite3_bind_pointer(tls, stmt, 1, apiOut, kind, 0)
	sqlite3.Xsqlite3_step(tls, stmt)
	return *(*uintptr)(ptr(apiOut))
}

// bm25Row scores the current row as fts5Bm25Function does (fts5_aux.c):
// each phrase's instances summed with their column's weight, then
// -Σ idf·f·(k1+1) / (f + k1·(1 − b + b·D/avgdl)), in the same order of
// operations, so the scores are bm25's to the last bit when the IDFs are.
func bm25Row(tls *libc.TLS, pApi, pFts, pCtx uintptr, nVal int32, apVal uintptr) {
	api := (*sqlite3.TFts5ExtensionApi)(ptr(pApi))
	if nVal != 2 {
		sqlite3.Xsqlite3_result_error_code(tls, pCtx, sqlite3.SQLITE_ERROR)
		return
	}
	vals := unsafe.Slice((*uintptr)(ptr(apVal)), 2)
	sizes := valueBytes(tls, vals[0])
	params := valueBytes(tls, vals[1])

	nPhrase := int(callFP[func(*libc.TLS, uintptr) int32](api.FxPhraseCount)(tls, pFts))
	nCol := int(callFP[func(*libc.TLS, uintptr) int32](api.FxColumnCount)(tls, pFts))
	if len(params) < 8*(1+nCol) {
		sqlite3.Xsqlite3_result_error_code(tls, pCtx, sqlite3.SQLITE_MISUSE)
		return
	}
	param := func(i int) float64 { return math.Float64frombits(binary.LittleEndian.Uint64(params[8*i:])) }
	idf := func(i int) float64 { return param(1 + nCol + i) }
	var rowid int64
	var keep int
	var tally uint64
	if base := 8 * (1 + nCol + nPhrase); len(params) == base+rankTrailer {
		// The trailer: a tally's number (the row is noted in it) and how
		// many best rows the statement keeps (see rankPrune).
		rowid = callFP[func(*libc.TLS, uintptr) int64](api.FxRowid)(tls, pFts)
		if tally = binary.LittleEndian.Uint64(params[base:]); tally != 0 && !walkTallies.note(tally, rowid) {
			sqlite3.Xsqlite3_result_error_code(tls, pCtx, sqlite3.SQLITE_ABORT)
			return
		}
		keep = int(binary.LittleEndian.Uint64(params[base+8:]))
		params = params[:base]
	}
	if len(params) != 8*(1+nCol+nPhrase) {
		// The plan does not match FTS5's reading of the query (never so
		// for what the query renderer writes: a test parses every kind):
		// the IDFs are counted as bm25 counts them, once per statement.
		rankFallbacks.Add(1)
		idfs, rc := countedIDFs(tls, api, pFts, nPhrase)
		if rc != sqlite3.SQLITE_OK {
			sqlite3.Xsqlite3_result_error_code(tls, pCtx, rc)
			return
		}
		idf = func(i int) float64 { return idfs[i] }
		keep = 0 // the statement's auxiliary data holds the IDFs
	}
	avgdl := param(0)

	var best *rankPrune
	if keep > 0 && keep <= rankPruneMost {
		var rc int32
		if best, rc = pruneState(tls, api, pFts, keep); rc != sqlite3.SQLITE_OK {
			sqlite3.Xsqlite3_result_error_code(tls, pCtx, rc)
			return
		}
		if best.scored != 0 && best.lastRow == rowid {
			sqlite3.Xsqlite3_result_double(tls, pCtx, best.lastScore) // asked twice
			return
		}
	}

	out := tls.Alloc(16)
	defer tls.Free(16)
	nInst, iPhrase, iCol, iOff := out, out+4, out+8, out+12
	if rc := callFP[func(*libc.TLS, uintptr, uintptr) int32](api.FxInstCount)(tls, pFts, nInst); rc != sqlite3.SQLITE_OK {
		sqlite3.Xsqlite3_result_error_code(tls, pCtx, rc)
		return
	}
	var small [16]float64
	freq := sized(small[:], nPhrase)
	// The least each column's length can be: one past its last instance.
	var lastSmall [16]int32
	last := sized(lastSmall[:], nCol)
	inst := callFP[func(*libc.TLS, uintptr, int32, uintptr, uintptr, uintptr) int32](api.FxInst)
	for i := int32(0); i < *(*int32)(ptr(nInst)); i++ {
		if rc := inst(tls, pFts, i, iPhrase, iCol, iOff); rc != sqlite3.SQLITE_OK {
			sqlite3.Xsqlite3_result_error_code(tls, pCtx, rc)
			return
		}
		ip, ic := int(*(*int32)(ptr(iPhrase))), int(*(*int32)(ptr(iCol)))
		freq[ip] += param(1 + ic)
		last[ic] = max(last[ic], *(*int32)(ptr(iOff))+1)
	}
	score := func(d float64) float64 {
		var score float64
		for i := range nPhrase {
			score += idf(i) * ((freq[i] * (bm25K1 + 1.0)) / (freq[i] + bm25K1*(1-bm25B+bm25B*d/avgdl)))
		}
		return -1.0 * score
	}

	if best != nil && best.full() {
		// bm25 falls as the article grows: scored at the least length its
		// instances allow, a row that still ranks below the statement's
		// keep-th best cannot be among them, and its length is not looked
		// up. That bound is what it scores (below the kept ones either way).
		var dmin int64
		for _, l := range last {
			dmin += int64(l)
		}
		if bound := score(float64(dmin)); bound > best.worst() {
			best.note(rowid, bound, false)
			rankBounded.Add(1)
			sqlite3.Xsqlite3_result_double(tls, pCtx, bound)
			return
		}
	}

	var d float64
	if sizes != nil {
		d = float64(docLength(sizes))
	} else {
		// Not joined (a statement that keeps its best rows looks lengths up
		// only for those that may be among them), or no row in _docsize
		// (never so in an index FTS5 keeps): ask FTS5.
		if rc := callFP[func(*libc.TLS, uintptr, int32, uintptr) int32](api.FxColumnSize)(tls, pFts, -1, nInst); rc != sqlite3.SQLITE_OK {
			sqlite3.Xsqlite3_result_error_code(tls, pCtx, rc)
			return
		}
		d = float64(*(*int32)(ptr(nInst)))
	}
	v := score(d)
	if best != nil && best.note(rowid, v, true) && tally != 0 {
		// May be on the page: what its snippet is made of is kept (see
		// walkedRow), read while FTS5 holds it.
		if rc := keepWalkedRow(tls, api, pFts, tally, rowid, nCol); rc != sqlite3.SQLITE_OK {
			sqlite3.Xsqlite3_result_error_code(tls, pCtx, rc)
			return
		}
	}
	sqlite3.Xsqlite3_result_double(tls, pCtx, v)
}

// rankTrailer is the length of what may follow the IDFs in
// clippings_bm25's params: a tally's number (0: none) and how many best
// rows the statement keeps (0: all are scored exactly), little-endian
// uint64s.
const rankTrailer = 16

// withRankTrailer appends the trailer to params (a copy).
func withRankTrailer(params []byte, tally uint64, keep int) []byte {
	out := make([]byte, len(params), len(params)+rankTrailer)
	copy(out, params)
	out = binary.LittleEndian.AppendUint64(out, tally)
	return binary.LittleEndian.AppendUint64(out, uint64(max(keep, 0)))
}

// rankPrune is what a ranking statement that keeps its keep best rows
// (ORDER BY score, doc LIMIT keep, nothing else between) knows of them
// as it scores: the keep best scores so far, a max-heap (the worst of them
// first), and the last row scored. It lives in SQLite's heap as the
// statement's auxiliary data, freed with the statement.
type rankPrune struct {
	scored    int64 // rows noted
	n, keep   int64
	lastRow   int64
	lastScore float64
	heap      [rankPruneMost]float64 // the first keep used
}

// rankPruneMost is the most rows a statement keeps with rankPrune (a
// page of up to a million hits): past it, every row is scored exactly.
const rankPruneMost = 1 << 20

// pruneState is the statement's rankPrune, made at its first row.
func pruneState(tls *libc.TLS, api *sqlite3.TFts5ExtensionApi, pFts uintptr, keep int) (*rankPrune, int32) {
	if p := callFP[func(*libc.TLS, uintptr, int32) uintptr](api.FxGetAuxdata)(tls, pFts, 0); p != 0 {
		return (*rankPrune)(ptr(p)), sqlite3.SQLITE_OK
	}
	size := int(unsafe.Offsetof(rankPrune{}.heap)) + 8*keep
	mem := sqlite3.Xsqlite3_malloc(tls, int32(size))
	if mem == 0 {
		return nil, sqlite3.SQLITE_NOMEM
	}
	clear(unsafe.Slice((*byte)(ptr(mem)), size))
	st := (*rankPrune)(ptr(mem))
	st.keep = int64(keep)
	if rc := callFP[func(*libc.TLS, uintptr, uintptr, uintptr) int32](api.FxSetAuxdata)(tls, pFts, mem, cFunc(freeAux)); rc != sqlite3.SQLITE_OK {
		return nil, rc
	}
	return st, sqlite3.SQLITE_OK
}

func (p *rankPrune) full() bool { return p.n == p.keep }

// worst is the keep-th best score so far (once full).
func (p *rankPrune) worst() float64 { return p.heap[0] }

// note records a row's score; exact: it may be among the best. kept:
// it is among the best so far.
func (p *rankPrune) note(row int64, score float64, exact bool) (kept bool) {
	p.scored++
	p.lastRow, p.lastScore = row, score
	if !exact {
		return false
	}
	h := p.heap[:p.keep]
	switch {
	case p.n >= p.keep && score >= h[0]:
		return false
	case p.n < p.keep:
		i := p.n
		h[i] = score
		p.n++
		for i > 0 {
			up := (i - 1) / 2
			if h[up] >= h[i] {
				break
			}
			h[up], h[i] = h[i], h[up]
			i = up
		}
	default:
		h[0] = score
		for i := int64(0); ; {
			l, r, big := 2*i+1, 2*i+2, i
			if l < p.n && h[l] > h[big] {
				big = l
			}
			if r < p.n && h[r] > h[big] {
				big = r
			}
			if big == i {
				break
			}
			h[i], h[big] = h[big], h[i]
			i = big
		}
	}
	return true
}

// countedIDFs are the query's IDFs as bm25 works them out (xRowCount,
// xQueryPhrase), kept with the statement's cursor (xSetAuxdata).
func countedIDFs(tls *libc.TLS, api *sqlite3.TFts5ExtensionApi, pFts uintptr, nPhrase int) ([]float64, int32) {
	if p := callFP[func(*libc.TLS, uintptr, int32) uintptr](api.FxGetAuxdata)(tls, pFts, 0); p != 0 {
		return unsafe.Slice((*float64)(ptr(p)), nPhrase), sqlite3.SQLITE_OK
	}
	out := tls.Alloc(8)
	defer tls.Free(8)
	if rc := callFP[func(*libc.TLS, uintptr, uintptr) int32](api.FxRowCount)(tls, pFts, out); rc != sqlite3.SQLITE_OK {
		return nil, rc
	}
	rows := *(*int64)(ptr(out))
	mem := sqlite3.Xsqlite3_malloc(tls, int32(8*max(nPhrase, 1)))
	if mem == 0 {
		return nil, sqlite3.SQLITE_NOMEM
	}
	idfs := unsafe.Slice((*float64)(ptr(mem)), nPhrase)
	query := callFP[func(*libc.TLS, uintptr, int32, uintptr, uintptr) int32](api.FxQueryPhrase)
	for i := range idfs {
		*(*int64)(ptr(out)) = 0
		if rc := query(tls, pFts, int32(i), out, cFunc(countRow)); rc != sqlite3.SQLITE_OK {
			sqlite3.Xsqlite3_free(tls, mem)
			return nil, rc
		}
		idfs[i] = bm25IDF(rows, *(*int64)(ptr(out)))
	}
	if rc := callFP[func(*libc.TLS, uintptr, uintptr, uintptr) int32](api.FxSetAuxdata)(tls, pFts, mem, cFunc(freeAux)); rc != sqlite3.SQLITE_OK {
		return nil, rc
	}
	return idfs, sqlite3.SQLITE_OK
}

// hitsFunction is an FTS5 auxiliary function of this program's own:
//
//	clippings_hits(articles_fts)
//
// is how many articles of the index hold each phrase of the query (with
// its column filter), as little-endian int64s: what bm25 counts for its
// IDFs, through xQueryPhrase, which walks each phrase's articles inside
// FTS5. Asked of one matching row. Counting the same with a statement of
// its own per phrase (a row of SQL per article, newest first) took 4–6 ms
// of a two-word search as a command at 100,000 articles.
const hitsFunction = "clippings_hits"

func hitsRow(tls *libc.TLS, pApi, pFts, pCtx uintptr, nVal int32, apVal uintptr) {
	api := (*sqlite3.TFts5ExtensionApi)(ptr(pApi))
	nPhrase := int(callFP[func(*libc.TLS, uintptr) int32](api.FxPhraseCount)(tls, pFts))
	out := tls.Alloc(8)
	defer tls.Free(8)
	query := callFP[func(*libc.TLS, uintptr, int32, uintptr, uintptr) int32](api.FxQueryPhrase)
	counts := make([]byte, 0, 8*nPhrase)
	for i := range nPhrase {
		*(*int64)(ptr(out)) = 0
		if rc := query(tls, pFts, int32(i), out, cFunc(countRow)); rc != sqlite3.SQLITE_OK {
			sqlite3.Xsqlite3_result_error_code(tls, pCtx, rc)
			return
		}
		counts = binary.LittleEndian.AppendUint64(counts, uint64(*(*int64)(ptr(out))))
	}
	p := sqlite3.Xsqlite3_malloc(tls, int32(max(len(counts), 1)))
	if p == 0 {
		sqlite3.Xsqlite3_result_error_code(tls, pCtx, sqlite3.SQLITE_NOMEM)
		return
	}
	copy(unsafe.Slice((*byte)(ptr(p)), len(counts)), counts)
	sqlite3.Xsqlite3_result_blob(tls, pCtx, p, int32(len(counts)), cFunc(freeAux))
}

// countRow is xQueryPhrase's callback: one more row holds the phrase.
func countRow(tls *libc.TLS, pApi, pFts, pUserData uintptr) int32 {
	*(*int64)(ptr(pUserData))++
	return sqlite3.SQLITE_OK
}

func freeAux(tls *libc.TLS, p uintptr) { sqlite3.Xsqlite3_free(tls, p) }

// docLength is the words of a _docsize record: a varint per column.
func docLength(rec []byte) int64 {
	var n int64
	for len(rec) > 0 {
		v, k := sqliteVarint(rec)
		if k == 0 {
			break
		}
		n += int64(int32(v)) // FTS5 reads each into an int
		rec = rec[k:]
	}
	return n
}

// sqliteVarint decodes SQLite's big-endian varint (1–9 bytes), as FTS5
// writes sizes and totals; k is 0 for a truncated one.
func sqliteVarint(b []byte) (v uint64, k int) {
	for i := 0; i < len(b) && i < 9; i++ {
		if i == 8 {
			return v<<8 | uint64(b[i]), 9
		}
		v = v<<7 | uint64(b[i]&0x7f)
		if b[i] < 0x80 {
			return v, i + 1
		}
	}
	return 0, 0
}

// valueBytes is a blob argument's bytes, nil for NULL; valid during the call.
func valueBytes(tls *libc.TLS, v uintptr) []byte {
	if sqlite3.Xsqlite3_value_type(tls, v) == sqlite3.SQLITE_NULL {
		return nil
	}
	p := sqlite3.Xsqlite3_value_blob(tls, v)
	n := sqlite3.Xsqlite3_value_bytes(tls, v)
	if p == 0 || n == 0 {
		return []byte{}
	}
	return unsafe.Slice((*byte)(ptr(p)), n)
}

// cString copies s to SQLite's heap, NUL-terminated; sqlite3_free frees it.
func cString(tls *libc.TLS, s string) uintptr {
	p := sqlite3.Xsqlite3_malloc(tls, int32(len(s)+1))
	if p == 0 {
		return 0
	}
	b := unsafe.Slice((*byte)(ptr(p)), len(s)+1)
	copy(b, s)
	b[len(s)] = 0
	return p
}

// ptr is an address in the translated C's memory as a Go pointer (the
// conversion go vet would rather see spelled this way).
func ptr(p uintptr) unsafe.Pointer { return *(*unsafe.Pointer)(unsafe.Pointer(&p)) }

// cFunc is a top-level Go function as the translated C holds a function
// pointer, and callFP one such pointer as a Go function of type T — how
// modernc.org/sqlite calls through function pointers.
func cFunc[T any](f T) uintptr { return *(*uintptr)(unsafe.Pointer(&struct{ f T }{f})) }

func callFP[T any](p uintptr) T { return *(*T)(unsafe.Pointer(&struct{ uintptr }{p})) }

// keepWalkedRow notes in its walk's tally what the current row's snippet
// is made of: its instances and its columns' lengths.
func keepWalkedRow(tls *libc.TLS, api *sqlite3.TFts5ExtensionApi, pFts uintptr, tally uint64, rowid int64, nCol int) int32 {
	out := tls.Alloc(16)
	defer tls.Free(16)
	insts, rc := rowInstances(tls, api, pFts, out)
	if rc != sqlite3.SQLITE_OK {
		return rc
	}
	row := walkedRow{insts: insts, sizes: make([]int32, nCol)}
	for i := range row.sizes {
		if rc := callFP[func(*libc.TLS, uintptr, int32, uintptr) int32](api.FxColumnSize)(tls, pFts, int32(i), out); rc != sqlite3.SQLITE_OK {
			return rc
		}
		row.sizes[i] = *(*int32)(ptr(out))
	}
	walkTallies.keepRow(tally, rowid, row, func() []int32 { return phraseSizes(tls, api, pFts) })
	return sqlite3.SQLITE_OK
}

// sized is buf[:n], or a new slice when buf is too short: a row's
// per-phrase and per-column tallies stay on the stack for the usual query.
func sized[T any](buf []T, n int) []T {
	if n > len(buf) {
		return make([]T, n)
	}
	return buf[:n]
}
