package db

import (
	"context"
	"fmt"
	"time"
)

// The timeline: a query's results counted by period of publication, for
// the histogram above the list. Counts come from the index keys (which
// file each article under its day, see dockeys.go), so no article is read; undated articles count by the day they
// were imported, as date filters take them.

// TimelineUnit is the length of a timeline's periods.
type TimelineUnit string

const (
	Days   TimelineUnit = "day"
	Months TimelineUnit = "month"
	Years  TimelineUnit = "year"
)

// Periods of a timeline: days over two months at most, months over six
// years at most, else years — at most about 70 bars.
const (
	timelineMaxDays   = 62
	timelineMaxMonths = 72
)

// Period is one bar of a timeline.
type Period struct {
	From  time.Time `json:"from"`  // its first day
	To    time.Time `json:"to"`    // the day after its last
	Label string    `json:"label"` // "2020", "2020-03" or "2020-03-14": what date: takes
	Count int       `json:"count"`
	// Counted is false for a period the time budget left uncounted (its
	// Count is 0 then); counting goes from the newest period back.
	Counted bool `json:"counted"`
}

// Timeline is a query's results by period.
type Timeline struct {
	Unit    TimelineUnit `json:"unit"`
	Periods []Period     `json:"periods"` // oldest first, every period from the first result's to the last's
	// Complete says every period was counted, within the time budget
	// (see SetScanBudget): a query matching most of a large archive may
	// take longer to count than a search may wait.
	Complete bool `json:"complete"`
}

// Timeline counts a query's results by period.
func (s *Store) Timeline(ctx context.Context, queryText string) (Timeline, error) {
	var t Timeline
	err := s.withQuery(ctx, queryText, true, func(ctx context.Context, q query) (err error) {
		t, err = s.timeline(ctx, q)
		return err
	})
	if err != nil {
		return Timeline{}, fmt.Errorf("timeline: %w", describeReadError(s.path, err))
	}
	return t, nil
}

func (s *Store) timeline(ctx context.Context, q query) (Timeline, error) {
	t := Timeline{Unit: Years, Periods: []Period{}, Complete: true}
	lo, hi := q.docRange()
	// The first and last result: both ends of the index are cheap to reach.
	var span string
	var spanArgs []any
	if q.match != "" {
		span = q.ix.sql("SELECT ifnull((SELECT rowid FROM articles_fts WHERE articles_fts MATCH ?1 AND rowid >= ?2 AND rowid < ?3 ORDER BY rowid LIMIT 1), -1), " +
			"ifnull((SELECT rowid FROM articles_fts WHERE articles_fts MATCH ?1 AND rowid >= ?2 AND rowid < ?3 ORDER BY rowid DESC LIMIT 1), -1)")
		spanArgs = []any{q.match, lo, hi}
	} else if q.exclude != "" {
		kept := q.ix.sql("SELECT doc FROM articles WHERE doc >= ?1 AND doc < ?2 AND doc NOT IN (SELECT rowid FROM articles_fts WHERE articles_fts MATCH ?3)")
		span = "SELECT ifnull((" + kept + " ORDER BY doc LIMIT 1), -1), ifnull((" + kept + " ORDER BY doc DESC LIMIT 1), -1)"
		spanArgs = []any{lo, hi, q.exclude}
	} else {
		span = "SELECT ifnull(min(doc), -1), ifnull(max(doc), -1) FROM articles WHERE doc >= ? AND doc < ?"
		spanArgs = []any{lo, hi}
	}
	var first, last int64
	if err := s.read.QueryRowContext(ctx, span, spanArgs...).Scan(&first, &last); err != nil {
		return t, err
	}
	if first < 0 {
		return t, nil
	}
	from, to := dayTime(q.ix.keys.dayOf(first)), dayTime(q.ix.keys.dayOf(last))
	switch {
	case to.Sub(from) < timelineMaxDays*24*time.Hour:
		t.Unit = Days
	case (to.Year()-from.Year())*12+int(to.Month()-from.Month()) < timelineMaxMonths:
		t.Unit = Months
	}
	for start := periodStart(from, t.Unit); !start.After(to); start = nextPeriod(start, t.Unit) {
		t.Periods = append(t.Periods, Period{From: start, To: nextPeriod(start, t.Unit), Label: periodLabel(start, t.Unit)})
	}

	var count func(a, b int64) (int, error)
	one := func(query string, args ...any) (int, error) {
		var n int
		err := s.read.QueryRowContext(ctx, query, args...).Scan(&n)
		return n, err
	}
	switch {
	case q.match != "":
		count = func(a, b int64) (int, error) {
			return one(q.ix.sql("SELECT count(*) FROM articles_fts WHERE articles_fts MATCH ? AND rowid >= ? AND rowid < ?"), q.match, a, b)
		}
	case q.exclude != "":
		count = func(a, b int64) (int, error) {
			all, err := one("SELECT count(*) FROM articles WHERE doc >= ? AND doc < ?", a, b)
			if err != nil {
				return 0, err
			}
			out, err := one(q.ix.sql("SELECT count(*) FROM articles_fts WHERE articles_fts MATCH ? AND rowid >= ? AND rowid < ?"), q.exclude, a, b)
			return all - out, err
		}
	default:
		count = func(a, b int64) (int, error) {
			return one("SELECT count(*) FROM articles WHERE doc >= ? AND doc < ?", a, b)
		}
	}
	// Newest first, as results are shown, within the time budget (the
	// newest period always).
	started := time.Now()
	for i := len(t.Periods) - 1; i >= 0; i-- {
		if i < len(t.Periods)-1 && s.limits.budget > 0 && time.Since(started) > s.limits.budget {
			t.Complete = false
			break
		}
		p := &t.Periods[i]
		a, b := max(lo, q.ix.keys.dayStart(dayNumber(p.From))), min(hi, q.ix.keys.dayStart(dayNumber(p.To)))
		n, err := count(a, b)
		if err != nil {
			return t, err
		}
		p.Count, p.Counted = n, true
	}
	return t, nil
}

func periodStart(day time.Time, unit TimelineUnit) time.Time {
	switch unit {
	case Years:
		return time.Date(day.Year(), 1, 1, 0, 0, 0, 0, time.UTC)
	case Months:
		return time.Date(day.Year(), day.Month(), 1, 0, 0, 0, 0, time.UTC)
	}
	return time.Date(day.Year(), day.Month(), day.Day(), 0, 0, 0, 0, time.UTC)
}

func nextPeriod(start time.Time, unit TimelineUnit) time.Time {
	switch unit {
	case Years:
		return start.AddDate(1, 0, 0)
	case Months:
		return start.AddDate(0, 1, 0)
	}
	return start.AddDate(0, 0, 1)
}

func periodLabel(start time.Time, unit TimelineUnit) string {
	switch unit {
	case Years:
		return start.Format("2006")
	case Months:
		return start.Format("2006-01")
	}
	return start.Format("2006-01-02")
}
