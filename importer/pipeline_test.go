package importer

import (
	"context"
	"slices"
	"sync/atomic"
	"testing"
	"time"
)

func TestPipelineStoresWhatWasPreparedInBatches(t *testing.T) {
	tests := []struct {
		name      string
		jobs      int
		workers   int
		batchSize int
		skip      func(int) bool
	}{
		{"one worker", 10, 1, 3, func(int) bool { return false }},
		{"every core, odd ones reported by the worker", 101, 0, 8, func(j int) bool { return j%2 == 1 }},
		{"default batch", 600, 2, 0, func(j int) bool { return j%7 == 0 }},
		{"no jobs", 0, 2, 4, func(int) bool { return false }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			jobs := make([]int, tt.jobs)
			for i := range jobs {
				jobs[i] = i
			}
			var stored, want []int
			limit := tt.batchSize
			if limit == 0 {
				limit = defaultBatchSize
			}
			pipeline(context.Background(), jobs, tt.workers, tt.batchSize, func(j int) (int, int64, bool) {
				return j * 10, 100, !tt.skip(j)
			}, func(batch []int) {
				if len(batch) == 0 || len(batch) > limit {
					t.Errorf("a batch of %d (at most %d)", len(batch), limit)
				}
				stored = append(stored, batch...)
			})
			for _, j := range jobs {
				if !tt.skip(j) {
					want = append(want, j*10)
				}
			}
			slices.Sort(stored)
			if !slices.Equal(stored, want) {
				t.Errorf("stored %v, want %v", stored, want)
			}
		})
	}
}

// The point of the pipeline: while the writer stores a batch, the workers
// prepare the next one instead of waiting.
func TestPipelineWorkersRunABatchAheadOfTheWriter(t *testing.T) {
	const batchSize = 5
	jobs := make([]int, 4*batchSize)
	var preparedCount atomic.Int32
	aheadOfFirstBatch := make(chan struct{})
	batches := 0
	pipeline(context.Background(), jobs, 2, batchSize, func(int) (int, int64, bool) {
		if preparedCount.Add(1) == 2*batchSize {
			close(aheadOfFirstBatch)
		}
		return 0, 1, true
	}, func([]int) {
		batches++
		if batches > 1 {
			return
		}
		select {
		case <-aheadOfFirstBatch:
		case <-time.After(10 * time.Second):
			t.Errorf("workers prepared %d jobs while the first batch was being stored, want %d", preparedCount.Load(), 2*batchSize)
		}
	})
	if got := preparedCount.Load(); got != int32(len(jobs)) {
		t.Errorf("prepared %d jobs, want %d", got, len(jobs))
	}
}

func TestPipelineStopsTakingJobsWhenCancelled(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	jobs := make([]int, 1000)
	var preparedCount atomic.Int32
	pipeline(ctx, jobs, 1, 2, func(int) (int, int64, bool) {
		if preparedCount.Add(1) == 3 {
			cancel()
		}
		return 0, 1, true
	}, func([]int) {})
	if got := preparedCount.Load(); got > 10 {
		t.Errorf("prepared %d of 1000 jobs after a cancel at the third", got)
	}
}

func TestByteBudgetHoldsTakersBackUntilBytesAreGiven(t *testing.T) {
	b := newByteBudget(100)
	b.take(60)
	b.take(40) // exactly the limit
	taken := make(chan struct{})
	go func() {
		b.take(30)
		close(taken)
	}()
	select {
	case <-taken:
		t.Fatal("took 30 bytes over a full budget")
	case <-time.After(50 * time.Millisecond):
	}
	b.give(60)
	select {
	case <-taken:
	case <-time.After(10 * time.Second):
		t.Fatal("a taker still waits after bytes were given back")
	}
	b.give(70)
	b.take(500) // larger than the limit: goes alone when nothing is held
	b.give(500)
	if b.used != 0 {
		t.Errorf("budget holds %d bytes after all were given back", b.used)
	}
}
