package db

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"
)

// Doc keys: each article's key in the full-text index and the forms index
// (articles.doc), in date order, so that newest first and date filters are
// ranges of keys.
//
// Archives of format 7 key an article (day << docBits) | n, n its place
// within its day: FTS5 stores the difference between consecutive keys of a
// word's list of articles as a varint, and the smaller the differences the
// smaller the index. On the bench's first 20,000 bodies (one merged
// segment, prefix indexes 2 and 3) the index took 131.1 MB keyed the old
// way, (day << 32) | id, and 97.8 / 101.6 / 105.0 / 105.8 / 109.1 MB with
// 12 / 14 / 16 / 17 / 20 low bits. 16 bits hold 65,536 articles a day
// (more than real news archives file under one date) for 7% over 12 bits;
// a day that holds more goes on into the keys of the days after it while
// they hold no article, recorded in doc_spills (see allocate).
//
// The id is not in the key: articles.doc, unique, maps keys to articles.
//
// Archives made before keep their keys, (day << 32) | id ("wide"), until
// Store.Reindex re-keys them (reKey), in key order. Meanwhile articles
// with a wide key below rekey.next have dense keys, and the two kinds sort
// together in date order: the dense keys of days up to D = next >> 32 lie
// below 2^32·D, where the wide keys of days from D on start.

// docBits is the width of a dense key's place within its day; tests
// narrow it to make days fill up.
var docBits = 16

// denseKeysSchema is the first schema version with dense doc keys.
const denseKeysSchema = 7

// dayZero is the origin of the day count in doc keys; earlier dates clamp to it.
var dayZero = time.Date(1000, 1, 1, 0, 0, 0, 0, time.UTC)

func dayNumber(t time.Time) int64 {
	// Not t.Sub: a time.Duration overflows after 292 years.
	d := (t.Unix() - dayZero.Unix()) / 86400
	return max(d, 0)
}

func dayTime(day int64) time.Time { return dayZero.AddDate(0, 0, int(day)) }

// wideKey is the key of archives before format 7: (day << 32) | id.
func wideKey(day, id int64) int64 { return day<<32 | id }

// spill is a day whose keys go past its own block of 2^docBits, up to last.
type spill struct{ day, last int64 }

// docKeys is the state of an archive's keys, read with each query.
type docKeys struct {
	// wide: some articles still have wide keys — those at or above next.
	wide bool
	next int64
	// spills, by day.
	spills []spill
}

// rekeyDay is the day re-keying has reached: the days before it hold
// dense keys only.
func (k docKeys) rekeyDay() int64 { return k.next >> 32 }

// dayStart is the lowest key an article filed under day (or later) may
// have, and above every key of the days before: date filters' bounds.
func (k docKeys) dayStart(day int64) int64 {
	if k.wide && day > k.rekeyDay() {
		return day << 32
	}
	start := day << docBits
	for _, s := range k.spills {
		if s.day < day {
			start = max(start, s.last+1)
		}
	}
	return start
}

// dayOf is the day a key files its article under.
func (k docKeys) dayOf(doc int64) int64 {
	if k.wide {
		if doc >= k.rekeyDay()<<32 && doc >= 1<<32 {
			return doc >> 32
		}
		if k.rekeyDay() == 0 {
			return 0 // wide or dense, a key below 2^32 is of day 0 then
		}
	}
	day := doc >> docBits
	for _, s := range k.spills {
		if s.day < day && doc <= s.last {
			return s.day
		}
	}
	return day
}

// keysState reads the state of the archive's keys.
func (s *Store) keysState(ctx context.Context, q queryer) (docKeys, error) {
	if s.schema < denseKeysSchema {
		return docKeys{wide: true}, nil
	}
	// One row: the re-keying's next key, if any, and the spills, if any.
	var (
		k    docKeys
		next sql.NullInt64
		list string
	)
	err := q.QueryRowContext(ctx, `SELECT (SELECT next FROM rekey),
		(SELECT ifnull(group_concat(day || ' ' || last, ' '), '') FROM (SELECT day, last FROM doc_spills ORDER BY day))`).Scan(&next, &list)
	if err != nil {
		return k, fmt.Errorf("read the state of the doc keys: %w", err)
	}
	k.wide, k.next = next.Valid, next.Int64
	f := strings.Fields(list)
	for i := 0; i+1 < len(f); i += 2 {
		day, err1 := strconv.ParseInt(f[i], 10, 64)
		last, err2 := strconv.ParseInt(f[i+1], 10, 64)
		if err := errors.Join(err1, err2); err != nil {
			return k, fmt.Errorf("read the doc keys' spills: %w", err)
		}
		k.spills = append(k.spills, spill{day, last})
	}
	return k, nil
}

// ErrDayFull is returned for an article filed under a day that holds all
// the keys it can: 65,536, and those of the following days up to the next
// day that holds an article.
var ErrDayFull = errors.New("no doc key left for the day")

// keyAllocator gives articles their keys in a write transaction: the next
// key of their day, wide while the re-keying has not reached the day, else
// dense. It reads the keys' state once.
type keyAllocator struct {
	s      *Store
	tx     *sql.Tx
	k      docKeys
	loaded bool
	// given is the last key given per day, which a change may not have
	// written yet.
	given map[int64]int64
}

func (s *Store) keyAllocator(tx *sql.Tx) *keyAllocator { return &keyAllocator{s: s, tx: tx} }

// key is the key of article id, filed under day.
func (a *keyAllocator) key(ctx context.Context, day, id int64) (int64, error) {
	if a.s.schema < denseKeysSchema {
		return wideKey(day, id), nil
	}
	if !a.loaded {
		k, err := a.s.keysState(ctx, a.tx)
		if err != nil {
			return 0, err
		}
		a.k, a.loaded = k, true
	}
	prev, given := a.given[day]
	var (
		key     int64
		spilled bool
		err     error
	)
	if a.k.wide && day >= a.k.rekeyDay() {
		key, err = allocateWide(ctx, a.tx, a.k, day, prev, given)
	}
	if key == 0 && err == nil {
		key, spilled, err = allocate(ctx, a.tx, a.k, day, prev, given)
	}
	if err != nil {
		return 0, err
	}
	if a.given == nil {
		a.given = map[int64]int64{}
	}
	a.given[day] = key
	if spilled {
		a.loaded = false // read the spills again
	}
	return key, err
}

// refile is the key of an article whose published date may have changed:
// the key it has while its day is the same, else a key of its new day.
func (a *keyAllocator) refile(ctx context.Context, r *stored) (int64, error) {
	day, err := r.dayFiled()
	if err != nil {
		return 0, err
	}
	if a.s.schema < denseKeysSchema {
		return wideKey(day, r.id), nil
	}
	if !a.loaded {
		k, err := a.s.keysState(ctx, a.tx)
		if err != nil {
			return 0, err
		}
		a.k, a.loaded = k, true
	}
	if a.k.dayOf(r.doc) == day {
		return r.doc, nil
	}
	return a.key(ctx, day, r.id)
}

// allocateWide gives an article filed under a day the re-keying has not
// passed a wide key, after the day's others, as a dense key would be
// (new articles come last in their day, as in an archive keyed densely
// from the start, whatever their id); 0 when the day holds no wide key
// left, and the article gets a dense key.
func allocateWide(ctx context.Context, tx *sql.Tx, k docKeys, day, prev int64, given bool) (int64, error) {
	var top sql.NullInt64
	if err := tx.QueryRowContext(ctx, "SELECT max(doc) FROM articles WHERE doc >= ? AND doc < ?", day<<32, (day+1)<<32).Scan(&top); err != nil {
		return 0, fmt.Errorf("find a doc key: %w", err)
	}
	key := day << 32
	if top.Valid {
		key = top.Int64 + 1
	}
	if given {
		key = max(key, prev+1)
	}
	if key < k.next {
		return 0, nil // day rekeyDay, re-keyed up to its end
	}
	return key, nil
}

// allocate gives the next dense key of a day: one above the day's highest.
// A day whose block is full goes on past it (a spill) when no article of
// a later day holds the keys it takes.
// With given, prev is a key of the day given but perhaps not yet written.
func allocate(ctx context.Context, tx *sql.Tx, k docKeys, day, prev int64, given bool) (key int64, spilled bool, err error) {
	lo := k.dayStart(day)
	end := (day+1)<<docBits - 1 // the day's own last key
	for _, s := range k.spills {
		if s.day == day {
			end = max(end, s.last)
		}
	}
	var top sql.NullInt64
	if err := tx.QueryRowContext(ctx, "SELECT max(doc) FROM articles WHERE doc >= ? AND doc <= ?", lo, end).Scan(&top); err != nil {
		return 0, false, fmt.Errorf("find a doc key: %w", err)
	}
	key = lo
	if top.Valid {
		key = top.Int64 + 1
	}
	if given {
		key = max(key, prev+1)
	}
	if key <= end {
		return key, false, nil
	}
	// Past the day's keys: only if no later article holds this one (the
	// articles of later days all have higher keys).
	var taken bool
	if err := tx.QueryRowContext(ctx, "SELECT EXISTS (SELECT 1 FROM articles WHERE doc = ?)", key).Scan(&taken); err != nil {
		return 0, false, fmt.Errorf("find a doc key: %w", err)
	}
	if taken || (k.wide && key >= k.rekeyDay()<<32) {
		return 0, false, fmt.Errorf("%s holds %d articles or more and the day after it holds articles: %w",
			dayTime(day).Format("2006-01-02"), key-lo, ErrDayFull)
	}
	if _, err := tx.ExecContext(ctx, "INSERT INTO doc_spills (day, last) VALUES (?, ?) ON CONFLICT (day) DO UPDATE SET last = excluded.last", day, key); err != nil {
		return 0, false, fmt.Errorf("record a day's keys: %w", err)
	}
	return key, true, nil
}

// idsOfDocs maps doc keys to article ids, through the doc index (one
// lookup per key, about 2 µs). Keys of no article are left out.
func (s *Store) idsOfDocs(ctx context.Context, docs []int64) (map[int64]int64, error) {
	out, err := pairsIn(ctx, s.read, "SELECT doc, id FROM articles WHERE doc IN ", docs)
	if err != nil {
		return nil, fmt.Errorf("look up articles by key: %w", err)
	}
	return out, nil
}
