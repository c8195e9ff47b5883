package db

import (
	"bytes"
	"cmp"
	"context"
	"database/sql"
	"errors"
	"fmt"
	"hash/fnv"
	"slices"
	"sort"
	"strconv"
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"

	"github.com/clippings/clippings/entities"
	"github.com/clippings/clippings/neardup"
)

// Rediscovering articles: what an article's text reveals of it, found once
// and stored with it — its near-duplicate signature (package neardup), by
// which copies of the same story are grouped, and the people, places and
// organisations it names (package entities).

// traits is what an article's text reveals. Computing them is the costly
// part (about 0.15 ms for a 700-word article, most of it finding the
// entities), so importers do it on their workers (NewArticle.Prepare); the
// one writer only stores them.
type traits struct {
	sig neardup.Signature
	// entities is the article's entities column (see encodeEntities) and
	// tokens their index tokens (see entityToken).
	entities, tokens string
}

// traitsOf reads an article's title and body. The signature is of the body
// alone: headlines and bylines are what outlets change. Entities come from
// the package's shared Extractor, built once and only read afterwards.
func traitsOf(title, body string) traits {
	t := traits{sig: neardup.Sign(body)}
	t.entities, t.tokens = encodeEntities(entities.Extract(title, body))
	return t
}

// Entity kinds as stored (the values of entities.Kind), with the letter
// that names the kind in keys and index tokens.
var entityKinds = []struct {
	kind   entities.Kind
	letter string
	list   func(*entities.Entities) *[]entities.Entity
}{
	{entities.Person, "p", func(e *entities.Entities) *[]entities.Entity { return &e.People }},
	{entities.Place, "l", func(e *entities.Entities) *[]entities.Entity { return &e.Places }},
	{entities.Organisation, "o", func(e *entities.Entities) *[]entities.Entity { return &e.Organisations }},
}

func kindLetter(k entities.Kind) string {
	for _, ek := range entityKinds {
		if ek.kind == k {
			return ek.letter
		}
	}
	return "u"
}

// foldName is what makes two spellings of a name the same entity: case,
// accents, punctuation between words and spacing do not matter ("Ibrahim
// Boubacar Keïta", "ibrahim boubacar keita").
func foldName(name string) string {
	var b strings.Builder
	b.Grow(len(name))
	space := false
	if isASCII(name) { // most names: no normalisation needed
		for i := 0; i < len(name); i++ {
			c := name[i]
			switch {
			case 'a' <= c && c <= 'z' || '0' <= c && c <= '9':
			case 'A' <= c && c <= 'Z':
				c += 'a' - 'A'
			default:
				space = true
				continue
			}
			if space && b.Len() > 0 {
				b.WriteByte(' ')
			}
			space = false
			b.WriteByte(c)
		}
		return b.String()
	}
	for _, r := range norm.NFD.String(name) {
		switch {
		case unicode.Is(unicode.Mn, r):
			continue
		case unicode.IsLetter(r) || unicode.IsNumber(r):
			if space && b.Len() > 0 {
				b.WriteByte(' ')
			}
			space = false
			b.WriteRune(unicode.ToLower(r))
		default:
			space = true
		}
	}
	return b.String()
}

// entityKey identifies an entity: its kind's letter and its folded name,
// "p:ibrahim boubacar keita". Facets count by it.
func entityKey(kind entities.Kind, name string) string {
	return kindLetter(kind) + ":" + foldName(name)
}

// entityToken is the keys column's token for an entity (see keys.go):
// "0e", the kind's letter, and its key hashed (FNV-1a, 64 bits), in
// decimal. The person:, place: and org: filters match it.
func entityToken(kind entities.Kind, name string) string {
	return foldedToken(kindLetter(kind), foldName(name))
}

// foldedToken is entityToken of a folded name.
func foldedToken(letter, folded string) string {
	h := fnv.New64a()
	h.Write([]byte(letter))
	h.Write([]byte{':'})
	h.Write([]byte(folded))
	return "0e" + letter + strconv.FormatUint(h.Sum64(), 10)
}

// isEntityToken tells an entity's token among the keys column's.
func isEntityToken(tok string) bool { return strings.HasPrefix(tok, "0e") }

// withEntityTokens replaces the entity tokens of a keys column value.
func withEntityTokens(keys, tokens string) string {
	kept := slices.DeleteFunc(strings.Fields(keys), isEntityToken)
	if tokens != "" {
		kept = append(kept, tokens)
	}
	return strings.Join(kept, " ")
}

// entityTokensOf are the entity tokens of a keys column value.
func entityTokensOf(keys string) string {
	toks := slices.DeleteFunc(strings.Fields(keys), func(t string) bool { return !isEntityToken(t) })
	return strings.Join(toks, " ")
}

// traitWriter stores traits within one write transaction, with its
// statements prepared once per transaction. (Statements of the writer
// cannot be prepared once per Store: preparing needs the one connection,
// which the transaction holds.)
type traitWriter struct {
	ctx    context.Context
	tx     *sql.Tx
	stmt   map[string]*sql.Stmt
	recent *recentBands
	// converting: whether articles of an earlier version may still be
	// found only by their 64-bit keys in bands_v1 (see compactgroups.go);
	// read once per transaction.
	converting *bool
}

func (s *Store) traitWriter(ctx context.Context, tx *sql.Tx) *traitWriter {
	return &traitWriter{ctx: ctx, tx: tx, stmt: map[string]*sql.Stmt{}, recent: &s.recent}
}

func (w *traitWriter) close() {
	for _, st := range w.stmt {
		st.Close()
	}
}

// prepared returns the statement for query, preparing it once.
func (w *traitWriter) prepared(query string) (*sql.Stmt, error) {
	if st := w.stmt[query]; st != nil {
		return st, nil
	}
	st, err := w.tx.PrepareContext(w.ctx, query)
	if err != nil {
		return nil, err
	}
	w.stmt[query] = st
	return st, nil
}

func (w *traitWriter) exec(query string, args ...any) error {
	st, err := w.prepared(query)
	if err != nil {
		return err
	}
	_, err = st.ExecContext(w.ctx, args...)
	return err
}

// bandLookupCap bounds how many articles one band key finds when keys are
// crowded: its newest ones. A key shared by many articles comes from texts
// made from one template (weather reports, share prices, match results)
// rather than from copies of one story; without the cap every such text
// would be compared with every earlier one, and importing thousands of
// them would take quadratic time. Grouping differs from neardup's
// evaluation (which has no cap) only through such keys.
const bandLookupCap = 64

// articleTraits are the traits of one article to store.
type articleTraits struct {
	id int64
	traits
}

// store records the traits of articles that have none stored, in order:
// signatures and band keys, the groups they join, entities. Each article
// joins the group of every article stored before it (those before it in
// items included) that one of its band keys finds and neardup.Similar
// calls the same story, merging those groups into one — as neardup's
// evaluation groups its test set. The work is done for all of items in a
// few statements: most of an import's cost here was statements, not
// their work.
func (w *traitWriter) store(items ...articleTraits) error {
	if len(items) == 0 {
		return nil
	}
	bands := make([][]int64, len(items))
	self := map[int64]bool{}
	var keys []int64
	seen := map[int64]bool{}
	for i, it := range items {
		self[it.id] = true
		bands[i] = it.sig.Bands()
		for _, k := range bands[i] {
			if !seen[k] {
				seen[k] = true
				keys = append(keys, k)
			}
		}
	}
	// Candidates are in bands and, since bands was last brought up to
	// date, in bands_recent (searched in its mirror).
	if err := w.recent.sync(w); err != nil {
		return fmt.Errorf("read recent band keys: %w", err)
	}
	byKey, err := w.lookupBands("bands", keys, self)
	if err != nil {
		return fmt.Errorf("look up band keys: %w", err)
	}
	if err := w.lookupOldBands(items, byKey, self); err != nil {
		return fmt.Errorf("look up the band keys of an earlier version: %w", err)
	}
	for _, k := range keys {
		if ids := slices.DeleteFunc(w.recent.lookup(k), func(id int64) bool { return self[id] }); len(ids) > 0 {
			byKey[k] = newest(byKey[k], ids)
		}
	}
	var stored []int64
	in := map[int64]bool{}
	for _, ids := range byKey {
		for _, id := range ids {
			if !in[id] {
				in[id] = true
				stored = append(stored, id)
			}
		}
	}
	slices.Sort(stored)
	sigs, err := w.signatures(stored)
	if err != nil {
		return fmt.Errorf("read signatures: %w", err)
	}
	groups, err := w.groups(stored)
	if err != nil {
		return fmt.Errorf("read groups: %w", err)
	}
	recent := map[int64][]int64{} // key → articles of items stored so far with it
	for i, it := range items {
		if len(bands[i]) > 0 {
			var cands []int64
			for _, k := range bands[i] {
				cands = append(cands, newest(byKey[k], recent[k])...)
				recent[k] = append(recent[k], it.id)
			}
			slices.Sort(cands)
			if err := w.join(it.id, it.sig, slices.Compact(cands), sigs, groups); err != nil {
				return fmt.Errorf("group article #%d with its copies: %w", it.id, err)
			}
		}
		sigs[it.id] = it.sig
	}

	var sigRows, bandRows, entityRows [][]any
	for i, it := range items {
		sigRows = append(sigRows, []any{it.id, it.sig.Marshal()})
		if len(bands[i]) > 0 {
			bandRows = append(bandRows, []any{it.id, encodeBandKeys(bands[i])})
		}
		if it.entities != "" {
			entityRows = append(entityRows, []any{it.id, it.entities})
		}
	}
	for _, ins := range []struct {
		what, sql string
		rows      [][]any
	}{
		{"signatures", "INSERT INTO signatures (article_id, data) VALUES ", sigRows},
		{"band keys", "INSERT INTO bands_recent (article_id, keys) VALUES ", bandRows},
		{"entities", "INSERT OR REPLACE INTO article_entities (article_id, entities) VALUES ", entityRows},
	} {
		if err := w.insertRows(ins.sql, ins.rows); err != nil {
			return fmt.Errorf("store %s: %w", ins.what, err)
		}
	}
	var ids []int64
	var keys2 [][]int64
	for i, it := range items {
		if len(bands[i]) > 0 {
			ids, keys2 = append(ids, it.id), append(keys2, bands[i])
		}
	}
	w.recent.add(ids, keys2)
	if w.recent.size() >= bandMergeAt {
		return w.recent.merge(w)
	}
	return nil
}

// newest returns the newest bandLookupCap of two lists of articles
// sharing a key.
func newest(a, b []int64) []int64 {
	if len(a)+len(b) <= bandLookupCap {
		return append(slices.Clone(a), b...)
	}
	all := append(slices.Clone(a), b...)
	slices.SortFunc(all, func(x, y int64) int { return cmp.Compare(y, x) })
	return all[:bandLookupCap]
}

// isConverting reports whether bands_v1 may still hold the only keys of
// some articles (the backfill row 'compact-groups').
func (w *traitWriter) isConverting() (bool, error) {
	if w.converting != nil {
		return *w.converting, nil
	}
	st, err := w.prepared("SELECT count(*) FROM backfill WHERE name = '" + compactBackfill + "'")
	if err != nil {
		return false, err
	}
	var n int
	if err := st.QueryRowContext(w.ctx).Scan(&n); err != nil {
		return false, err
	}
	c := n > 0
	w.converting = &c
	return c, nil
}

// lookupOldBands adds to byKey (new key → articles) the articles found by
// the same bands' 64-bit keys in bands_v1, while articles of an earlier
// version are being converted.
func (w *traitWriter) lookupOldBands(items []articleTraits, byKey map[int64][]int64, skip map[int64]bool) error {
	converting, err := w.isConverting()
	if err != nil || !converting {
		return err
	}
	var old []int64
	newOf := map[int64]int64{} // old key → new key of the same band
	for _, it := range items {
		keys, oldKeys := it.sig.Bands(), it.sig.BandsV1()
		for b, k := range oldKeys {
			if _, ok := newOf[k]; !ok {
				newOf[k] = keys[b]
				old = append(old, k)
			}
		}
	}
	found, err := w.lookupBands("bands_v1", old, skip)
	if err != nil {
		return err
	}
	for k, ids := range found {
		nk := newOf[k]
		byKey[nk] = newest(byKey[nk], slices.DeleteFunc(ids, func(id int64) bool { return slices.Contains(byKey[nk], id) }))
	}
	return nil
}

// lookupBands finds, for each key, the articles with it in table (bands,
// or bands_v1 while converting) — the newest bandLookupCap of them —
// leaving out those in skip.
func (w *traitWriter) lookupBands(table string, keys []int64, skip map[int64]bool) (map[int64][]int64, error) {
	out := map[int64][]int64{}
	for len(keys) > 0 {
		n := min(len(keys), 500)
		chunk := keys[:n]
		keys = keys[n:]
		args := make([]any, n)
		for i, k := range chunk {
			args[i] = k
		}
		limit := n*bandLookupCap + 1
		st, err := w.prepared("SELECT band, article_id FROM " + table + " WHERE band IN (?" + strings.Repeat(",?", n-1) + ") LIMIT " + strconv.Itoa(limit))
		if err != nil {
			return nil, err
		}
		rows, err := st.QueryContext(w.ctx, args...)
		if err != nil {
			return nil, err
		}
		found := map[int64][]int64{}
		count := 0
		for rows.Next() {
			var k, id int64
			if err := rows.Scan(&k, &id); err != nil {
				rows.Close()
				return nil, err
			}
			found[k] = append(found[k], id)
			count++
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return nil, err
		}
		if count == limit {
			// Crowded keys: read each key's newest only.
			found = map[int64][]int64{}
			st, err := w.prepared("SELECT article_id FROM " + table + " WHERE band = ? ORDER BY article_id DESC LIMIT " + strconv.Itoa(bandLookupCap))
			if err != nil {
				return nil, err
			}
			for _, k := range chunk {
				rows, err := st.QueryContext(w.ctx, k)
				if err != nil {
					return nil, err
				}
				if found[k], err = scanIDs(rows); err != nil {
					return nil, err
				}
			}
		}
		for k, ids := range found {
			ids = slices.DeleteFunc(ids, func(id int64) bool { return skip[id] })
			if len(ids) > bandLookupCap {
				slices.SortFunc(ids, func(x, y int64) int { return cmp.Compare(y, x) })
				ids = ids[:bandLookupCap]
			}
			if len(ids) > 0 {
				out[k] = ids
			}
		}
	}
	return out, nil
}

// signatures reads stored signatures. An article without one, or with one
// of another neardup version (which compares with nothing), is left out.
func (w *traitWriter) signatures(ids []int64) (map[int64]neardup.Signature, error) {
	out := map[int64]neardup.Signature{}
	err := w.eachIn("SELECT article_id, data FROM signatures WHERE article_id IN ", ids, func(rows *sql.Rows) error {
		var (
			id   int64
			data []byte
		)
		if err := rows.Scan(&id, &data); err != nil {
			return err
		}
		if sig, err := neardup.Unmarshal(data); err == nil {
			out[id] = sig
		}
		return nil
	})
	return out, err
}

// groups reads the groups of articles; those without copies are left out.
func (w *traitWriter) groups(ids []int64) (map[int64]int64, error) {
	return groupsIn(w.ctx, w, ids)
}

// eachIn runs query (ending in "IN ") over ids, in chunks, calling fn per row.
func (w *traitWriter) eachIn(query string, ids []int64, fn func(*sql.Rows) error) error {
	return queryIn(w.ctx, w, query, nil, ids, fn)
}

// QueryContext runs query through the statement prepared for it (a querier).
func (w *traitWriter) QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error) {
	st, err := w.prepared(query)
	if err != nil {
		return nil, err
	}
	return st.QueryContext(ctx, args...)
}

// insertRows inserts rows (all of one width) with insert ("INSERT … VALUES "),
// many per statement.
func (w *traitWriter) insertRows(insert string, rows [][]any) error {
	for len(rows) > 0 {
		n := min(len(rows), 200)
		width := len(rows[0])
		one := "(?" + strings.Repeat(",?", width-1) + ")"
		args := make([]any, 0, n*width)
		for _, r := range rows[:n] {
			args = append(args, r...)
		}
		rows = rows[n:]
		if err := w.exec(insert+one+strings.Repeat(","+one, n-1), args...); err != nil {
			return err
		}
	}
	return nil
}

// join compares an article with its candidates and joins it to the groups
// of those that are the same story. sigs and groups hold what is known of
// the candidates, and are kept up to date.
func (w *traitWriter) join(id int64, sig neardup.Signature, cands []int64, sigs map[int64]neardup.Signature, groups map[int64]int64) error {
	// The groups joined: a candidate's group, or the candidate alone. A
	// candidate in a group already joined need not be compared, which
	// changes nothing (a union with the same group) and keeps a large group
	// of copies from costing a comparison per member.
	joined := map[int64]bool{} // group id → whether it is a group of several already
	for _, c := range cands {
		root, several := c, false
		if g, ok := groups[c]; ok {
			root, several = g, true
		}
		if _, ok := joined[root]; ok {
			continue
		}
		other, ok := sigs[c]
		if !ok {
			continue // a band key left by a deleted article
		}
		if _, same := neardup.Similar(sig, other); same {
			joined[root] = several
		}
	}
	if len(joined) == 0 {
		return nil
	}
	target := id
	for root := range joined {
		target = min(target, root)
	}
	var err error
	for root, several := range joined {
		switch {
		case several && root != target:
			err = w.exec("UPDATE article_groups SET group_id = ? WHERE group_id = ?", target, root)
			for m, g := range groups {
				if g == root {
					groups[m] = target
				}
			}
		case !several:
			err = w.exec("INSERT OR REPLACE INTO article_groups (article_id, group_id) VALUES (?, ?)", root, target)
			groups[root] = target
		}
		if err != nil {
			return err
		}
	}
	groups[id] = target
	return w.exec("INSERT OR REPLACE INTO article_groups (article_id, group_id) VALUES (?, ?)", id, target)
}

// signature reads a stored signature; nil when the article has none (or
// one of another neardup version, which compares with nothing).
func (w *traitWriter) signature(id int64) (*neardup.Signature, error) {
	st, err := w.prepared("SELECT data FROM signatures WHERE article_id = ?")
	if err != nil {
		return nil, err
	}
	var data []byte
	err = st.QueryRowContext(w.ctx, id).Scan(&data)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	sig, err := neardup.Unmarshal(data)
	if err != nil {
		return nil, nil
	}
	return &sig, nil
}

// storeEntities stores an article's entities column (see the schema).
func (w *traitWriter) storeEntities(id int64, text string) error {
	if text == "" {
		return nil
	}
	return w.exec("INSERT OR REPLACE INTO article_entities (article_id, entities) VALUES (?, ?)", id, text)
}

// encodeEntities makes the entities column of an article — a line per
// entity: its kind's letter, mentions and name, tab-separated — and the
// entities' index tokens, sorted, space-separated. Names without a letter
// or digit are left out; names of one kind that fold alike (see foldName)
// are one entity, under the first name, with their mentions added.
func encodeEntities(e entities.Entities) (text, tokens string) {
	var b strings.Builder
	var toks []string
	for _, ek := range entityKinds {
		type entry struct {
			name     string
			mentions int
		}
		var list []entry
		at := map[string]int{}
		for _, en := range *ek.list(&e) {
			name := en.Name
			if strings.ContainsFunc(name, func(r rune) bool { return r < ' ' || r == 0x7f || r >= 0x80 && unicode.IsControl(r) }) {
				name = strings.Join(strings.FieldsFunc(name, func(r rune) bool { return unicode.IsSpace(r) || unicode.IsControl(r) }), " ")
			}
			key := foldName(name)
			if key == "" || en.Count <= 0 {
				continue
			}
			if i, ok := at[key]; ok {
				list[i].mentions += en.Count
				continue
			}
			at[key] = len(list)
			list = append(list, entry{name, en.Count})
			toks = append(toks, foldedToken(ek.letter, key))
		}
		sort.SliceStable(list, func(i, j int) bool { return list[i].mentions > list[j].mentions })
		for _, en := range list {
			b.WriteString(ek.letter)
			b.WriteByte('\t')
			b.WriteString(strconv.Itoa(en.mentions))
			b.WriteByte('\t')
			b.WriteString(en.name)
			b.WriteByte('\n')
		}
	}
	slices.Sort(toks)
	return b.String(), strings.Join(slices.Compact(toks), " ")
}

// eachEntity calls fn for each entity of an entities column value.
func eachEntity(text string, fn func(kind entities.Kind, mentions int, name string)) {
	for len(text) > 0 {
		line, rest, _ := strings.Cut(text, "\n")
		text = rest
		letter, after, ok := strings.Cut(line, "\t")
		if !ok {
			continue
		}
		count, name, ok := strings.Cut(after, "\t")
		if !ok {
			continue
		}
		n, _ := strconv.Atoi(count)
		for _, ek := range entityKinds {
			if ek.letter == letter {
				fn(ek.kind, n, name)
			}
		}
	}
}

// decodeEntities reads an entities column value, each list by mentions.
func decodeEntities(text string) entities.Entities {
	out := entities.Entities{People: []entities.Entity{}, Places: []entities.Entity{}, Organisations: []entities.Entity{}}
	eachEntity(text, func(kind entities.Kind, mentions int, name string) {
		for _, ek := range entityKinds {
			if ek.kind == kind {
				l := ek.list(&out)
				*l = append(*l, entities.Entity{Name: name, Count: mentions})
			}
		}
	})
	return out
}

// forget removes an article's traits: its band keys (found from its
// signature), signature, group membership (the others stay grouped) and
// entities. Deleting the article does the same but for the band keys, which
// have no foreign key (see the schema): callers deleting articles call
// forgetBands first.
func (w *traitWriter) forget(id int64) error {
	if err := w.forgetBands(id); err != nil {
		return err
	}
	w.recent.invalidate()
	for _, q := range []string{
		"DELETE FROM bands_recent WHERE article_id = ?",
		"DELETE FROM signatures WHERE article_id = ?",
		"DELETE FROM article_groups WHERE article_id = ?",
		"DELETE FROM article_entities WHERE article_id = ?",
	} {
		if err := w.exec(q, id); err != nil {
			return fmt.Errorf("forget what article #%d was: %w", id, err)
		}
	}
	return nil
}

// replaceEntities stores an article's entities afresh.
func (w *traitWriter) replaceEntities(id int64, text string) error {
	if err := w.exec("DELETE FROM article_entities WHERE article_id = ?", id); err != nil {
		return fmt.Errorf("forget the entities of article #%d: %w", id, err)
	}
	if err := w.storeEntities(id, text); err != nil {
		return fmt.Errorf("store the entities of article #%d: %w", id, err)
	}
	return nil
}

// forgetBands removes an article's band keys from bands (and, while
// converting, its 64-bit ones from bands_v1). The keys are made from the
// whole MinHash values, which a stored signature keeps only in version 1:
// otherwise the article's text is signed again, and when that no longer
// gives the stored signature (the text changed without it) the keys are
// left, which is harmless (see the schema). (Those still in bands_recent
// go with the article's row, or with forget.)
func (w *traitWriter) forgetBands(id int64) error {
	w.recent.invalidate()
	sig, err := w.signature(id)
	if err != nil {
		return fmt.Errorf("read the signature of article #%d: %w", id, err)
	}
	if sig == nil {
		return nil
	}
	if sig.Bands() == nil && !sig.Empty() {
		st, err := w.prepared("SELECT body FROM articles WHERE id = ?")
		if err != nil {
			return err
		}
		var body string
		if err := st.QueryRowContext(w.ctx, id).Scan(&body); err != nil {
			return fmt.Errorf("read the text of article #%d: %w", id, err)
		}
		again := neardup.Sign(body)
		if !bytes.Equal(again.Marshal(), sig.Marshal()) {
			return nil
		}
		sig = &again
	}
	converting, err := w.isConverting()
	if err != nil {
		return err
	}
	for _, del := range []struct {
		table string
		keys  []int64
		do    bool
	}{{"bands", sig.Bands(), true}, {"bands_v1", sig.BandsV1(), converting}} {
		if !del.do {
			continue
		}
		for _, b := range del.keys {
			if err := w.exec("DELETE FROM "+del.table+" WHERE band = ? AND article_id = ?", b, id); err != nil {
				return fmt.Errorf("remove the band keys of article #%d: %w", id, err)
			}
		}
	}
	return nil
}

// hasTraits reports whether an article's traits are stored.
func (w *traitWriter) hasTraits(id int64) (bool, error) {
	st, err := w.prepared("SELECT 1 FROM signatures WHERE article_id = ?")
	if err != nil {
		return false, err
	}
	var one int
	err = st.QueryRowContext(w.ctx, id).Scan(&one)
	if errors.Is(err, sql.ErrNoRows) {
		return false, nil
	}
	return err == nil, err
}
