package importer

import (
	"context"
	"runtime"
	"sync"
	"time"
)

// Defaults of the pipeline that imports and re-extractions share.
const (
	defaultBatchSize = 256
	// flushEvery bounds how long a prepared article waits for its batch, so
	// a slow import still shows articles as it goes.
	flushEvery = 250 * time.Millisecond
	// maxWaitingBytes bounds what workers may hold ready for the writer
	// (originals compressed, texts), whatever the sizes of the files.
	maxWaitingBytes = 32 << 20
)

// prepared is what a worker made of one job, ready for the writer; size is
// roughly the memory it holds.
type prepared[T any] struct {
	item T
	size int64
}

// pipeline runs prepare for every job on workers goroutines and passes what
// they make to store, in batches of at most batchSize, on the calling
// goroutine: the archive has one writer. Workers run up to a batch ahead of
// the writer, so extraction and storing overlap (storing is the bound: an
// import of 7,500 texts took 6.2–6.8 s instead of 9.1–9.7 s with workers
// waiting for each batch to be stored). prepare returns ok false for a job it has already
// reported (a failure, a duplicate). Jobs not yet started when ctx is
// cancelled are never prepared.
func pipeline[J, T any](ctx context.Context, jobs []J, workers, batchSize int,
	prepare func(J) (item T, size int64, ok bool), store func([]T)) {
	if workers <= 0 {
		workers = runtime.NumCPU()
	}
	if batchSize <= 0 {
		batchSize = defaultBatchSize
	}
	queue := make(chan J)
	ready := make(chan prepared[T], batchSize)
	waiting := newByteBudget(maxWaitingBytes)
	var wg sync.WaitGroup
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for job := range queue {
				item, size, ok := prepare(job)
				if !ok {
					continue
				}
				waiting.take(size)
				ready <- prepared[T]{item, size}
			}
		}()
	}
	go func() {
		defer close(queue)
		for _, job := range jobs {
			select {
			case queue <- job:
			case <-ctx.Done():
				return
			}
		}
	}()
	go func() {
		wg.Wait()
		close(ready)
	}()

	batch := make([]T, 0, batchSize)
	var batchBytes int64
	flush := func() {
		if len(batch) == 0 {
			return
		}
		store(batch)
		waiting.give(batchBytes)
		batch, batchBytes = batch[:0], 0
	}
	tick := time.NewTicker(flushEvery)
	defer tick.Stop()
	for {
		select {
		case p, ok := <-ready:
			if !ok {
				flush()
				return
			}
			batch, batchBytes = append(batch, p.item), batchBytes+p.size
			if len(batch) >= batchSize {
				flush()
			}
		case <-tick.C:
			flush()
		}
	}
}

// byteBudget blocks takers while the bytes taken and not yet given back
// exceed its limit. A taker asking for more than the limit goes alone.
type byteBudget struct {
	mu    sync.Mutex
	freed *sync.Cond
	used  int64
	limit int64
}

func newByteBudget(limit int64) *byteBudget {
	b := &byteBudget{limit: limit}
	b.freed = sync.NewCond(&b.mu)
	return b
}

func (b *byteBudget) take(n int64) {
	b.mu.Lock()
	defer b.mu.Unlock()
	for b.used > 0 && b.used+n > b.limit {
		b.freed.Wait()
	}
	b.used += n
}

func (b *byteBudget) give(n int64) {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.used -= n
	b.freed.Broadcast()
}
