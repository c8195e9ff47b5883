package db

import (
	"fmt"
	"sync"
	"sync/atomic"
	"unsafe"

	"modernc.org/libc"
	sqlite3 "modernc.org/sqlite/lib"
)

// indexTokenizer is the index's own tokenizer — SQLite's porter over
// unicode61 remove_diacritics 2 — called through FTS5's C API, as
// modernc.org/sqlite translates it to Go. It gives each token of a text as
// the index holds it (its stem) and where it stands in the text (the word
// as written), so the words table pairs each word with the stem the index
// holds for it exactly as FTS5 would, without a table to insert into: 3 µs
// a word through the in-memory table the stemmer used, 0.1 µs here.
//
// A tokenizer keeps buffers of its own (porter's stem, unicode61's fold):
// each is used by one goroutine at a time, taken from a free list.
type indexTokenizer struct {
	tls      *libc.TLS
	tok      uintptr // Fts5Tokenizer*
	tokenize uintptr // its xTokenize
	id       uintptr // its number, the callback's context
	onToken  func(stem []byte, start, end int)
	seen     map[string]struct{} // textWords' scratch
}

// tokenizerArgs are the index's tokenize option after the tokenizer's name.
var tokenizerArgs = []string{"unicode61", "remove_diacritics", "2"}

var (
	// fts5Tokenizers is FTS5's porter tokenizer, found once on a database
	// in memory kept open for it.
	fts5Tokenizers struct {
		once     sync.Once
		err      error
		userData uintptr
		methods  sqlite3.Tfts5_tokenizer
	}
	freeTokenizers = make(chan *indexTokenizer, 16)
	liveTokenizers sync.Map // id -> *indexTokenizer, for the callback
	tokenizerIDs   atomic.Uintptr
)

func findPorter() error {
	t := &fts5Tokenizers
	t.once.Do(func() {
		tls := libc.NewTLS() // kept: the database and the API live as long as the program
		name := cString(tls, ":memory:")
		defer sqlite3.Xsqlite3_free(tls, name)
		out := tls.Alloc(int(unsafe.Sizeof(uintptr(0))))
		defer tls.Free(int(unsafe.Sizeof(uintptr(0))))
		if rc := sqlite3.Xsqlite3_open_v2(tls, name, out, sqlite3.SQLITE_OPEN_READWRITE|sqlite3.SQLITE_OPEN_MEMORY, 0); rc != sqlite3.SQLITE_OK {
			t.err = fmt.Errorf("open a database in memory for the tokenizer: code %d", rc)
			return
		}
		db := *(*uintptr)(ptr(out))
		api := fts5API(tls, db)
		if api == 0 {
			t.err = fmt.Errorf("this SQLite has no FTS5")
			return
		}
		var rc int32
		if t.userData, t.methods, rc = findTokenizer(tls, api, "porter"); rc != sqlite3.SQLITE_OK {
			t.err = fmt.Errorf("find FTS5's porter tokenizer: code %d", rc)
			return
		}
	})
	return t.err
}

// takeTokenizer returns a free tokenizer, made when none is.
func takeTokenizer() (*indexTokenizer, error) {
	select {
	case t := <-freeTokenizers:
		return t, nil
	default:
	}
	if err := findPorter(); err != nil {
		return nil, err
	}
	m := &fts5Tokenizers.methods
	t := &indexTokenizer{tls: libc.NewTLS(), tokenize: m.FxTokenize, id: tokenizerIDs.Add(1)}
	var rc int32
	t.tok, rc = createTokenizer(t.tls, m, fts5Tokenizers.userData, tokenizerArgs)
	if rc != sqlite3.SQLITE_OK {
		t.tls.Close()
		return nil, fmt.Errorf("make the index's tokenizer: code %d", rc)
	}
	liveTokenizers.Store(t.id, t)
	return t, nil
}

// createTokenizer makes an instance of an FTS5 tokenizer (its xCreate)
// with args as its options, as a table's tokenize option would.
func createTokenizer(tls *libc.TLS, m *sqlite3.Tfts5_tokenizer, userData uintptr, args []string) (uintptr, int32) {
	argv := sqlite3.Xsqlite3_malloc(tls, int32(len(args))*int32(unsafe.Sizeof(uintptr(0))))
	if argv == 0 {
		return 0, sqlite3.SQLITE_NOMEM
	}
	cArgs := unsafe.Slice((*uintptr)(ptr(argv)), len(args))
	for i, a := range args {
		cArgs[i] = cString(tls, a)
	}
	out := tls.Alloc(int(unsafe.Sizeof(uintptr(0))))
	*(*uintptr)(ptr(out)) = 0
	rc := callFP[func(*libc.TLS, uintptr, uintptr, int32, uintptr) int32](m.FxCreate)(tls, userData, argv, int32(len(args)), out)
	t := *(*uintptr)(ptr(out))
	tls.Free(int(unsafe.Sizeof(uintptr(0))))
	for _, a := range cArgs {
		sqlite3.Xsqlite3_free(tls, a)
	}
	sqlite3.Xsqlite3_free(tls, argv)
	return t, rc
}

// give puts a tokenizer back on the free list, or frees it when the list
// is full.
func (t *indexTokenizer) give() {
	t.onToken = nil
	select {
	case freeTokenizers <- t:
		return
	default:
	}
	liveTokenizers.Delete(t.id)
	callFP[func(*libc.TLS, uintptr)](fts5Tokenizers.methods.FxDelete)(t.tls, t.tok)
	t.tls.Close()
}

// fts5TokenizeDocument is FTS5_TOKENIZE_DOCUMENT: the text is a document's,
// as when it is indexed.
const fts5TokenizeDocument = 0x0004

// each calls fn with every token of text: the stem the index holds, and
// the byte offsets of the word in text. stem is valid during the call.
func (t *indexTokenizer) each(text string, fn func(stem []byte, start, end int)) error {
	if text == "" {
		return nil
	}
	p := sqlite3.Xsqlite3_malloc(t.tls, int32(len(text)))
	if p == 0 {
		return fmt.Errorf("tokenize: out of memory")
	}
	defer sqlite3.Xsqlite3_free(t.tls, p)
	copy(unsafe.Slice((*byte)(ptr(p)), len(text)), text)
	t.onToken = fn
	rc := callFP[func(*libc.TLS, uintptr, uintptr, int32, uintptr, int32, uintptr) int32](t.tokenize)(
		t.tls, t.tok, t.id, fts5TokenizeDocument, p, int32(len(text)), cFunc(onIndexToken))
	t.onToken = nil
	if rc != sqlite3.SQLITE_OK {
		return fmt.Errorf("tokenize: code %d", rc)
	}
	return nil
}

// onIndexToken is xTokenize's callback; pCtx is the tokenizer's number.
func onIndexToken(tls *libc.TLS, pCtx uintptr, tflags int32, pToken uintptr, nToken, iStart, iEnd int32) int32 {
	v, ok := liveTokenizers.Load(pCtx)
	if !ok {
		return sqlite3.SQLITE_ERROR
	}
	t := v.(*indexTokenizer)
	if t.onToken != nil && nToken > 0 {
		t.onToken(unsafe.Slice((*byte)(ptr(pToken)), nToken), int(iStart), int(iEnd))
	}
	return sqlite3.SQLITE_OK
}

// tokenizeIndex calls fn with each token of text as the index tokenizes it.
func tokenizeIndex(text string, fn func(stem []byte, start, end int)) error {
	t, err := takeTokenizer()
	if err != nil {
		return err
	}
	defer t.give()
	return t.each(text, fn)
}

// indexStem is the term the index holds for a word (the first token of
// it), "" for none.
func indexStem(word string) (string, error) {
	var st string
	err := tokenizeIndex(word, func(stem []byte, _, _ int) {
		if st == "" {
			st = string(stem)
		}
	})
	return st, err
}
