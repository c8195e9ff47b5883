package db

import "testing"

func TestURIPath(t *testing.T) {
	for _, tc := range []struct {
		path string
		sep  byte
		want string
	}{
		{"/home/me/.local/share/clippings/clippings.db", '/', "/home/me/.local/share/clippings/clippings.db"},
		{"/tmp/a b/%20?.db", '/', "/tmp/a b/%20?.db"},
		{`C:\Users\me\AppData\Roaming\Clippings\clippings.db`, '\\', "/C:/Users/me/AppData/Roaming/Clippings/clippings.db"},
		{`\\server\share\a.db`, '\\', "//server/share/a.db"},
	} {
		if got := uriPath(tc.path, tc.sep); got != tc.want {
			t.Errorf("uriPath(%q) = %q, want %q", tc.path, got, tc.want)
		}
	}
	// The query survives and the path is escaped once.
	if got, want := fileURI("/tmp/a b/x?.db", "mode=ro"), "file:///tmp/a%20b/x%3F.db?mode=ro"; got != want {
		t.Errorf("fileURI = %q, want %q", got, want)
	}
}
