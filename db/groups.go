package db

import (
	"context"
	"database/sql"
	"fmt"
	"strings"

	"github.com/clippings/clippings/article"
	"github.com/clippings/clippings/neardup"
)

// Groups of copies: the same story republished by several outlets with
// small edits is grouped on import (see traitWriter.group). Exact
// duplicates are still refused.

// GroupMember is another copy of an article's story.
type GroupMember struct {
	ID        int64        `json:"id"`
	Title     string       `json:"title"`
	Source    string       `json:"source"`
	Authors   []string     `json:"authors"`
	Published article.Date `json:"published"`
	URL       string       `json:"url"`
	Words     int          `json:"words"`
	// Similarity estimates how much of the shorter of the two texts the
	// longer one contains (0–1; neardup.Similar).
	Similarity float64 `json:"similarity"`
}

// Group returns the other members of an article's group of copies, oldest
// first (undated ones last), or none when it has no copies. ErrNotFound when
// the article does not exist.
func (s *Store) Group(ctx context.Context, id int64) ([]GroupMember, error) {
	var sigData []byte
	err := s.read.QueryRowContext(ctx, `SELECT s.data FROM articles AS a LEFT JOIN signatures AS s ON s.article_id = a.id
		WHERE a.id = ?`, id).Scan(&sigData)
	if err == sql.ErrNoRows {
		return nil, fmt.Errorf("article #%d: %w", id, ErrNotFound)
	}
	if err != nil {
		return nil, fmt.Errorf("copies of #%d: %w", id, describeReadError(s.path, err))
	}
	rows, err := s.read.QueryContext(ctx, `SELECT a.id, a.title, a.source, a.authors, a.published, a.url, a.words, s.data
		FROM article_groups AS g JOIN articles AS a ON a.id = g.article_id LEFT JOIN signatures AS s ON s.article_id = a.id
		WHERE g.group_id = (SELECT group_id FROM article_groups WHERE article_id = ?) AND g.article_id <> ?
		ORDER BY a.published IS NULL, a.published, a.id`, id, id)
	if err != nil {
		return nil, fmt.Errorf("copies of #%d: %w", id, describeReadError(s.path, err))
	}
	defer rows.Close()
	sig, sigErr := neardup.Unmarshal(sigData)
	out := []GroupMember{}
	for rows.Next() {
		var (
			m         GroupMember
			authors   string
			published sql.NullString
			data      []byte
		)
		if err := rows.Scan(&m.ID, &m.Title, &m.Source, &authors, &published, &m.URL, &m.Words, &data); err != nil {
			return nil, fmt.Errorf("copies of #%d: %w", id, err)
		}
		m.Authors = splitLines(authors)
		m.Published, _ = article.ParseDate(published.String)
		if other, err := neardup.Unmarshal(data); err == nil && sigErr == nil {
			m.Similarity, _ = neardup.Similar(sig, other)
		}
		out = append(out, m)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("copies of #%d: %w", id, describeReadError(s.path, err))
	}
	return out, nil
}

// Diff compares the bodies of two articles paragraph by paragraph (see
// neardup.Diff): what both say, and what only one does.
func (s *Store) Diff(ctx context.Context, a, b int64) ([]neardup.Paragraph, error) {
	var bodies [2]string
	for i, id := range []int64{a, b} {
		err := s.read.QueryRowContext(ctx, "SELECT body FROM articles WHERE id = ?", id).Scan(&bodies[i])
		if err == sql.ErrNoRows {
			return nil, fmt.Errorf("article #%d: %w", id, ErrNotFound)
		}
		if err != nil {
			return nil, fmt.Errorf("compare #%d and #%d: %w", a, b, describeReadError(s.path, err))
		}
	}
	return neardup.Diff(bodies[0], bodies[1]), nil
}

// groupsOf maps the given articles that have copies to their group ids;
// articles without copies are left out.
func (s *Store) groupsOf(ctx context.Context, ids []int64) (map[int64]int64, error) {
	return groupsIn(ctx, s.read, ids)
}

// copiesOf lists, for each given article with copies, the ids of the other
// members of its group, in id order.
func (s *Store) copiesOf(ctx context.Context, ids []int64) (map[int64][]int64, error) {
	return s.otherMembers(ctx, ids, false)
}

// groupDocs lists, by index key, the index keys of the other members of
// each given article's group, for the articles that have copies, in key
// order.
func (s *Store) groupDocs(ctx context.Context, docs []int64) (map[int64][]int64, error) {
	return s.otherMembers(ctx, docs, true)
}

// groupsOfDocs maps the articles of the given index keys that have copies
// to their group ids, through the doc index.
func (s *Store) groupsOfDocs(ctx context.Context, docs []int64) (map[int64]int64, error) {
	return pairsIn(ctx, s.read, "SELECT a.doc, g.group_id FROM articles AS a JOIN article_groups AS g ON g.article_id = a.id WHERE a.doc IN ", docs)
}

// otherMembers lists, for each given article with copies, the other members
// of its group: by id, their ids, or when byDoc, by index key, their index
// keys; ascending.
func (s *Store) otherMembers(ctx context.Context, keys []int64, byDoc bool) (map[int64][]int64, error) {
	groupsOf := s.groupsOf
	if byDoc {
		groupsOf = s.groupsOfDocs
	}
	groups, err := groupsOf(ctx, keys)
	if err != nil || len(groups) == 0 {
		return nil, err
	}
	var gids []any
	seen := map[int64]bool{}
	for _, g := range groups {
		if !seen[g] {
			seen[g] = true
			gids = append(gids, g)
		}
	}
	member := "g.article_id"
	if byDoc {
		member = "a.doc"
	}
	rows, err := s.read.QueryContext(ctx, "SELECT g.group_id, "+member+` FROM article_groups AS g JOIN articles AS a ON a.id = g.article_id
		WHERE g.group_id IN (?`+strings.Repeat(",?", len(gids)-1)+") ORDER BY 1, 2", gids...)
	if err != nil {
		return nil, err
	}
	members := map[int64][]int64{}
	for rows.Next() {
		var g, m int64
		if err := rows.Scan(&g, &m); err != nil {
			rows.Close()
			return nil, err
		}
		members[g] = append(members[g], m)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	out := make(map[int64][]int64, len(groups))
	for id, g := range groups {
		var others []int64
		for _, m := range members[g] {
			if m != id {
				others = append(others, m)
			}
		}
		out[id] = others
	}
	return out, nil
}

// Grouped search shows one hit per group of copies: of the members a
// query matches, the one that sorts first. Paging stays exact without the
// cursor carrying what was shown: a member is shown only when no other
// member that matches sorts before it, which each page decides for its own
// candidates alone.

// hiddenInDateOrder returns, of a page of matches in date order, the docs
// of those that another matching member of their group precedes (a newer
// one for Newest, an older one for Oldest). Most articles have no copies:
// one indexed lookup for the page finds those that do.
func (s *Store) hiddenInDateOrder(ctx context.Context, q query, sort Sort, pages []page) (map[int64]bool, error) {
	docs := make([]int64, len(pages))
	for i, p := range pages {
		docs[i] = p.doc
	}
	others, err := s.groupDocs(ctx, docs)
	if err != nil || len(others) == 0 {
		return nil, err
	}
	lo, hi := q.docRange()
	// The members that would precede a page's hit, if they match.
	before := map[int64][]int64{} // page doc → member docs before it
	var check []int64
	for _, p := range pages {
		for _, d := range others[p.doc] {
			if d < lo || d >= hi || (sort == Newest && d < p.doc) || (sort == Oldest && d > p.doc) {
				continue
			}
			before[p.doc] = append(before[p.doc], d)
			check = append(check, d)
		}
	}
	if len(check) == 0 {
		return nil, nil
	}
	matching, err := s.docsMatching(ctx, q, check)
	if err != nil {
		return nil, err
	}
	hidden := map[int64]bool{}
	for doc, ds := range before {
		for _, d := range ds {
			if matching[d] {
				hidden[doc] = true
				break
			}
		}
	}
	return hidden, nil
}

// docsMatching returns which of docs (within the query's dates) the query
// matches: one index lookup per doc.
func (s *Store) docsMatching(ctx context.Context, q query, docs []int64) (map[int64]bool, error) {
	out := map[int64]bool{}
	expr := q.match
	if expr == "" {
		expr = q.exclude
	}
	if expr == "" {
		for _, d := range docs {
			out[d] = true
		}
		return out, nil
	}
	found := map[int64]bool{}
	err := queryIn(ctx, s.read, q.ix.sql("SELECT rowid FROM articles_fts WHERE articles_fts MATCH ? AND rowid IN "), []any{expr}, docs, func(rows *sql.Rows) error {
		var d int64
		if err := rows.Scan(&d); err != nil {
			return err
		}
		found[d] = true
		return nil
	})
	if err != nil {
		return nil, err
	}
	for _, d := range docs {
		// Words must match; excluded words must not.
		out[d] = found[d] == (q.match != "")
	}
	return out, nil
}

// groupedDatePages reads a page in date order, one hit per group: fetch
// returns up to n matches after a position (nil: from the start), in
// order. It returns up to limit+1 pages (one more says there is a next
// page).
func (s *Store) groupedDatePages(ctx context.Context, q query, sort Sort, after *page, limit int,
	fetch func(after *page, n int) ([]page, error)) ([]page, error) {
	var out []page
	for {
		n := 2*(limit+1-len(out)) + 8
		batch, err := fetch(after, n)
		if err != nil {
			return nil, err
		}
		hidden, err := s.hiddenInDateOrder(ctx, q, sort, batch)
		if err != nil {
			return nil, err
		}
		for _, p := range batch {
			if !hidden[p.doc] {
				out = append(out, p)
			}
		}
		if len(batch) < n || len(out) > limit {
			break
		}
		last := batch[len(batch)-1]
		after = &last
	}
	if len(out) > limit+1 {
		out = out[:limit+1]
	}
	return out, nil
}

// groupedRankedPages reads a page ranked by relevance, one hit per group:
// rows are every ranked match in rank order, read from the first, so a
// member's better-ranked copy is always met before it; the members met
// before the cursor mark their groups as shown. It returns up to limit+1
// pages.
func (s *Store) groupedRankedPages(ctx context.Context, rows *sql.Rows, after *page, limit int) ([]page, error) {
	defer rows.Close()
	shown := map[int64]bool{} // groups
	var out []page
	chunk := make([]page, 0, 256)
	flush := func() error {
		docs := make([]int64, len(chunk))
		for i, p := range chunk {
			docs[i] = p.doc
		}
		groups, err := s.groupsOfDocs(ctx, docs)
		if err != nil {
			return err
		}
		for _, p := range chunk {
			g, grouped := groups[p.doc]
			if grouped {
				if shown[g] {
					continue
				}
				shown[g] = true
			}
			if after != nil && (p.score < after.score || (p.score == after.score && p.doc <= after.doc)) {
				continue // on an earlier page
			}
			if len(out) <= limit {
				out = append(out, p)
			}
		}
		chunk = chunk[:0]
		return nil
	}
	for rows.Next() {
		var p page
		if err := rows.Scan(&p.doc, &p.score); err != nil {
			return nil, err
		}
		chunk = append(chunk, p)
		if len(chunk) == cap(chunk) {
			if err := flush(); err != nil {
				return nil, err
			}
			if len(out) > limit {
				return out, nil
			}
		}
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	if err := flush(); err != nil {
		return nil, err
	}
	return out, nil
}
