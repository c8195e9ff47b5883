package cli

import (
	"context"
	"fmt"
	"io"
	"regexp"
	"strings"
)

// shells are the shells `clippings completion` writes a script for.
var shells = []string{"bash", "zsh", "fish"}

func runCompletion(_ context.Context, env Env, args []string) int {
	fs, _ := newFlags(env, "completion", "bash|zsh|fish",
		"Print the shell completion script for bash, zsh or fish. For example:\n"+
			"  bash: clippings completion bash > ~/.local/share/bash-completion/completions/clippings\n"+
			"  zsh:  clippings completion zsh > \"${fpath[1]}/_clippings\"\n"+
			"  fish: clippings completion fish > ~/.config/fish/completions/clippings.fish\n\n"+
			"The Debian package installs all three")
	if ok, status := parse(fs, args); !ok {
		return status
	}
	if fs.NArg() != 1 {
		fmt.Fprintln(env.Stderr, "clippings completion: name one shell: bash, zsh or fish")
		return ExitUsage
	}
	cs := describeCommands()
	switch fs.Arg(0) {
	case "bash":
		writeBash(env.Stdout, cs)
	case "zsh":
		writeZsh(env.Stdout, cs)
	case "fish":
		writeFish(env.Stdout, cs)
	default:
		fmt.Fprintf(env.Stderr, "clippings completion: no script for %q; the shells are bash, zsh and fish\n", fs.Arg(0))
		return ExitUsage
	}
	return ExitOK
}

// choicesRe finds a flag's fixed values in a command's synopsis:
// "--sort relevance|newest|oldest".
var choicesRe = regexp.MustCompile(`--([\w-]+) ([a-z]+(?:\|[a-z]+)+)`)

// choices maps a command's flags to their fixed values.
func (c commandHelp) choices() map[string][]string {
	m := map[string][]string{}
	for _, sub := range choicesRe.FindAllStringSubmatch(c.args, -1) {
		m[sub[1]] = strings.Split(sub[2], "|")
	}
	return m
}

// takesFiles tells whether the command's operands are files or folders.
func (c commandHelp) takesFiles() bool {
	operands := regexp.MustCompile(`\[[^\]]*\]|--[\w-]+(?: [A-Z|a-z]+)?`).ReplaceAllString(c.args, "")
	return regexp.MustCompile(`\b(PATH|FILE|DIR)\b`).MatchString(operands)
}

// operandWords are an operand's fixed values ("bash|zsh|fish"), if any.
func (c commandHelp) operandWords() []string {
	if regexp.MustCompile(`^[a-z]+(\|[a-z]+)+$`).MatchString(c.args) {
		return strings.Split(c.args, "|")
	}
	return nil
}

// takesPath tells whether a flag's value is a file or a folder.
func (f flagHelp) takesPath() bool { return f.value == "FILE" || f.value == "DIR" }

func writeBash(w io.Writer, cs []commandHelp) {
	fmt.Fprint(w, `# bash completion for clippings; made by `+"`clippings completion bash`"+`
_clippings() {
  local cur=${COMP_WORDS[COMP_CWORD]} prev=${COMP_WORDS[COMP_CWORD-1]}
  local IFS=$'\n'
  if ((COMP_CWORD == 1)); then
    if [[ $cur == -* ]]; then
      COMPREPLY=($(compgen -W '--db'$'\n''--version'$'\n''--help' -- "$cur"))
    else
      COMPREPLY=($(compgen -W '`+strings.Join(names(cs), `'$'\n''`)+`' -- "$cur") $(compgen -f -- "$cur"))
    fi
    return
  fi
  case ${COMP_WORDS[1]} in
`)
	for _, c := range cs {
		fmt.Fprintf(w, "  %s)\n    case $prev in\n", c.name)
		choices := c.choices()
		for _, f := range c.flags {
			switch {
			case f.takesPath():
				fmt.Fprintf(w, "    --%s) COMPREPLY=($(compgen -f -- \"$cur\")); return ;;\n", f.name)
			case choices[f.name] != nil:
				fmt.Fprintf(w, "    --%s) COMPREPLY=($(compgen -W '%s' -- \"$cur\")); return ;;\n", f.name, strings.Join(choices[f.name], `'$'\n''`))
			case f.value != "":
				fmt.Fprintf(w, "    --%s) return ;;\n", f.name)
			}
		}
		fmt.Fprintf(w, "    esac\n    if [[ $cur == -* ]]; then\n      COMPREPLY=($(compgen -W '%s' -- \"$cur\"))\n", strings.Join(flagNames(c.flags, "--"), `'$'\n''`))
		switch {
		case c.takesFiles():
			fmt.Fprint(w, "    else\n      COMPREPLY=($(compgen -f -- \"$cur\"))\n")
		case c.operandWords() != nil:
			fmt.Fprintf(w, "    else\n      COMPREPLY=($(compgen -W '%s' -- \"$cur\"))\n", strings.Join(c.operandWords(), `'$'\n''`))
		}
		fmt.Fprint(w, "    fi ;;\n")
	}
	fmt.Fprint(w, "  esac\n}\ncomplete -o filenames -F _clippings clippings\n")
}

func writeZsh(w io.Writer, cs []commandHelp) {
	fmt.Fprint(w, "#compdef clippings\n# zsh completion for clippings; made by `clippings completion zsh`\n_clippings() {\n  local -a commands\n  commands=(\n")
	for _, c := range cs {
		fmt.Fprintf(w, "    %s\n", zshQuote(c.name+":"+c.summary))
	}
	fmt.Fprint(w, "  )\n  if ((CURRENT == 2)); then\n    _describe -t commands command commands\n    _files\n    return\n  fi\n  case $words[2] in\n")
	for _, c := range cs {
		fmt.Fprintf(w, "  %s)\n    _arguments -s", c.name)
		choices := c.choices()
		for _, f := range c.flags {
			spec := "--" + f.name + "[" + zshBracket(f.usage) + "]"
			switch {
			case f.takesPath():
				spec += ":" + strings.ToLower(f.value) + ":_files"
			case choices[f.name] != nil:
				spec += ":" + f.name + ":(" + strings.Join(choices[f.name], " ") + ")"
			case f.value != "":
				spec += ":" + strings.ToLower(f.value) + ": "
			}
			fmt.Fprintf(w, " \\\n      %s", zshQuote(spec))
		}
		switch {
		case c.takesFiles():
			fmt.Fprint(w, " \\\n      '*:file:_files'")
		case c.operandWords() != nil:
			fmt.Fprintf(w, " \\\n      %s", zshQuote("1:shell:("+strings.Join(c.operandWords(), " ")+")"))
		}
		fmt.Fprint(w, " ;;\n")
	}
	fmt.Fprint(w, "  esac\n}\n_clippings \"$@\"\n")
}

func writeFish(w io.Writer, cs []commandHelp) {
	fmt.Fprint(w, "# fish completion for clippings; made by `clippings completion fish`\ncomplete -c clippings -f\n")
	fmt.Fprint(w, "complete -c clippings -n __fish_use_subcommand -l db -r -F -d 'archive FILE'\n")
	fmt.Fprint(w, "complete -c clippings -n __fish_use_subcommand -l version -d 'print the version and exit'\n")
	for _, c := range cs {
		fmt.Fprintf(w, "complete -c clippings -n __fish_use_subcommand -a %s -d %s\n", c.name, fishQuote(c.summary))
		cond := fishQuote("__fish_seen_subcommand_from " + c.name)
		choices := c.choices()
		for _, f := range c.flags {
			line := fmt.Sprintf("complete -c clippings -n %s -l %s", cond, f.name)
			switch {
			case f.takesPath():
				line += " -r -F"
			case choices[f.name] != nil:
				line += " -x -a " + fishQuote(strings.Join(choices[f.name], " "))
			case f.value != "":
				line += " -x"
			}
			fmt.Fprintf(w, "%s -d %s\n", line, fishQuote(f.usage))
		}
		switch {
		case c.takesFiles():
			fmt.Fprintf(w, "complete -c clippings -n %s -F\n", cond)
		case c.operandWords() != nil:
			fmt.Fprintf(w, "complete -c clippings -n %s -x -a %s\n", cond, fishQuote(strings.Join(c.operandWords(), " ")))
		}
	}
}

func names(cs []commandHelp) []string {
	out := make([]string, len(cs))
	for i, c := range cs {
		out[i] = c.name
	}
	return out
}

func flagNames(flags []flagHelp, dash string) []string {
	out := make([]string, len(flags))
	for i, f := range flags {
		out[i] = dash + f.name
	}
	return out
}

// zshQuote quotes a word for zsh (single quotes, ' as '\”).
func zshQuote(s string) string { return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'" }

// zshBracket makes text safe inside an _arguments description's brackets.
func zshBracket(s string) string {
	return strings.NewReplacer("[", "(", "]", ")", ":", " -").Replace(s)
}

// fishQuote quotes a word for fish (single quotes; \ and ' escaped).
func fishQuote(s string) string {
	return "'" + strings.NewReplacer(`\`, `\\`, "'", `\'`).Replace(s) + "'"
}
