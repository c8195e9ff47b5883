package db

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"sync/atomic"
	"time"
)

// FTS5 keeps its index as segments, merged as imports add more (automerge
// 8: a level is merged when it holds eight). At a million articles the
// largest segments are gigabytes, and a merge that falls due lands on the
// import that happens to write the eighth segment: one 2,000-file import
// into the million-article archive once took over ten minutes. Merging a
// little while the archive is idle pays that debt ahead: FTS5's 'merge'
// command merges any level holding usermerge (see mergeMin) segments, a
// page budget per call, and carries an unfinished merge over to the next
// call.

// Idle-time merging: the archive untouched this long, steps of this many
// pages (about a megabyte written, tens of milliseconds), and when there
// is nothing to merge, a look again this much later. Tests shorten them.
var (
	mergeIdle  = 5 * time.Second
	mergePages = 256
	mergeRest  = 2 * time.Minute
)

// mergeSteps counts the idle-time steps that merged something (tests).
var mergeSteps atomic.Int64

// used records that the archive was just written or searched.
func (s *Store) used() { s.lastUse.Store(time.Now().UnixNano()) }

// idleFor is how long the archive has been neither written nor searched.
func (s *Store) idleFor() time.Duration {
	return time.Duration(time.Now().UnixNano() - s.lastUse.Load())
}

// MergeStep merges up to pages pages of the full-text index's segments, in
// a transaction of its own, and reports whether there was anything to
// merge.
func (s *Store) MergeStep(ctx context.Context, pages int) (bool, error) {
	conn, err := s.write.Conn(ctx) // the one writer: an import waits for the step
	if err != nil {
		return false, describeWriteError(s.path, err)
	}
	defer conn.Close()
	worked, err := mergeOn(ctx, conn, pages)
	if err != nil {
		return false, describeWriteError(s.path, fmt.Errorf("merge the index: %w", err))
	}
	return worked, nil
}

// MergeFor merges the index's segments in steps until nothing is left to
// merge or budget has passed, and reports whether it finished. The command
// line runs it after an import: no window stays open to merge when idle,
// and the next search would otherwise visit every segment the import left.
func (s *Store) MergeFor(ctx context.Context, budget time.Duration) (bool, error) {
	if s.ReadOnly() {
		return true, nil
	}
	end := time.Now().Add(budget)
	for time.Now().Before(end) {
		worked, err := s.MergeStep(ctx, mergePages)
		if err != nil || !worked {
			return err == nil, err
		}
	}
	return false, nil
}

// mergeMin: idle-time merging merges any level holding two segments
// (FTS5's usermerge; its default, 4, left up to three a level). Every
// lookup of a doc, as snippets of a ranked page make, visits each
// segment: at 100,000 articles, 50 lookups of "to to" took 18 ms in the
// 17 segments imports left and 1 ms merged into one. A small import adds
// a small segment, merged with the next small one, not with the index's
// largest, so the writing stays in proportion to what is added.
const mergeMin = 2

// mergeOn runs one 'merge' on conn: FTS5 tells that it did some work by
// the rows it changed (two or more).
func mergeOn(ctx context.Context, conn *sql.Conn, pages int) (bool, error) {
	var usermerge sql.NullInt64
	err := conn.QueryRowContext(ctx, "SELECT v FROM articles_fts_config WHERE k = 'usermerge'").Scan(&usermerge)
	if err != nil && !errors.Is(err, sql.ErrNoRows) {
		return false, err
	}
	if usermerge.Int64 != mergeMin {
		if _, err := conn.ExecContext(ctx, "INSERT INTO articles_fts(articles_fts, rank) VALUES ('usermerge', ?)", mergeMin); err != nil {
			return false, err
		}
	}
	var before, after int64
	if err := conn.QueryRowContext(ctx, "SELECT total_changes()").Scan(&before); err != nil {
		return false, err
	}
	if _, err := conn.ExecContext(ctx, "INSERT INTO articles_fts(articles_fts, rank) VALUES ('merge', ?)", pages); err != nil {
		return false, err
	}
	if err := conn.QueryRowContext(ctx, "SELECT total_changes()").Scan(&after); err != nil {
		return false, err
	}
	return after-before >= 2, nil
}

// MergeWhenIdle merges the index in small steps whenever the archive has
// been idle for a while, until ctx ends. The window runs it; a step holds
// the archive's one writer for tens of milliseconds at most, so an import
// the user starts meanwhile waits no longer than that. A read-only store
// merges nothing.
func (s *Store) MergeWhenIdle(ctx context.Context) {
	if s.ReadOnly() {
		return
	}
	timer := time.NewTimer(mergeIdle)
	defer timer.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-timer.C:
		}
		wait := mergeIdle - s.idleFor()
		if wait <= 0 {
			worked, err := s.MergeStep(ctx, mergePages)
			switch {
			case err != nil || !worked:
				wait = mergeRest
			default:
				mergeSteps.Add(1)
				wait = 0
			}
		}
		timer.Reset(max(wait, time.Millisecond))
	}
}
