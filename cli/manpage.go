package cli

import (
	"context"
	"fmt"
	"io"
	"strings"

	"github.com/clippings/clippings/internal/version"
)

func runMan(_ context.Context, env Env, args []string) int {
	fs, _ := newFlags(env, "man", "", "Print Clippings' manual page (roff), made from the same commands and flags as --help.\n"+
		"Read it with: clippings man | man -l -")
	if ok, status := parse(fs, args); !ok {
		return status
	}
	writeManPage(env.Stdout, describeCommands())
	return ExitOK
}

// writeManPage writes clippings(1) from the commands' own --help texts.
func writeManPage(w io.Writer, cs []commandHelp) {
	fmt.Fprintf(w, ".TH CLIPPINGS 1 \"\" \"Clippings %s\" \"User Commands\"\n", roff(version.Number))
	fmt.Fprint(w, ".SH NAME\nclippings \\- a desktop archive for news articles\n")
	fmt.Fprint(w, ".SH SYNOPSIS\n.B clippings\n[\\fB\\-\\-db\\fR \\fIFILE\\fR] [\\fIPATH\\fR...]\n.br\n.B clippings\n\\fICOMMAND\\fR [\\fB\\-\\-db\\fR \\fIFILE\\fR] [\\fIFLAGS\\fR] [\\fIARGS\\fR...]\n")
	fmt.Fprint(w, ".SH DESCRIPTION\n"+roff("Clippings keeps news articles — web pages saved or copied as text, Markdown, e-mails, PDFs — "+
		"as clean articles in an SQLite archive with full-text search. Without a command it opens the desktop window, "+
		"importing the PATHs given; with one it works on the command line, and needs no graphical session.")+"\n")
	fmt.Fprint(w, ".SH COMMANDS\n")
	for _, c := range cs {
		fmt.Fprintf(w, ".SS \"%s\"\n", roff(helpSynopsis(c)))
		fmt.Fprintln(w, roffText(helpDescription(c.text)))
		for _, f := range c.flags {
			fmt.Fprintf(w, ".TP\n\\fB\\-\\-%s\\fR", roff(f.name))
			if f.value != "" {
				fmt.Fprintf(w, " \\fI%s\\fR", roff(f.value))
			}
			fmt.Fprintf(w, "\n%s\n", roff(f.usage))
		}
	}
	fmt.Fprint(w, ".SH ENVIRONMENT\n.TP\n.B CLIPPINGS_DB\n"+roff("The archive used when --db is not given.")+
		"\n.TP\n.B XDG_DATA_HOME\n"+roff("Where the default archive lives: $XDG_DATA_HOME/clippings/clippings.db, else ~/.local/share/clippings/clippings.db.")+"\n")
	fmt.Fprint(w, ".SH EXIT STATUS\n.TP\n.B 0\nSuccess.\n.TP\n.B 1\n"+roff("Some of the work failed (a file did not import, an id was not found).")+
		"\n.TP\n.B 2\n"+roff("Bad arguments, or the archive could not be opened.")+"\n")
	fmt.Fprint(w, ".SH SEE ALSO\n"+roff("clippings COMMAND --help; the guide in docs/ of the source.")+"\n")
}

// helpDescription is a --help text's description: the lines between its
// Usage line and its Flags.
func helpDescription(text string) string {
	_, rest, _ := strings.Cut(text, "\n")
	rest, _, _ = strings.Cut(rest, "\nFlags:")
	return strings.TrimSpace(rest)
}

// helpSynopsis is a --help text's usage line without "Usage: ".
func helpSynopsis(c commandHelp) string {
	line, _, _ := strings.Cut(c.text, "\n")
	if s, ok := strings.CutPrefix(line, "Usage: "); ok {
		return s
	}
	return "clippings " + c.name + " " + c.args
}

// roffText sets help text as man page paragraphs: wrapped lines are
// filled, blank lines start a paragraph, indented lines (examples) keep
// their own line.
func roffText(s string) string {
	var b strings.Builder
	for i, line := range strings.Split(s, "\n") {
		switch {
		case strings.TrimSpace(line) == "":
			b.WriteString("\n.PP")
			continue
		case strings.HasPrefix(line, " "):
			b.WriteString("\n.br\n")
		case i > 0:
			b.WriteString("\n")
		}
		b.WriteString(roff(strings.TrimSpace(line)))
	}
	return b.String()
}

// roff escapes text for a man page: backslashes, hyphens (so they are not
// broken as soft hyphens), characters beyond ASCII (as \[uXXXX], which
// every troff reads whatever its input encoding) and a leading dot or quote
// that would start a request.
func roff(s string) string {
	var b strings.Builder
	for _, r := range s {
		switch {
		case r == '\\':
			b.WriteString(`\e`)
		case r == '-':
			b.WriteString(`\-`)
		case r > 0x7e:
			fmt.Fprintf(&b, `\[u%04X]`, r)
		default:
			b.WriteRune(r)
		}
	}
	s = b.String()
	lines := strings.Split(s, "\n")
	for i, l := range lines {
		if strings.HasPrefix(l, ".") || strings.HasPrefix(l, "'") {
			lines[i] = `\&` + l
		}
	}
	return strings.Join(lines, "\n.br\n")
}
