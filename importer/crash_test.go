package importer

import (
	"bytes"
	"context"
	"database/sql"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
	"time"

	"github.com/clippings/clippings/db"
)

// The helper process reads its archive and folder from these variables.
const (
	helperArchiveEnv = "CLIPPINGS_TEST_HELPER_ARCHIVE"
	helperFolderEnv  = "CLIPPINGS_TEST_HELPER_FOLDER"
)

const crashFiles = 2000

// TestHelperProcess is not a test: TestImportSurvivesKill runs the test
// binary again with this test selected, as the import to kill.
func TestHelperProcess(t *testing.T) {
	archive, folder := os.Getenv(helperArchiveEnv), os.Getenv(helperFolderEnv)
	if archive == "" || folder == "" {
		t.Skip("helper process of TestImportSurvivesKill")
	}
	s, err := db.Open(context.Background(), archive)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(3)
	}
	// Small batches: many commits for the kill to land between (or in).
	im := &Importer{Store: s, Opts: Options{BatchSize: 4}}
	im.Run(context.Background(), []string{folder}, nil, nil)
	s.Close()
	os.Exit(0)
}

// writeCrashFolder makes crashFiles small, distinct text articles.
func writeCrashFolder(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	for i := range crashFiles {
		text := fmt.Sprintf("Harbour report number %d\n\nThe council met on Tuesday to discuss item %d of the agenda. "+
			"The ferry service will resume in spring, officials said, after repairs to pier %d.\n\nResidents welcomed the news.\n", i, i, i)
		if err := os.WriteFile(filepath.Join(dir, fmt.Sprintf("report-%04d.txt", i)), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// An import killed at a random moment leaves an archive that opens, passes
// SQLite's and FTS5's integrity checks, and holds each article whole (row,
// index entry, original bytes) or not at all; importing again stores the
// rest and reports the rest as duplicates.
func TestImportSurvivesKill(t *testing.T) {
	if testing.Short() {
		t.Skip("kills import processes; slow")
	}
	folder := writeCrashFolder(t)
	seed := time.Now().UnixNano()
	rng := rand.New(rand.NewPCG(uint64(seed), 0))
	t.Logf("random seed %d", seed)
	midImport := 0
	for run := range 4 {
		archive := filepath.Join(t.TempDir(), "clippings.db")
		delay := time.Duration(rng.IntN(200)) * time.Millisecond // about 2,000 articles a second here
		killImport(t, archive, folder, delay)

		stored := verifyWhole(t, archive)
		t.Logf("run %d: killed %s after its first articles, with %d of %d stored", run, delay, stored, crashFiles)
		if stored > 0 && stored < crashFiles {
			midImport++
		}
		finishImport(t, archive, folder, stored)
	}
	if midImport == 0 {
		t.Error("no kill landed in the middle of an import: the test proved nothing; make the helper's import slower")
	}
}

// killImport starts the helper import and kills it (SIGKILL) delay after
// its first articles were stored: how long the helper takes to get there
// depends on the machine (a -race build took over 1.5 s).
func killImport(t *testing.T, archive, folder string, delay time.Duration) {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^TestHelperProcess$")
	cmd.Env = append(os.Environ(), helperArchiveEnv+"="+archive, helperFolderEnv+"="+folder)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	waitForArticles(t, archive, cmd)
	time.Sleep(delay)
	cmd.Process.Kill()
	err := cmd.Wait()
	if ee, ok := err.(*exec.ExitError); ok && ee.ExitCode() == 3 {
		t.Fatalf("helper could not open the archive: %s", stderr.String())
	}
}

// waitForArticles waits until the helper has stored an article, reading
// the archive as a second process would.
func waitForArticles(t *testing.T, archive string, cmd *exec.Cmd) {
	t.Helper()
	deadline := time.Now().Add(time.Minute)
	for time.Now().Before(deadline) {
		if n, err := countStored(archive); err == nil && n > 0 {
			return
		}
		time.Sleep(10 * time.Millisecond)
	}
	cmd.Process.Kill()
	t.Fatal("the helper stored nothing within a minute")
}

func countStored(archive string) (int, error) {
	if _, err := os.Stat(archive); err != nil {
		return 0, err
	}
	conn, err := sql.Open("sqlite", "file:"+archive+"?mode=ro")
	if err != nil {
		return 0, err
	}
	defer conn.Close()
	var n int
	err = conn.QueryRow("SELECT count(*) FROM articles").Scan(&n)
	return n, err
}

// verifyWhole opens a killed import's archive and checks every article is
// whole; it returns how many there are.
func verifyWhole(t *testing.T, archive string) int {
	t.Helper()
	ctx := context.Background()
	if _, err := os.Stat(archive); err != nil {
		return 0 // killed before the archive was created
	}
	s, err := db.Open(ctx, archive)
	if err != nil {
		t.Fatalf("archive does not open after the kill: %v", err)
	}
	defer s.Close()
	report, err := s.Check(ctx)
	if err != nil || !report.OK() {
		t.Fatalf("archive damaged by the kill: %v %v", report.Problems, err)
	}
	for id := int64(1); id <= int64(report.Articles); id++ {
		a, err := s.Get(ctx, id)
		if err != nil {
			t.Fatalf("article #%d of %d: %v", id, report.Articles, err)
		}
		orig, err := s.Original(ctx, id)
		if err != nil {
			t.Fatalf("original of #%d: %v", id, err)
		}
		onDisk, err := os.ReadFile(a.File.Path)
		if err != nil || !bytes.Equal(orig, onDisk) {
			t.Fatalf("original of #%d differs from %s (%v)", id, a.File.Path, err)
		}
		res, err := s.Search(ctx, db.Request{Query: fmt.Sprintf("%q", a.Title)})
		if err != nil || res.Total != 1 || res.Hits[0].ID != id {
			t.Fatalf("article #%d %q is not found by its title: %+v %v", id, a.Title, res, err)
		}
	}
	return report.Articles
}

// finishImport runs the import again to the end: what the killed run stored
// is reported as duplicates, the rest is imported.
func finishImport(t *testing.T, archive, folder string, stored int) {
	t.Helper()
	ctx := context.Background()
	s, err := db.Open(ctx, archive)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	sum := (&Importer{Store: s}).Run(ctx, []string{folder}, nil, nil)
	if sum.Duplicates != stored || sum.Imported != crashFiles-stored || sum.Failed != 0 {
		t.Errorf("import after the kill: %+v; want %d duplicates and %d imported", sum, stored, crashFiles-stored)
	}
	if n, _ := s.Count(ctx); n != crashFiles {
		t.Errorf("archive holds %d articles after finishing; want %d", n, crashFiles)
	}
}
