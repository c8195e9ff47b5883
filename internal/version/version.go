// Package version says which build of Clippings is running: the release
// number (from FyneApp.toml, the one place it is written), the commit it
// was built from and the archive format it writes.
package version

import (
	"bufio"
	"bytes"
	"fmt"
	"runtime/debug"
	"strings"
	"sync"
)

// Number is the release, e.g. "0.4.0"; main sets it from FyneApp.toml at
// start. "dev" only in tests and tools that do not.
var Number = "dev"

// FromFyneApp reads the Version of FyneApp.toml's [Details] table.
func FromFyneApp(toml []byte) (string, error) {
	section := ""
	sc := bufio.NewScanner(bytes.NewReader(toml))
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		if strings.HasPrefix(line, "[") {
			section = strings.Trim(line, "[]")
			continue
		}
		key, value, ok := strings.Cut(line, "=")
		if ok && section == "Details" && strings.TrimSpace(key) == "Version" {
			v := strings.Trim(strings.TrimSpace(value), `"`)
			if v == "" {
				break
			}
			return v, nil
		}
	}
	return "", fmt.Errorf("FyneApp.toml: no Version in [Details]")
}

// linkedCommit is set by scripts/release (-ldflags -X): go build records
// the commit itself, but not in a git worktree.
var linkedCommit string

// Commit is the commit this binary was built from, as go build records
// it from git (first 12 hex digits, "+changes" when the tree differed from
// it), or "unknown" when built outside a checkout.
var Commit = sync.OnceValue(func() string {
	if linkedCommit != "" {
		return linkedCommit
	}
	info, ok := debug.ReadBuildInfo()
	if !ok {
		return "unknown"
	}
	return commitOf(info.Settings)
})

func commitOf(settings []debug.BuildSetting) string {
	rev, modified := "", false
	for _, s := range settings {
		switch s.Key {
		case "vcs.revision":
			rev = s.Value
		case "vcs.modified":
			modified = s.Value == "true"
		}
	}
	if rev == "" {
		return "unknown"
	}
	if len(rev) > 12 {
		rev = rev[:12]
	}
	if modified {
		rev += "+changes"
	}
	return rev
}
