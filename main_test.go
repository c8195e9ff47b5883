package main

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/clippings/clippings/db"
)

// binary is clippings built once for the tests that run it as a user does.
var binary string

func TestMain(m *testing.M) {
	dir, err := os.MkdirTemp("", "clippings-main")
	if err != nil {
		panic(err)
	}
	binary = filepath.Join(dir, "clippings")
	build := exec.Command("go", "build", "-o", binary, ".")
	build.Stderr = os.Stderr
	if err := build.Run(); err != nil {
		panic("build clippings: " + err.Error())
	}
	code := m.Run()
	os.RemoveAll(dir)
	os.Exit(code)
}

// run runs the binary with only the environment given (plus PATH and HOME).
func run(t *testing.T, env []string, args ...string) (stdout, stderr string, status int) {
	t.Helper()
	cmd := exec.Command(binary, args...)
	cmd.Env = append([]string{"PATH=" + os.Getenv("PATH"), "HOME=" + t.TempDir()}, env...)
	var out, errOut bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errOut
	err := cmd.Run()
	if ee, ok := err.(*exec.ExitError); ok {
		status = ee.ExitCode()
	} else if err != nil {
		t.Fatal(err)
	}
	return out.String(), errOut.String(), status
}

// Whatever the locale, the command line prints only its own output: Fyne's
// locale lookup used to print three "Fyne error" lines under C.UTF-8.
func TestCommandLineIsQuietInEveryLocale(t *testing.T) {
	dir := t.TempDir()
	archive, text := filepath.Join(dir, "a.db"), filepath.Join(dir, "note.txt")
	body := "Clippings keeps articles. " + strings.Repeat("The council met on Tuesday and agreed a budget for the coming year. ", 8)
	if err := os.WriteFile(text, []byte("A quiet command line\n\n"+body+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, stderr, status := run(t, []string{"LANG=C.UTF-8"}, "import", "--db", archive, text); stderr != "1 imported\n" || status != 0 {
		t.Fatalf("import: status %d, stderr %q", status, stderr)
	}
	for _, args := range [][]string{{"--version"}, {"help"}, {"stats", "--db", archive}, {"search", "--db", archive, "council"}} {
		wantOut, wantErr, wantStatus := run(t, []string{"LANG=en_US.UTF-8"}, args...)
		if wantStatus != 0 || strings.Contains(wantErr, "Fyne") {
			t.Fatalf("clippings %v under en_US.UTF-8: status %d, stderr %q", args, wantStatus, wantErr)
		}
		for _, locale := range [][]string{
			{"LANG=C.UTF-8"}, {"LANG=C"}, {"LANG=POSIX"}, {"LC_ALL=C.utf8"}, {"LANG=de_DE.UTF-8"}, {},
			{"LC_ALL=C.UTF-8", "LANGUAGE=fr"},
		} {
			stdout, stderr, status := run(t, locale, args...)
			if stdout != wantOut || stderr != wantErr || status != wantStatus {
				t.Errorf("%v clippings %v: status %d, stderr %q; want status %d, stderr %q, the same output", locale, args, status, stderr, wantStatus, wantErr)
			}
		}
	}
}

func TestVersion(t *testing.T) {
	stdout, _, status := run(t, nil, "--version")
	want, err := os.ReadFile("FyneApp.toml")
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSpace(stdout), "\n")
	if status != 0 || len(lines) != 3 {
		t.Fatalf("status %d, output %q", status, stdout)
	}
	if v := strings.TrimPrefix(lines[0], "clippings "); v == lines[0] || !strings.Contains(string(want), `Version = "`+v+`"`) {
		t.Errorf("version line %q is not FyneApp.toml's", lines[0])
	}
	if lines[1] != "archive format "+strconv.Itoa(db.SchemaVersion()) {
		t.Errorf("format line %q", lines[1])
	}
	if !strings.HasPrefix(lines[2], "commit ") {
		t.Errorf("commit line %q", lines[2])
	}
}

// Without a graphical session the window says so in one line, exits 2 and
// creates nothing; commands still work.
func TestWindowWithoutDisplay(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "data")
	archive := filepath.Join(dir, "clippings.db")
	_, stderr, status := run(t, []string{"LANG=C.UTF-8"}, "--db", archive)
	if status != 2 || strings.Count(stderr, "\n") != 1 || !strings.Contains(stderr, "graphical session") {
		t.Errorf("status %d, stderr %q", status, stderr)
	}
	if _, err := os.Stat(dir); !os.IsNotExist(err) {
		t.Errorf("the window without a display created %s (%v)", dir, err)
	}
}
