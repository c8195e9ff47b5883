package db

import (
	"context"
	"database/sql"
	"fmt"
	"sort"
	"strings"
	"unicode"

	"github.com/clippings/clippings/entities"
	querylang "github.com/clippings/clippings/query"
)

// Entities returns the people, places and organisations an article names,
// each list by mentions, most first. ErrNotFound when the article does not
// exist. An article stored before this version is read afresh until
// Backfill reaches it.
func (s *Store) Entities(ctx context.Context, id int64) (entities.Entities, error) {
	var (
		text        sql.NullString
		title, body string
	)
	err := s.read.QueryRowContext(ctx, `SELECT e.entities, CASE WHEN e.entities IS NULL THEN a.title ELSE '' END,
		CASE WHEN e.entities IS NULL THEN a.body ELSE '' END
		FROM articles AS a LEFT JOIN article_entities AS e ON e.article_id = a.id WHERE a.id = ?`, id).Scan(&text, &title, &body)
	if err == sql.ErrNoRows {
		return decodeEntities(""), fmt.Errorf("article #%d: %w", id, ErrNotFound)
	}
	if err != nil {
		return decodeEntities(""), fmt.Errorf("entities of #%d: %w", id, describeReadError(s.path, err))
	}
	if !text.Valid {
		// None stored: the article names none, or was stored before this
		// version and Backfill has not reached it yet. Finding them takes
		// a tenth of a millisecond.
		t, _ := encodeEntities(entities.Extract(title, body))
		return decodeEntities(t), nil
	}
	return decodeEntities(text.String), nil
}

// Entity facet kinds: their Clause is person:"…", place:"…" and org:"…".
const (
	FacetPerson       = querylang.FacetPerson
	FacetPlace        = querylang.FacetPlace
	FacetOrganisation = querylang.FacetOrganisation
)

// EntityFacets counts the people, places and organisations a query's
// results name: each entity with the number of results naming it, most
// first, at most perKind of each kind (0: 10). Over a query with many
// matches they count the newest CountCap results (Capped), as Facets do.
type EntityFacets struct {
	People        []FacetCount `json:"people"`
	Places        []FacetCount `json:"places"`
	Organisations []FacetCount `json:"organisations"`
	Counted       int          `json:"counted"` // the results the counts cover
	Capped        bool         `json:"capped"`  // there are more results than Counted
}

// EntityFacets counts the entities of a query's results (see the type).
// FacetQuery(FacetPerson, name) and Narrow make the query a click runs.
func (s *Store) EntityFacets(ctx context.Context, queryText string, perKind int) (EntityFacets, error) {
	if perKind <= 0 {
		perKind = 10
	}
	var f EntityFacets
	err := s.withQuery(ctx, queryText, true, func(ctx context.Context, q query) (err error) {
		f, err = s.entityFacets(ctx, q, perKind)
		return err
	})
	if err != nil {
		return EntityFacets{}, fmt.Errorf("entity facets: %w", describeReadError(s.path, err))
	}
	return f, nil
}

func (s *Store) entityFacets(ctx context.Context, q query, perKind int) (EntityFacets, error) {
	f := EntityFacets{People: []FacetCount{}, Places: []FacetCount{}, Organisations: []FacetCount{}}
	docs, args := q.docsQuery()
	limit := s.limits.count
	// The newest matches come from the index in key order, their ids from
	// the doc index, their entities from one row each.
	rows, err := s.read.QueryContext(ctx, `SELECT ifnull(e.entities, '')
		FROM (SELECT doc FROM (`+docs+`) ORDER BY doc DESC LIMIT ?) AS m
		JOIN articles AS a ON a.doc = m.doc
		LEFT JOIN article_entities AS e ON e.article_id = a.id`, append(args, limit+1)...)
	if err != nil {
		return f, err
	}
	defer rows.Close()
	type named struct {
		kind entities.Kind
		name string
	}
	counts := map[named]int{}
	var text string
	for rows.Next() {
		if err := rows.Scan(&text); err != nil {
			return f, err
		}
		if f.Counted == limit {
			f.Capped = true
			break
		}
		f.Counted++
		eachEntity(text, func(kind entities.Kind, _ int, name string) { counts[named{kind, name}]++ })
	}
	if err := rows.Err(); err != nil {
		return f, err
	}
	// Spellings of one entity (case, accents) count together, under the
	// most frequent. An article has each entity once (see
	// encodeEntities), so the counts are of articles, as a click on the
	// entity (person:"…") finds them.
	type entity struct {
		best     string
		bestN, n int
	}
	byKey := map[string]*entity{}
	for nm, n := range counts {
		key := entityKey(nm.kind, nm.name)
		e := byKey[key]
		if e == nil {
			e = &entity{}
			byKey[key] = e
		}
		e.n += n
		if n > e.bestN || (n == e.bestN && nm.name < e.best) {
			e.best, e.bestN = nm.name, n
		}
	}
	lists := map[string]*[]FacetCount{"p": &f.People, "l": &f.Places, "o": &f.Organisations}
	for key, e := range byKey {
		if l := lists[key[:1]]; l != nil {
			*l = append(*l, FacetCount{Value: e.best, Count: e.n})
		}
	}
	for _, l := range lists {
		*l = byCountTop(*l, perKind)
	}
	return f, nil
}

// byCountTop orders facet counts by count, most first, then by value, and
// keeps the first n.
func byCountTop(fc []FacetCount, n int) []FacetCount {
	sort.Slice(fc, func(i, j int) bool {
		if fc[i].Count != fc[j].Count {
			return fc[i].Count > fc[j].Count
		}
		return fc[i].Value < fc[j].Value
	})
	if len(fc) > n {
		fc = fc[:n]
	}
	return fc
}

// entityFields are the query's entity filters (querylang.FilterField) and
// the kind each matches.
var entityFields = map[string]entities.Kind{"person": entities.Person, "place": entities.Place, "org": entities.Organisation}

// entityFilterToken is the keys column's token a person:, place: or org:
// filter matches, or false when the value names nothing. A value the
// extractor knows by another name (ECOWAS, for the Economic Community of
// West African States; Nigerian for Nigeria) matches that name too: then
// the tokens are two, space-separated, either matching.
func entityFilterToken(field, value string) (string, bool) {
	kind, ok := entityFields[field]
	if !ok || foldName(value) == "" {
		return "", false
	}
	tok := entityToken(kind, value)
	// As typed, then capitalised (nigerian), then in capitals (ecowas).
	words := strings.Fields(value)
	for i, w := range words {
		r := []rune(strings.ToLower(w))
		r[0] = unicode.ToUpper(r[0])
		words[i] = string(r)
	}
	for _, form := range []string{value, strings.Join(words, " "), strings.ToUpper(value)} {
		found := entities.Extract("", form)
		for _, ek := range entityKinds {
			if ek.kind != kind {
				continue
			}
			if l := *ek.list(&found); len(l) == 1 {
				if other := entityToken(kind, l[0].Name); other != tok {
					return tok + " " + other, true
				}
				return tok, true
			}
		}
	}
	return tok, true
}
