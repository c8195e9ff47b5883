package cli

import (
	"bytes"
	"context"
	"io"
	"regexp"
	"sort"
	"strings"
)

// commandHelp is one command as its own --help describes it: the text the
// man page and the shell completions are made from, so they never drift
// from what `clippings COMMAND --help` prints.
type commandHelp struct {
	command
	text  string     // the --help output
	flags []flagHelp // its flags, in --help order
}

type flagHelp struct {
	name, value, usage string // value is the placeholder (FILE, N, …) or "" for a switch
}

// helpFlag matches PrintDefaults' first line of a flag: "  -name VALUE".
var helpFlag = regexp.MustCompile(`^  -([A-Za-z][\w-]*)(?: (\S+))?$`)

// describeCommands runs every command with --help, as a user would, with an
// environment that shows the default archive's place generically.
func describeCommands() []commandHelp {
	env := Env{Stdout: io.Discard, Getenv: func(k string) string {
		if k == "HOME" {
			return "~"
		}
		return ""
	}}
	cs := commands()
	sort.Slice(cs, func(i, j int) bool { return cs[i].name < cs[j].name })
	out := make([]commandHelp, 0, len(cs))
	for _, c := range cs {
		var buf bytes.Buffer
		env.Stderr = &buf
		c.run(context.Background(), env, []string{"--help"})
		out = append(out, commandHelp{command: c, text: buf.String(), flags: parseFlagHelp(buf.String())})
	}
	return out
}

// parseFlagHelp reads the flags out of flag.PrintDefaults' output.
func parseFlagHelp(text string) []flagHelp {
	var flags []flagHelp
	lines := strings.Split(text, "\n")
	for i, line := range lines {
		m := helpFlag.FindStringSubmatch(line)
		if m == nil {
			continue
		}
		f := flagHelp{name: m[1], value: m[2]}
		if f.value == "string" || f.value == "int" || f.value == "value" {
			f.value = strings.ToUpper(f.value)
		}
		for _, l := range lines[i+1:] {
			if !strings.HasPrefix(l, "    \t") {
				break
			}
			f.usage = strings.TrimSpace(f.usage + " " + strings.TrimSpace(l))
		}
		flags = append(flags, f)
	}
	return flags
}
