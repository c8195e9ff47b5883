package db

import (
	"runtime"
	"sync"
)

// onEveryCore calls work(i) for each i below n, on as many goroutines as
// the machine has cores, and returns when all are done: the costly part of
// a backfill batch (an article's traits, its words), outside the
// transaction.
func onEveryCore(n int, work func(i int)) {
	var wg sync.WaitGroup
	jobs := make(chan int)
	for range runtime.NumCPU() {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range jobs {
				work(i)
			}
		}()
	}
	for i := range n {
		jobs <- i
	}
	close(jobs)
	wg.Wait()
}
