package db

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
)

// Kinds of problem Check reports.
const (
	ProblemDatabase = "database" // SQLite's own structures (pages, b-trees)
	ProblemIndex    = "index"    // the full-text index
	ProblemOriginal = "original" // the stored original files
	ProblemCopies   = "copies"   // what groups copies: signatures, groups
)

// maxProblemsPerStep keeps a badly damaged archive's report readable.
const maxProblemsPerStep = 50

// Problem is one thing wrong with an archive.
type Problem struct {
	Kind    string `json:"kind"`
	Article int64  `json:"article,omitempty"` // the article concerned, when one is
	Detail  string `json:"detail"`
}

func (p Problem) String() string {
	if p.Article != 0 {
		return fmt.Sprintf("%s: article #%d: %s", p.Kind, p.Article, p.Detail)
	}
	return p.Kind + ": " + p.Detail
}

// CheckReport is what Check found.
type CheckReport struct {
	Path     string    `json:"path"`
	Articles int       `json:"articles"`
	Problems []Problem `json:"problems"`
}

// OK reports whether nothing is wrong.
func (r CheckReport) OK() bool { return len(r.Problems) == 0 }

// Check verifies the whole archive: SQLite's integrity_check, the FTS5
// index against the articles, and that every article has its index entry
// and a readable original file (and nothing is left of deleted ones). It
// only reads; failures to read are reported as problems, since on a damaged
// archive they are the findings. The error is for a cancelled context.
func (s *Store) Check(ctx context.Context) (CheckReport, error) {
	r := CheckReport{Path: s.path, Problems: []Problem{}}
	if err := s.read.QueryRowContext(ctx, "SELECT count(*) FROM articles").Scan(&r.Articles); err != nil {
		r.add(ProblemDatabase, 0, "cannot count the articles: "+err.Error())
	}
	steps := []func(context.Context, *CheckReport){
		s.checkSQLite,
		s.checkFullTextIndex,
		s.checkIndexEntries,
		s.checkDocKeys,
		s.checkOriginals,
		s.checkCopies,
	}
	for _, step := range steps {
		if err := ctx.Err(); err != nil {
			return r, fmt.Errorf("check %s: %w", s.path, err)
		}
		step(ctx, &r)
	}
	if err := ctx.Err(); err != nil {
		return r, fmt.Errorf("check %s: %w", s.path, err)
	}
	return r, nil
}

func (r *CheckReport) add(kind string, article int64, detail string) {
	r.Problems = append(r.Problems, Problem{Kind: kind, Article: article, Detail: detail})
}

// checkSQLite runs PRAGMA integrity_check, which also checks the FTS5
// index's own structure.
//
// It runs on a connection of its own: a reader that has searched before
// keeps FTS5's structure record of then, which integrity_check does not
// read afresh, so segments merged away since (by an import, or tagging)
// were reported as corruption.
func (s *Store) checkSQLite(ctx context.Context, r *CheckReport) {
	conn, err := sql.Open("sqlite", s.dsn(true))
	if err != nil {
		r.add(ProblemDatabase, 0, "integrity check could not run: "+err.Error())
		return
	}
	defer conn.Close()
	rows, err := conn.QueryContext(ctx, fmt.Sprintf("PRAGMA integrity_check(%d)", maxProblemsPerStep))
	if err != nil {
		r.add(ProblemDatabase, 0, "integrity check could not run: "+err.Error())
		return
	}
	defer rows.Close()
	for rows.Next() {
		var line string
		if err := rows.Scan(&line); err != nil {
			r.add(ProblemDatabase, 0, err.Error())
			return
		}
		if line != "ok" {
			r.add(ProblemDatabase, 0, line)
		}
	}
	if err := rows.Err(); err != nil {
		r.add(ProblemDatabase, 0, "integrity check failed: "+err.Error())
	}
}

// checkFullTextIndex compares the index with the articles' text, token by
// token. FTS5 runs this as a command (an INSERT), which takes the write lock
// for as long as it runs — seconds on a large archive, long enough to make a
// running import give up. So it runs on a snapshot copy of the archive, and
// in place only when no copy can be made (no room on the disk).
//
// The copy goes beside the archive, else (a read-only folder) in the
// temporary folder. A read-only archive is never checked in place: the
// command runs in a transaction, which it cannot begin.
func (s *Store) checkFullTextIndex(ctx context.Context, r *CheckReport) {
	err := s.checkIndexOnSnapshot(ctx, filepath.Dir(s.path))
	if errors.Is(err, errNoSnapshot) {
		err = s.checkIndexOnSnapshot(ctx, os.TempDir())
	}
	if errors.Is(err, errNoSnapshot) {
		if s.ReadOnly() {
			r.add(ProblemIndex, 0, "the full-text index could not be checked: the archive is read-only and no copy of it could be made (free some space in "+os.TempDir()+")")
			return
		}
		err = checkIndexIn(ctx, s.path)
	}
	if err != nil {
		r.add(ProblemIndex, 0, "the full-text index does not match the articles ("+err.Error()+")")
	}
}

// errNoSnapshot says the snapshot copy could not be made.
var errNoSnapshot = errors.New("no snapshot for the index check")

func (s *Store) checkIndexOnSnapshot(ctx context.Context, dir string) error {
	tmp, err := os.CreateTemp(dir, ".clippings-check-*.db")
	if err != nil {
		return errNoSnapshot
	}
	snapshot := tmp.Name()
	tmp.Close()
	os.Remove(snapshot)
	defer func() {
		for _, suffix := range []string{"", "-wal", "-shm", "-journal"} {
			os.Remove(snapshot + suffix)
		}
	}()
	conn, err := s.maintenanceConn()
	if err != nil {
		return errNoSnapshot
	}
	err = vacuumInto(ctx, conn, s.file, snapshot)
	conn.Close()
	if err != nil {
		return errNoSnapshot
	}
	return checkIndexIn(ctx, snapshot)
}

// checkIndexIn runs FTS5's integrity-check on the archive at path, in a
// transaction that is rolled back: the command writes nothing.
func checkIndexIn(ctx context.Context, path string) error {
	conn, err := sql.Open("sqlite", dsn(path, false))
	if err != nil {
		return err
	}
	defer conn.Close()
	tx, err := conn.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	// While the new index is being filled, the old one is the archive's
	// whole index; the new one is checked once full.
	ix := currentIndex
	r, err := readReindex(ctx, tx)
	switch {
	case err != nil && strings.Contains(err.Error(), "no such table: reindex"):
		ix = schema3Index // a read-only archive of the version before
	case err != nil:
		return err
	case r.pending:
		ix = legacyIndex
	}
	if _, err = tx.ExecContext(ctx, ix.sql("INSERT INTO articles_fts(articles_fts, rank) VALUES('integrity-check', 1)")); err != nil {
		return err
	}
	// The forms index (archive format 6) has no text to compare with: its
	// own structure is checked.
	if forms, err := hasFormsTable(ctx, tx); err != nil || !forms {
		return err
	}
	_, err = tx.ExecContext(ctx, "INSERT INTO article_forms(article_forms) VALUES('integrity-check')")
	return err
}

// checkIndexEntries finds articles the index lacks, and index entries of
// articles that are gone. The index keeps one docsize row per entry.
func (s *Store) checkIndexEntries(ctx context.Context, r *CheckReport) {
	ix, err := s.fts(ctx)
	if err != nil {
		r.add(ProblemIndex, 0, "check could not run: "+err.Error())
		return
	}
	s.listProblems(ctx, r, ProblemIndex,
		ix.sql("SELECT id FROM articles WHERE doc NOT IN (SELECT id FROM articles_fts_docsize) ORDER BY id"),
		func(id int64) Problem {
			return Problem{Kind: ProblemIndex, Article: id, Detail: "not in the full-text index: searches cannot find it"}
		})
	s.listProblems(ctx, r, ProblemIndex,
		ix.sql("SELECT id FROM articles_fts_docsize WHERE id NOT IN (SELECT doc FROM articles) ORDER BY id"),
		func(doc int64) Problem {
			return Problem{Kind: ProblemIndex, Detail: fmt.Sprintf("the index holds an entry (key %d) for no article", doc)}
		})
}

// checkDocKeys finds articles whose index key files them under another day
// than their date (published, else imported) says, so that date filters
// and newest first would misplace them.
func (s *Store) checkDocKeys(ctx context.Context, r *CheckReport) {
	keys, err := s.keysState(ctx, s.read)
	if err != nil {
		r.add(ProblemIndex, 0, "check could not run: "+err.Error())
		return
	}
	found := 0
	err = s.eachRow(ctx, "SELECT id, doc, published, added FROM articles ORDER BY doc", nil, func(scan func(...any) error) error {
		var a stored
		if err := scan(&a.id, &a.doc, &a.published, &a.added); err != nil {
			return err
		}
		day, err := a.dayFiled()
		var problem string
		switch {
		case err != nil:
			problem = err.Error()
		case keys.dayOf(a.doc) != day:
			problem = fmt.Sprintf("its index key %d files it under %s, not %s", a.doc,
				dayTime(keys.dayOf(a.doc)).Format("2006-01-02"), dayTime(day).Format("2006-01-02"))
		}
		if problem != "" && found < maxProblemsPerStep {
			found++
			r.add(ProblemIndex, a.id, problem)
		}
		return nil
	})
	if err != nil {
		r.add(ProblemIndex, 0, "check could not run: "+err.Error())
	}
}

// checkOriginals finds articles without their original file, originals of
// no article, and originals that cannot be read back.
func (s *Store) checkOriginals(ctx context.Context, r *CheckReport) {
	s.listProblems(ctx, r, ProblemOriginal,
		s.schemaSQL("SELECT id FROM articles WHERE original IS NULL AND id NOT IN (SELECT article_id FROM originals) ORDER BY id",
			"SELECT id FROM articles WHERE id NOT IN (SELECT article_id FROM originals) ORDER BY id"),
		func(id int64) Problem {
			return Problem{Kind: ProblemOriginal, Article: id, Detail: "its original file is missing"}
		})
	s.listProblems(ctx, r, ProblemOriginal,
		"SELECT article_id FROM originals WHERE article_id NOT IN (SELECT id FROM articles) ORDER BY article_id",
		func(id int64) Problem {
			return Problem{Kind: ProblemOriginal, Detail: fmt.Sprintf("an original file is stored for article #%d, which does not exist", id)}
		})

	// In the article's row (schema 4), or in originals (before).
	rows, err := s.read.QueryContext(ctx, s.schemaSQL(`SELECT id, original_codec, original FROM articles WHERE original IS NOT NULL
		UNION ALL SELECT article_id, codec, data FROM originals ORDER BY 1`, "SELECT article_id, codec, data FROM originals ORDER BY article_id"))
	if err != nil {
		r.add(ProblemOriginal, 0, "cannot read the original files: "+err.Error())
		return
	}
	defer rows.Close()
	found := 0
	for rows.Next() {
		var (
			id    int64
			codec string
			data  []byte
		)
		if err := rows.Scan(&id, &codec, &data); err != nil {
			r.add(ProblemOriginal, 0, "cannot read the original files: "+err.Error())
			return
		}
		if _, err := decompress(codec, data); err != nil {
			if found++; found <= maxProblemsPerStep {
				r.add(ProblemOriginal, id, "its original file is damaged: "+err.Error())
			}
		}
	}
	if err := rows.Err(); err != nil {
		r.add(ProblemOriginal, 0, "cannot read the original files: "+err.Error())
	}
	if found > maxProblemsPerStep {
		r.add(ProblemOriginal, 0, fmt.Sprintf("… and %d more damaged original files", found-maxProblemsPerStep))
	}
}

// listProblems reports one problem per id the query returns.
func (s *Store) listProblems(ctx context.Context, r *CheckReport, kind, query string, problem func(int64) Problem) {
	rows, err := s.read.QueryContext(ctx, query)
	if err != nil {
		r.add(kind, 0, "check could not run: "+err.Error())
		return
	}
	defer rows.Close()
	n := 0
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			r.add(kind, 0, err.Error())
			return
		}
		if n++; n <= maxProblemsPerStep {
			r.Problems = append(r.Problems, problem(id))
		}
	}
	if err := rows.Err(); err != nil {
		r.add(kind, 0, "check failed: "+err.Error())
	}
	if n > maxProblemsPerStep {
		r.add(kind, 0, fmt.Sprintf("… and %d more like this", n-maxProblemsPerStep))
	}
}

// checkCopies finds articles without the signature that groups copies
// (once Backfill is done: all have one) and groups that break their rules:
// a group of one, or not named by its smallest member.
func (s *Store) checkCopies(ctx context.Context, r *CheckReport) {
	pending, err := s.BackfillPending(ctx)
	if err != nil {
		r.add(ProblemCopies, 0, "check could not run: "+err.Error())
		return
	}
	if !pending {
		s.listProblems(ctx, r, ProblemCopies,
			"SELECT id FROM articles AS a WHERE NOT EXISTS (SELECT 1 FROM signatures AS s WHERE s.article_id = a.id) ORDER BY id",
			func(id int64) Problem {
				return Problem{Kind: ProblemCopies, Article: id, Detail: "no signature: its copies are not found"}
			})
	}
	s.listProblems(ctx, r, ProblemCopies,
		`SELECT group_id FROM article_groups GROUP BY group_id HAVING count(*) < 2 OR min(article_id) <> group_id ORDER BY group_id`,
		func(g int64) Problem {
			return Problem{Kind: ProblemCopies, Detail: fmt.Sprintf("group %d is not a group of copies named by its first member", g)}
		})
}
