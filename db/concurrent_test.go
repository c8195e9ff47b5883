package db

import (
	"context"
	"path/filepath"
	"sync"
	"testing"
	"time"
)

// twoStores opens one archive twice, as the desktop app and `clippings
// import` do.
func twoStores(t *testing.T) (app, cli *Store) {
	t.Helper()
	path := filepath.Join(t.TempDir(), "shared.db")
	ctx := context.Background()
	var err error
	if app, err = Open(ctx, path); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { app.Close() })
	if cli, err = Open(ctx, path); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { cli.Close() })
	return app, cli
}

// Two Stores writing and reading one archive at once all succeed, and the
// archive ends whole.
func TestTwoStoresWriteAndReadConcurrently(t *testing.T) {
	app, cli := twoStores(t)
	ctx := context.Background()
	const batches, perBatch = 20, 10
	var writers, reader sync.WaitGroup
	writer := func(s *Store, offset int) {
		defer writers.Done()
		for b := range batches {
			res, err := s.Add(ctx, numbered(t, offset+b*perBatch, perBatch))
			if err != nil {
				t.Errorf("Add: %v", err)
				return
			}
			for _, r := range res {
				if r.Err != nil {
					t.Errorf("Add: %v", r.Err)
				}
			}
		}
	}
	stop := make(chan struct{})
	reader.Add(1)
	go func() {
		defer reader.Done()
		for {
			select {
			case <-stop:
				return
			default:
			}
			r, err := app.Search(ctx, Request{Query: "numbered", Limit: 5})
			if err != nil {
				t.Errorf("Search during imports: %v", err)
				return
			}
			for _, h := range r.Hits {
				if _, err := app.Get(ctx, h.ID); err != nil {
					t.Errorf("Get #%d during imports: %v", h.ID, err)
				}
			}
		}
	}()
	writers.Add(2)
	go writer(cli, 0)
	go writer(app, 10000)
	writers.Wait()
	close(stop)
	reader.Wait()
	for _, s := range []*Store{app, cli} {
		if n, _ := s.Count(ctx); n != 2*batches*perBatch {
			t.Errorf("Count = %d; want %d", n, 2*batches*perBatch)
		}
	}
	if r, err := app.Check(ctx); err != nil || !r.OK() {
		t.Errorf("Check after concurrent writes: %v %v", r.Problems, err)
	}
}

// The window polls DataVersion to learn of articles another program stored.
func TestDataVersionChangesOnEveryCommit(t *testing.T) {
	app, cli := twoStores(t)
	ctx := context.Background()
	version := func() int64 {
		t.Helper()
		v, err := app.DataVersion(ctx)
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
	v0 := version()
	if v := version(); v != v0 {
		t.Errorf("DataVersion changed from %d to %d with no commit", v0, v)
	}
	steps := []struct {
		name string
		do   func() error
	}{
		{"another Store imports", func() error { _, err := cli.Add(ctx, numbered(t, 0, 3)); return err }},
		{"this Store imports", func() error { _, err := app.Add(ctx, numbered(t, 100, 3)); return err }},
		{"another Store deletes", func() error { return cli.Delete(ctx, 1) }},
	}
	last := v0
	for _, st := range steps {
		if err := st.do(); err != nil {
			t.Fatalf("%s: %v", st.name, err)
		}
		v := version()
		if v == last {
			t.Errorf("%s: DataVersion stayed %d", st.name, v)
		}
		last = v
	}
	if v := version(); v != last {
		t.Errorf("DataVersion changed from %d to %d with no commit", last, v)
	}
}

// A reader in the middle of a long read (an open result set holds its
// snapshot) does not keep another Store from importing.
func TestLongReadDoesNotBlockImport(t *testing.T) {
	app, cli := twoStores(t)
	ctx := context.Background()
	if _, err := cli.Add(ctx, numbered(t, 0, 20)); err != nil {
		t.Fatal(err)
	}
	rows, err := app.read.QueryContext(ctx, "SELECT id, body FROM articles")
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	if !rows.Next() {
		t.Fatal("no rows")
	}
	deadline, cancel := context.WithTimeout(ctx, 2*time.Second)
	defer cancel()
	start := time.Now()
	if _, err := cli.Add(deadline, numbered(t, 100, 10)); err != nil {
		t.Fatalf("Add while a read is open: %v", err)
	}
	if d := time.Since(start); d > time.Second {
		t.Errorf("Add waited %s for a reader", d)
	}
}

// A write transaction in progress does not keep another Store from
// searching, which sees the last committed state.
func TestOpenWriteDoesNotBlockSearch(t *testing.T) {
	app, cli := twoStores(t)
	ctx := context.Background()
	if _, err := app.Add(ctx, numbered(t, 0, 5)); err != nil {
		t.Fatal(err)
	}
	tx, err := cli.write.BeginTx(ctx, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer tx.Rollback()
	if _, err := tx.ExecContext(ctx, "DELETE FROM articles"); err != nil {
		t.Fatal(err)
	}
	deadline, cancel := context.WithTimeout(ctx, 2*time.Second)
	defer cancel()
	start := time.Now()
	r, err := app.Search(deadline, Request{Query: "numbered"})
	if err != nil || r.Total != 5 {
		t.Fatalf("Search while another Store writes: %d hits, %v; want the 5 committed", r.Total, err)
	}
	if d := time.Since(start); d > time.Second {
		t.Errorf("Search waited %s for a writer", d)
	}
}

// A write that finds the archive busy waits for the other writer's short
// transaction instead of failing.
func TestWriterWaitsForOtherWriter(t *testing.T) {
	app, cli := twoStores(t)
	ctx := context.Background()
	tx, err := cli.write.BeginTx(ctx, nil)
	if err != nil {
		t.Fatal(err)
	}
	go func() {
		time.Sleep(300 * time.Millisecond)
		tx.Commit()
	}()
	start := time.Now()
	if _, err := app.Add(ctx, numbered(t, 0, 1)); err != nil {
		t.Fatalf("Add while another writer holds the lock briefly: %v", err)
	}
	if d := time.Since(start); d < 250*time.Millisecond {
		t.Errorf("Add took %s: it did not wait for the other writer", d)
	}
}

// Check takes no write lock — it runs while another Store is in the middle
// of a write — so it can never hold up an import, however long it takes.
func TestCheckNeedsNoWriteLock(t *testing.T) {
	app, cli := twoStores(t)
	ctx := context.Background()
	if _, err := app.Add(ctx, numbered(t, 0, 50)); err != nil {
		t.Fatal(err)
	}
	tx, err := cli.write.BeginTx(ctx, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer tx.Rollback()
	if _, err := tx.ExecContext(ctx, "DELETE FROM originals WHERE article_id = 1"); err != nil {
		t.Fatal(err)
	}
	start := time.Now()
	r, err := app.Check(ctx)
	if err != nil || !r.OK() || r.Articles != 50 {
		t.Errorf("Check while another Store writes: %+v, %v", r, err)
	}
	if d := time.Since(start); d > 5*time.Second {
		t.Errorf("Check waited %s for the writer", d)
	}
	leftovers, _ := filepath.Glob(filepath.Join(filepath.Dir(app.Path()), ".clippings-check-*"))
	if len(leftovers) > 0 {
		t.Errorf("snapshot files left behind: %v", leftovers)
	}
}
