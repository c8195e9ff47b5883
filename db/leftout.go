package db

import (
	"database/sql/driver"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"sync"

	"modernc.org/sqlite"
)

// What a settled prefix search leaves out (Store.settle) is a set of doc
// keys every statement of the query tests its matches against. Written
// into the SQL as a list, `reporter*` at 100,000 articles left out 35,114
// keys: parsing them took each statement 30 ms, building SQLite's
// ephemeral index of them (json_each) 20 ms, even for the page's 50
// snippets. The set stays in Go instead, and the statement asks for each
// row it meets: leftOutFunc(set, doc).

// leftOutListed is how many keys are still written as a list: a few
// thousand parse in a few milliseconds, where calling the function for
// every row took negotiat* (21,209 matches, few left out) from 38 to
// 95 ms a search at 100,000 articles.
var leftOutListed = 2000

// leftOutFunc is the SQL function: leftOutFunc(set, doc) is 1 when the set
// holds doc.
const leftOutFunc = "clippings_left_out"

// leftOutKept is how many sets are kept: settled queries (settledKept)
// and those of statements still running when newer ones pushed them out.
const leftOutKept = 4 * settledKept

var leftOut struct {
	mu   sync.RWMutex
	next int64
	sets map[int64][]int64 // sorted doc keys
}

// leftOutCheck registers a set of doc keys and returns the condition that
// keeps the rows it does not hold.
func leftOutCheck(docs []int64) string {
	if len(docs) <= leftOutListed {
		keys := make([]string, len(docs))
		for i, d := range docs {
			keys[i] = strconv.FormatInt(d, 10)
		}
		return matchedRow + "rowid NOT IN (" + strings.Join(keys, ",") + ")"
	}
	docs = slices.Clone(docs)
	slices.Sort(docs)
	leftOut.mu.Lock()
	defer leftOut.mu.Unlock()
	if leftOut.sets == nil {
		leftOut.sets = map[int64][]int64{}
	}
	leftOut.next++
	id := leftOut.next
	leftOut.sets[id] = docs
	delete(leftOut.sets, id-leftOutKept)
	return "NOT " + leftOutFunc + "(" + strconv.FormatInt(id, 10) + ", " + matchedRow + "rowid)"
}

func init() {
	sqlite.MustRegisterDeterministicScalarFunction(leftOutFunc, 2, func(_ *sqlite.FunctionContext, args []driver.Value) (driver.Value, error) {
		id, _ := args[0].(int64)
		doc, _ := args[1].(int64)
		leftOut.mu.RLock()
		docs, ok := leftOut.sets[id]
		leftOut.mu.RUnlock()
		if !ok {
			return nil, fmt.Errorf("the articles a prefix search leaves out are no longer known (set %d): search again", id)
		}
		if _, found := slices.BinarySearch(docs, doc); found {
			return int64(1), nil
		}
		return int64(0), nil
	})
}
