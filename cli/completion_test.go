package cli

import (
	"bytes"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

func script(t *testing.T, shell string) string {
	t.Helper()
	var out, errOut bytes.Buffer
	env := Env{Stdout: &out, Stderr: &errOut, Getenv: func(string) string { return "" }}
	if status := Run(context.Background(), env, []string{"completion", shell}); status != ExitOK {
		t.Fatalf("completion %s: status %d, %s", shell, status, errOut.String())
	}
	path := filepath.Join(t.TempDir(), "clippings."+shell)
	if err := os.WriteFile(path, out.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

// The bash script completes as a user types: commands, flags, fixed
// values and files, taken from the commands' own --help.
func TestBashCompletion(t *testing.T) {
	path := script(t, "bash")
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "story.html"), nil, 0o644); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		line []string // the words typed; the last is being completed
		want []string // all of these are offered
		not  []string // none of these
	}{
		{[]string{"clippings", "se"}, []string{"search"}, []string{"show"}},
		{[]string{"clippings", "s"}, []string{"search", "show", "star", "stats"}, []string{"import"}},
		{[]string{"clippings", "--v"}, []string{"--version"}, nil},
		{[]string{"clippings", "search", "--so"}, []string{"--sort"}, []string{"--json"}},
		{[]string{"clippings", "search", "--sort", ""}, []string{"relevance", "newest", "oldest"}, nil},
		{[]string{"clippings", "export", "--format", "h"}, []string{"html"}, []string{"json"}},
		{[]string{"clippings", "import", "--"}, []string{"--db", "--dry-run", "--json"}, []string{"--sort"}},
		{[]string{"clippings", "import", "st"}, []string{"story.html"}, nil},
		{[]string{"clippings", "search", "--db", "st"}, []string{"story.html"}, nil},
		{[]string{"clippings", "completion", ""}, []string{"bash", "zsh", "fish"}, nil},
		{[]string{"clippings", "search", "st"}, nil, []string{"story.html"}},
	} {
		words := make([]string, len(tc.line))
		for i, w := range tc.line {
			words[i] = "'" + w + "'"
		}
		cmd := exec.Command("bash", "-c", `source "$1"; COMP_WORDS=(`+strings.Join(words, " ")+`); COMP_CWORD=$((${#COMP_WORDS[@]}-1)); _clippings; printf '%s\n' "${COMPREPLY[@]}"`, "_", path)
		cmd.Dir = dir
		out, err := cmd.CombinedOutput()
		if err != nil {
			t.Fatalf("%v: %v\n%s", tc.line, err, out)
		}
		got := strings.Fields(string(out))
		for _, w := range tc.want {
			if !slices.Contains(got, w) {
				t.Errorf("%q offers %q, want %q among them", strings.Join(tc.line, " "), got, w)
			}
		}
		for _, w := range tc.not {
			if slices.Contains(got, w) {
				t.Errorf("%q offers %q, which it should not", strings.Join(tc.line, " "), w)
			}
		}
	}
}

// zsh and fish read their scripts without a syntax error, and each script
// names every command.
func TestZshAndFishCompletion(t *testing.T) {
	for _, tc := range []struct{ shell, check string }{{"zsh", "-n"}, {"fish", "--no-execute"}} {
		path := script(t, tc.shell)
		if out, err := exec.Command(tc.shell, tc.check, path).CombinedOutput(); err != nil {
			t.Errorf("%s %s: %v\n%s", tc.shell, tc.check, err, out)
		}
		text, _ := os.ReadFile(path)
		for _, c := range commands() {
			if !bytes.Contains(text, []byte(c.name)) {
				t.Errorf("the %s script does not name %s", tc.shell, c.name)
			}
		}
	}
}

func TestCompletionOfAnUnknownShell(t *testing.T) {
	var out, errOut bytes.Buffer
	env := Env{Stdout: &out, Stderr: &errOut, Getenv: func(string) string { return "" }}
	if status := Run(context.Background(), env, []string{"completion", "tcsh"}); status != ExitUsage || !strings.Contains(errOut.String(), "bash, zsh and fish") {
		t.Errorf("status %d, %q", status, errOut.String())
	}
}

// The man page is every command's --help: each command and each of its
// flags is on it, and groff sets it without a warning.
func TestManPage(t *testing.T) {
	var out bytes.Buffer
	env := Env{Stdout: &out, Stderr: &out, Getenv: func(string) string { return "" }}
	if status := Run(context.Background(), env, []string{"man"}); status != ExitOK {
		t.Fatalf("status %d: %s", status, out.String())
	}
	page := out.String()
	for _, c := range describeCommands() {
		if !strings.Contains(page, `.SS "clippings `+roff(c.name)) {
			t.Errorf("no section for %s", c.name)
		}
		if len(c.flags) == 0 {
			t.Errorf("%s: no flags read from its --help", c.name)
		}
		for _, f := range c.flags {
			if !strings.Contains(page, `\fB\-\-`+roff(f.name)+`\fR`) {
				t.Errorf("%s --%s is not on the page", c.name, f.name)
			}
		}
	}
	cmd := exec.Command("groff", "-man", "-Tutf8", "-ww", "-z")
	cmd.Stdin = strings.NewReader(page)
	if warn, err := cmd.CombinedOutput(); err != nil || len(warn) > 0 {
		t.Errorf("groff: %v\n%s", err, warn)
	}
}

func TestParseFlagHelp(t *testing.T) {
	text := "Usage: clippings x [flags]\n\nDo x.\n\nFlags:\n  -db FILE\n    \tarchive FILE\n  -json\n    \tprint JSON\n  -sort string\n    \torder: a or b\n    \tmore (default \"a\")\n"
	got := parseFlagHelp(text)
	want := []flagHelp{{"db", "FILE", "archive FILE"}, {"json", "", "print JSON"}, {"sort", "STRING", `order: a or b more (default "a")`}}
	if !slices.Equal(got, want) {
		t.Errorf("got %q\nwant %q", got, want)
	}
}
