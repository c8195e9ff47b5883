// Package cli is Clippings' command line: `clippings SUBCOMMAND [flags] ARGS`.
// With no subcommand, main launches the desktop app instead.
package cli

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"strings"

	"github.com/clippings/clippings/db"
	"github.com/clippings/clippings/internal/version"
)

// Exit statuses.
const (
	ExitOK     = 0
	ExitFailed = 1 // some of the work failed (a file did not import, an id was not found)
	ExitUsage  = 2 // bad arguments, or the archive could not be opened
)

// Env is what a command may touch: its streams and environment.
type Env struct {
	Stdin          io.Reader // `note ID -` reads the note from it; nil reads as empty
	Stdout, Stderr io.Writer
	Getenv         func(string) string
	StderrIsTTY    bool

	// tty is Stderr as given, for the progress bar's own control
	// characters; Run makes Stdout and Stderr escape any others.
	tty io.Writer
}

// OSEnv is the process's real environment.
func OSEnv() Env {
	return Env{Stdin: os.Stdin, Stdout: os.Stdout, Stderr: os.Stderr, Getenv: os.Getenv, StderrIsTTY: isTerminal(os.Stderr)}
}

func isTerminal(f *os.File) bool {
	st, err := f.Stat()
	return err == nil && st.Mode()&os.ModeCharDevice != 0
}

type command struct {
	name, args, summary string
	run                 func(ctx context.Context, env Env, args []string) int
}

func commands() []command {
	return []command{
		{"import", "[--json] [--dry-run] [--title T] [--url U] [--format html|text] PATH|URL|-...", "import files, folders, web pages (fetched once) and, with -, an article from standard input", runImport},
		{"watch", "[--json] DIR", "import the files that arrive in a folder, as they arrive, until interrupted", runWatch},
		{"search", "[--json] [--group] [--limit N] [--sort relevance|newest|oldest] QUERY...", "search the archive (--group: one line per story and its copies)", runSearch},
		{"show", "[--json] ID", "print one article, with the people, places and organisations it names and its copies", runShow},
		{"related", "[--json] [--limit N] ID", "list the articles most like one (not its copies)", runRelated},
		{"timeline", "[--json] QUERY...", "count a search's results by year, month or day", runTimeline},
		{"entities", "[--json] [--limit N] QUERY...", "count the people, places and organisations a search's results name", runEntities},
		{"delete", "ID...", "delete articles", runDelete},
		{"tag", "[--query QUERY] ID... +NAME... -NAME...", "add (+) and remove (-) tags on articles", runTag},
		{"tags", "[--json]", "list the tags with their article counts", runTags},
		{"star", "[--query QUERY] ID...", "star articles", markCommand("star", "Star", "starred", func(s *db.Store) setter { return s.SetStarred }, true)},
		{"unstar", "[--query QUERY] ID...", "unstar articles", markCommand("unstar", "Unstar", "unstarred", func(s *db.Store) setter { return s.SetStarred }, false)},
		{"read", "[--query QUERY] ID...", "mark articles read", markCommand("read", "Mark read", "marked read", func(s *db.Store) setter { return s.SetRead }, true)},
		{"unread", "[--query QUERY] ID...", "mark articles unread", markCommand("unread", "Mark unread", "marked unread", func(s *db.Store) setter { return s.SetRead }, false)},
		{"note", "ID [TEXT...|-]", "print, set (- reads it from stdin) or clear (\"\") an article's note", runNote},
		{"edit", "ID [--title T] [--author A]... [--source S] [--date YYYY-MM-DD] [--url U]", "correct an article's metadata; re-extraction keeps the correction", runEdit},
		{"reextract", "[--json] [QUERY...]", "extract articles (all, or a search's) again from their original files", runReextract},
		{"bench", "[--articles N] [--keep FILE] [--json]", "measure import and search speed on synthetic articles", runBench},
		{"check", "[--json]", "verify the archive; exit status 0 only when all is well", runCheck},
		{"reindex", "", "fill the search index and word list of an archive from an earlier version now (the window does it in the background)", runReindex},
		{"stats", "[--json]", "count and measure the archive's articles", runStats},
		{"backup", "FILE", "write a consistent copy of the archive, even while it is in use", runBackup},
		{"export", "--format json|markdown|html DIR [QUERY...]", "write articles (all, or a search's) to files; a JSON export imports back whole", runExport},
		{"completion", "bash|zsh|fish", "print the shell completion script for bash, zsh or fish", runCompletion},
		{"man", "", "print the manual page (roff): clippings man | man -l -", runMan},
	}
}

// IsCommand reports whether name is a subcommand (else the app launches).
func IsCommand(name string) bool {
	for _, c := range commands() {
		if c.name == name {
			return true
		}
	}
	return name == "help"
}

// briefCommands read a little of the archive, print it and exit, in tens of
// milliseconds: the garbage collector, off while the program starts
// (internal/startgc), stays off for them.
var briefCommands = map[string]bool{
	"search": true, "show": true, "related": true, "timeline": true, "entities": true,
	"tags": true, "note": true, "completion": true, "man": true, "help": true,
}

// Brief reports whether a subcommand is one of the brief ones, which need
// no garbage collection.
func Brief(name string) bool { return briefCommands[name] }

// Run runs a subcommand; args[0] is its name. It returns the exit status.
func Run(ctx context.Context, env Env, args []string) int {
	if len(args) == 0 || args[0] == "help" {
		Usage(env.Stdout)
		return ExitOK
	}
	env.tty = env.Stderr
	env.Stdout, env.Stderr = newSafeWriter(env.Stdout), newSafeWriter(env.Stderr)
	for _, c := range commands() {
		if c.name == args[0] {
			return c.run(ctx, env, args[1:])
		}
	}
	fmt.Fprintf(env.Stderr, "clippings: unknown command %q\n", args[0])
	Usage(env.Stderr)
	return ExitUsage
}

// Usage prints the overview of all commands.
func Usage(w io.Writer) {
	fmt.Fprintf(w, "Clippings %s — an archive for news articles.\n\nUsage:\n", version.Number)
	fmt.Fprintln(w, "  clippings [--db FILE] [PATH...]      open the desktop app (importing PATHs)")
	cs := commands()
	sort.Slice(cs, func(i, j int) bool { return cs[i].name < cs[j].name })
	for _, c := range cs {
		fmt.Fprintf(w, "  clippings %s [--db FILE] %s\n      %s\n", c.name, c.args, c.summary)
	}
	fmt.Fprintln(w, "\nEvery command takes --db FILE (default: $CLIPPINGS_DB, else clippings.db in the user's data folder)")
	fmt.Fprintln(w, "and --help. Run `clippings COMMAND --help` for details.")
}

// newFlags makes a command's flag set with the shared --db flag.
func newFlags(env Env, name, args, summary string) (*flag.FlagSet, *string) {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(env.Stderr)
	dbPath := fs.String("db", "", "archive `FILE` (default: $CLIPPINGS_DB, else "+displayDefault(env)+")")
	fs.Usage = func() {
		fmt.Fprintf(fs.Output(), "Usage: clippings %s [flags] %s\n\n%s.\n\nFlags:\n", name, args, summary)
		fs.PrintDefaults()
	}
	return fs, dbPath
}

func displayDefault(env Env) string {
	p, err := DefaultDBPath(env.Getenv)
	if err != nil {
		return "clippings.db in the user's data folder"
	}
	return p
}

// parse parses flags; it returns false with the exit status when the command
// should stop (--help or a usage error).
func parse(fs *flag.FlagSet, args []string) (bool, int) {
	err := fs.Parse(args)
	if errors.Is(err, flag.ErrHelp) {
		return false, ExitOK
	}
	if err != nil {
		return false, ExitUsage
	}
	return true, 0
}

// DefaultDBPath is the archive used when --db is not given: $CLIPPINGS_DB,
// else clippings.db in the user's data folder ($XDG_DATA_HOME/clippings on
// Linux, ~/Library/Application Support/Clippings on macOS, %AppData%\Clippings
// on Windows).
func DefaultDBPath(getenv func(string) string) (string, error) {
	if p := getenv("CLIPPINGS_DB"); p != "" {
		return p, nil
	}
	switch runtime.GOOS {
	case "windows", "darwin":
		dir, err := os.UserConfigDir() // the platform's per-user application data folder
		if err != nil {
			return "", fmt.Errorf("find the user's data folder: %w", err)
		}
		return filepath.Join(dir, "Clippings", "clippings.db"), nil
	}
	if dir := getenv("XDG_DATA_HOME"); filepath.IsAbs(dir) {
		return filepath.Join(dir, "clippings", "clippings.db"), nil
	}
	home := getenv("HOME")
	if home == "" {
		h, err := os.UserHomeDir()
		if err != nil {
			return "", fmt.Errorf("find the home folder: %w", err)
		}
		home = h
	}
	return filepath.Join(home, ".local", "share", "clippings", "clippings.db"), nil
}

// ResolveDBPath applies the default to an empty --db.
func ResolveDBPath(flagValue string, getenv func(string) string) (string, error) {
	if flagValue != "" {
		return flagValue, nil
	}
	return DefaultDBPath(getenv)
}

// limitGiven checks a command's --limit, printing why it cannot be used.
func limitGiven(env Env, command string, limit int) bool {
	if limit <= 0 {
		fmt.Fprintf(env.Stderr, "clippings %s: --limit must be at least 1\n", command)
		return false
	}
	return true
}

// need is what a command does with the archive.
type need int

const (
	// reads: the command only reads, and opens the archive read-only, so
	// it works on read-only media and leaves the file as it was (an
	// archive of an earlier version is upgraded first when it can be, as
	// by every command).
	reads need = iota
	// changes: the command changes an archive that must exist.
	changes
	// adds: the command adds articles, and creates the archive if missing.
	adds
)

// openStore opens the archive named by --db as the command needs it,
// printing why it cannot.
func openStore(ctx context.Context, env Env, flagValue string, n need) (*db.Store, bool) {
	path, err := ResolveDBPath(flagValue, env.Getenv)
	if err != nil {
		fmt.Fprintf(env.Stderr, "clippings: %v\n", err)
		return nil, false
	}
	mode := map[need]db.Mode{reads: db.ReadOnly, changes: db.Existing, adds: db.Create}[n]
	s, err := db.OpenMode(ctx, path, mode)
	if errors.Is(err, db.ErrNeedsUpgrade) {
		if w, werr := db.OpenMode(ctx, path, db.Existing); werr == nil {
			s, err = w, nil
		}
	}
	if err != nil {
		fmt.Fprintf(env.Stderr, "clippings: %v\n", err)
		return nil, false
	}
	return s, true
}

// Launch holds what the desktop app was started with.
type Launch struct {
	DBPath string
	Paths  []string
}

// ParseLaunch reads `clippings [--db FILE] [PATH...]`. ok is false when the
// program should exit with status (after --help, --version or a usage error).
func ParseLaunch(env Env, args []string) (l Launch, ok bool, status int) {
	fs := flag.NewFlagSet("clippings", flag.ContinueOnError)
	fs.SetOutput(env.Stderr)
	dbFlag := fs.String("db", "", "archive `FILE` (default: $CLIPPINGS_DB, else "+displayDefault(env)+")")
	showVersion := fs.Bool("version", false, "print the version and exit")
	fs.Usage = func() { Usage(env.Stderr) }
	if ok, status := parse(fs, args); !ok {
		return l, false, status
	}
	if *showVersion {
		PrintVersion(env.Stdout)
		return l, false, ExitOK
	}
	if msg := missingDisplay(env.Getenv); msg != "" {
		fmt.Fprintln(env.Stderr, msg)
		return l, false, ExitUsage
	}
	path, err := ResolveDBPath(*dbFlag, env.Getenv)
	if err != nil {
		fmt.Fprintf(env.Stderr, "clippings: %v\n", err)
		return l, false, ExitUsage
	}
	return Launch{DBPath: path, Paths: fs.Args()}, true, 0
}

// PrintVersion prints the release, the archive format and the commit.
func PrintVersion(w io.Writer) {
	fmt.Fprintf(w, "clippings %s\narchive format %d\ncommit %s\n", version.Number, db.SchemaVersion(), version.Commit())
}

// missingDisplay says why the window cannot open when there is no
// graphical session to open it on (over ssh, in a container), or "".
// Checked before anything is created: GLFW would otherwise panic after the
// archive was made. Fyne's Linux and BSD builds draw through X11 (XWayland
// under Wayland).
func missingDisplay(getenv func(string) string) string {
	switch runtime.GOOS {
	case "windows", "darwin", "android", "ios", "js":
		return ""
	}
	if getenv("DISPLAY") != "" {
		return ""
	}
	return "clippings: the window needs a graphical session (DISPLAY is not set); the command line works without one — see clippings help"
}

// marks turns the store's match marks into something a reader sees.
func marks(s, start, end string) string {
	return strings.NewReplacer(db.MarkStart, start, db.MarkEnd, end).Replace(s)
}
