package db

import (
	"cmp"
	"encoding/binary"
	"fmt"
	"slices"
	"sync"

	"github.com/clippings/clippings/neardup"
)

// bandMergeAt is how many articles' band keys gather in bands_recent before
// they are moved to bands, in key order, in one statement: the bands pages
// are then written once for thousands of articles rather than for every
// import batch. Searching them costs 16 bytes of memory per key (4 MB at
// 8,192 articles). Tests lower it.
var bandMergeAt = 8192

// bandEntry is one band key of one article.
type bandEntry struct{ key, id int64 }

// recentBands mirrors bands_recent in memory, sorted by key, so that the
// writer finds candidates there without an index. It is only used inside
// write transactions, which the one writer connection serialises; the mutex
// guards against misuse. Another process writing the same archive is
// noticed by the connection's data_version, and then by comparing the
// table's count and sums with the mirror's; the mirror is then read again.
type recentBands struct {
	mu    sync.Mutex
	valid bool
	// The keys, in two lists sorted by key then id: most in main, the
	// latest in tail, which is merged into main when it grows large, so
	// adding a batch costs little more than sorting it.
	main, tail []bandEntry
	ids        int // articles
	maxID      int64
	sumID      int64
	// version is the writer connection's PRAGMA data_version when the
	// mirror was last known to match: while it stays, no other
	// connection has written.
	version int64
}

// invalidate makes the next use read the table again: after a transaction
// that failed (what it added to the mirror was never stored), or articles
// left it.
func (r *recentBands) invalidate() {
	r.mu.Lock()
	r.valid = false
	r.mu.Unlock()
}

// sync brings the mirror up to date with the table, within the write
// transaction.
func (r *recentBands) sync(w *traitWriter) error {
	r.mu.Lock()
	defer r.mu.Unlock()
	var version int64
	if err := w.tx.QueryRowContext(w.ctx, "PRAGMA data_version").Scan(&version); err != nil {
		return err
	}
	if r.valid && version == r.version {
		return nil // nobody else wrote; what this writer did is in the mirror
	}
	r.version = version
	var (
		n          int
		maxID, sum int64
	)
	st, err := w.prepared("SELECT count(*), ifnull(max(article_id), 0), ifnull(sum(article_id), 0) FROM bands_recent")
	if err != nil {
		return err
	}
	if err := st.QueryRowContext(w.ctx).Scan(&n, &maxID, &sum); err != nil {
		return err
	}
	if r.valid && n == r.ids && maxID == r.maxID && sum == r.sumID {
		return nil
	}
	r.reset()
	rows, err := w.tx.QueryContext(w.ctx, "SELECT article_id, keys FROM bands_recent")
	if err != nil {
		return err
	}
	var old []int64 // articles whose keys an earlier version wrote
	for rows.Next() {
		var (
			id   int64
			keys []byte
		)
		if err := rows.Scan(&id, &keys); err != nil {
			rows.Close()
			return err
		}
		if len(keys) == 8*neardup.BandCount {
			old = append(old, id)
			continue
		}
		r.main = r.appendKeys(r.main, id, decodeBandKeys(keys))
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	if len(old) > 0 {
		if r.main, err = r.convertOld(w, old, r.main); err != nil {
			return fmt.Errorf("convert the band keys of an earlier version: %w", err)
		}
	}
	slices.SortFunc(r.main, compareBandEntries)
	r.valid = true
	return nil
}

// convertOld rewrites the rows of bands_recent that hold the 64-bit keys
// of an earlier version (migration 0008) with the keys of today, made
// from the whole values of the articles' version-1 signatures, and adds
// them to the mirror. An article without such a signature loses its row:
// its keys cannot be made (later copies will not find it).
func (r *recentBands) convertOld(w *traitWriter, ids []int64, to []bandEntry) ([]bandEntry, error) {
	sigs, err := w.signatures(ids)
	if err != nil {
		return nil, err
	}
	for _, id := range ids {
		sig := sigs[id]
		keys := sig.Bands()
		if len(keys) == 0 {
			if err := w.exec("DELETE FROM bands_recent WHERE article_id = ?", id); err != nil {
				return nil, err
			}
			continue
		}
		if err := w.exec("UPDATE bands_recent SET keys = ? WHERE article_id = ?", encodeBandKeys(keys), id); err != nil {
			return nil, err
		}
		to = r.appendKeys(to, id, keys)
	}
	return to, nil
}

func (r *recentBands) reset() {
	r.main, r.tail, r.ids, r.maxID, r.sumID = r.main[:0], r.tail[:0], 0, 0, 0
}

func compareBandEntries(a, b bandEntry) int {
	if c := cmp.Compare(a.key, b.key); c != 0 {
		return c
	}
	return cmp.Compare(a.id, b.id)
}

func (r *recentBands) appendKeys(to []bandEntry, id int64, keys []int64) []bandEntry {
	for _, k := range keys {
		to = append(to, bandEntry{k, id})
	}
	r.ids++
	r.maxID = max(r.maxID, id)
	r.sumID += id
	return to
}

// tailMax is how many entries tail holds before it is merged into main.
const tailMax = 16384

// add puts articles' keys in the mirror (the caller stores them in the
// table, in the same transaction).
func (r *recentBands) add(ids []int64, keys [][]int64) {
	r.mu.Lock()
	defer r.mu.Unlock()
	var added []bandEntry
	for i, id := range ids {
		added = r.appendKeys(added, id, keys[i])
	}
	slices.SortFunc(added, compareBandEntries)
	r.tail = mergeSorted(r.tail, added)
	if len(r.tail) > tailMax {
		r.main = mergeSorted(r.main, r.tail)
		r.tail = r.tail[:0]
	}
}

// mergeSorted merges two sorted lists into a new one.
func mergeSorted(a, b []bandEntry) []bandEntry {
	out := make([]bandEntry, 0, len(a)+len(b))
	for len(a) > 0 && len(b) > 0 {
		if compareBandEntries(a[0], b[0]) <= 0 {
			out, a = append(out, a[0]), a[1:]
		} else {
			out, b = append(out, b[0]), b[1:]
		}
	}
	return append(append(out, a...), b...)
}

// lookup returns the articles with a key.
func (r *recentBands) lookup(key int64) []int64 {
	r.mu.Lock()
	defer r.mu.Unlock()
	var out []int64
	for _, list := range [][]bandEntry{r.main, r.tail} {
		i, _ := slices.BinarySearchFunc(list, bandEntry{key, -1 << 63}, compareBandEntries)
		for ; i < len(list) && list[i].key == key; i++ {
			out = append(out, list[i].id)
		}
	}
	return out
}

// size is how many articles the mirror holds.
func (r *recentBands) size() int {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.ids
}

// merge moves the recent keys to bands, in key order, and empties the
// table and the mirror.
func (r *recentBands) merge(w *traitWriter) error {
	r.mu.Lock()
	all := mergeSorted(r.main, r.tail)
	r.mu.Unlock()
	rows := make([][]any, len(all))
	for i, e := range all {
		rows[i] = []any{e.key, e.id}
	}
	if err := w.insertRows("INSERT OR IGNORE INTO bands (band, article_id) VALUES ", rows); err != nil {
		return fmt.Errorf("move band keys: %w", err)
	}
	if err := w.exec("DELETE FROM bands_recent"); err != nil {
		return fmt.Errorf("move band keys: %w", err)
	}
	r.mu.Lock()
	r.reset()
	r.mu.Unlock()
	return nil
}

// encodeBandKeys makes a bands_recent row's keys: 4 bytes each,
// little-endian (neardup's keys are 32-bit). An earlier version wrote 8
// (see convertOld).
func encodeBandKeys(keys []int64) []byte {
	b := make([]byte, 0, 4*len(keys))
	for _, k := range keys {
		b = binary.LittleEndian.AppendUint32(b, uint32(k))
	}
	return b
}

func decodeBandKeys(b []byte) []int64 {
	out := make([]int64, 0, len(b)/4)
	for ; len(b) >= 4; b = b[4:] {
		out = append(out, int64(int32(binary.LittleEndian.Uint32(b))))
	}
	return out
}
