package query

import (
	"strings"
	"time"
)

// Date is a date filter: after:, before: or date: with a value it takes.
type Date struct {
	Field   string // "after", "before" or "date"
	Value   string // as written: 2020-03-14, 2020-03, 2019..2021-06
	Negated bool   // written -date:2020, which filters as date:2020 does
}

// String is the filter as written.
func (d Date) String() string {
	s := d.Field + ":" + d.Value
	if d.Negated {
		s = "-" + s
	}
	return s
}

// valid reports whether the value is a date the field takes.
func (d Date) valid() bool {
	switch d.Field {
	case "after", "before":
		_, ok := parseDay(d.Value)
		return ok
	case "date":
		_, _, ok := parsePeriods(d.Value)
		return ok
	}
	return false
}

// Range is what the query's date filters leave: articles published on or
// after after, and before before (zero: no bound). after: and before: set
// their bound, the last one written winning; date: narrows both.
func (q *Query) Range() (after, before time.Time) {
	for _, d := range q.Dates {
		switch d.Field {
		case "after":
			after, _ = parseDay(d.Value)
		case "before":
			before, _ = parseDay(d.Value)
		case "date":
			from, to, _ := parsePeriods(d.Value)
			if !from.IsZero() && from.After(after) {
				after = from
			}
			if !to.IsZero() && (before.IsZero() || to.Before(before)) {
				before = to
			}
		}
	}
	return after, before
}

func parseDay(s string) (time.Time, bool) {
	for _, layout := range []string{"2006-01-02", "2006-01", "2006"} {
		if t, err := time.Parse(layout, s); err == nil {
			return t, true
		}
	}
	return time.Time{}, false
}

// parsePeriods reads date:'s value: a period (YYYY, YYYY-MM or
// YYYY-MM-DD), or two joined by ".." (either may be left out), as the
// first day in it and the day after it.
func parsePeriods(s string) (from, to time.Time, ok bool) {
	a, b, isRange := strings.Cut(s, "..")
	if !isRange {
		b = a
	}
	if a == "" && b == "" {
		return from, to, false
	}
	if a != "" {
		if from, _, ok = parsePeriod(a); !ok {
			return from, to, false
		}
	}
	if b != "" {
		if _, to, ok = parsePeriod(b); !ok {
			return from, to, false
		}
	}
	if !from.IsZero() && !to.IsZero() && !from.Before(to) {
		return time.Time{}, time.Time{}, false // an empty period: searched as words
	}
	return from, to, true
}

// parsePeriod reads a year, month or day as its first day and the day after.
func parsePeriod(s string) (from, to time.Time, ok bool) {
	for _, p := range []struct {
		layout string
		y, m   int
		d      int
	}{{"2006-01-02", 0, 0, 1}, {"2006-01", 0, 1, 0}, {"2006", 1, 0, 0}} {
		if t, err := time.Parse(p.layout, s); err == nil {
			return t, t.AddDate(p.y, p.m, p.d), true
		}
	}
	return from, to, false
}
