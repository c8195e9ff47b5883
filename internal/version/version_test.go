package version

import (
	"os"
	"runtime/debug"
	"testing"
)

func TestFromFyneApp(t *testing.T) {
	for _, tc := range []struct {
		name, toml, want string
		fails            bool
	}{
		{name: "details", toml: "Website = \"x\"\n\n[Details]\nName = \"Clippings\"\nVersion = \"1.2.3\"\nBuild = 4\n", want: "1.2.3"},
		{name: "spaces", toml: "[Details]\n  Version   =   \"0.4.0\"  \n", want: "0.4.0"},
		{name: "other table", toml: "[Release]\nVersion = \"9.9.9\"\n[Details]\nVersion = \"0.1.0\"\n", want: "0.1.0"},
		{name: "missing", toml: "[Details]\nName = \"Clippings\"\n", fails: true},
		{name: "empty", toml: "[Details]\nVersion = \"\"\n", fails: true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, err := FromFyneApp([]byte(tc.toml))
			if tc.fails {
				if err == nil {
					t.Fatalf("got %q, want an error", got)
				}
				return
			}
			if err != nil || got != tc.want {
				t.Fatalf("got %q, %v; want %q", got, err, tc.want)
			}
		})
	}
}

// The repository's own FyneApp.toml must give a version: it is the one
// place the release number is written.
func TestRepositoryFyneApp(t *testing.T) {
	b, err := os.ReadFile("../../FyneApp.toml")
	if err != nil {
		t.Fatal(err)
	}
	if v, err := FromFyneApp(b); err != nil || v == "" {
		t.Fatalf("FyneApp.toml: %q, %v", v, err)
	}
}

func TestCommitOf(t *testing.T) {
	rev := "0123456789abcdef0123456789abcdef01234567"
	for _, tc := range []struct {
		name     string
		settings []debug.BuildSetting
		want     string
	}{
		{"clean", []debug.BuildSetting{{Key: "vcs.revision", Value: rev}, {Key: "vcs.modified", Value: "false"}}, "0123456789ab"},
		{"modified", []debug.BuildSetting{{Key: "vcs.revision", Value: rev}, {Key: "vcs.modified", Value: "true"}}, "0123456789ab+changes"},
		{"no vcs", []debug.BuildSetting{{Key: "GOOS", Value: "linux"}}, "unknown"},
	} {
		if got := commitOf(tc.settings); got != tc.want {
			t.Errorf("%s: got %q, want %q", tc.name, got, tc.want)
		}
	}
}
