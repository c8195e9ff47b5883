package fetch

import (
	"go/parser"
	"go/token"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// networkPackages are the imports that open connections.
var networkPackages = map[string]bool{
	"net": true, "net/http": true, "net/http/httputil": true, "net/rpc": true, "net/smtp": true, "crypto/tls": true,
}

// TestOnlyFetchGoesOnTheNetwork reads the imports of every Go file of
// Clippings (tests aside): no package but this one may open a connection,
// so a page is only ever fetched because the user gave its address. The
// behaviour is tested too: importing pages full of references to a local
// server asks it for nothing (importer's TestImportingLoadsNothing).
func TestOnlyFetchGoesOnTheNetwork(t *testing.T) {
	root, err := filepath.Abs("..")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(root, "go.mod")); err != nil {
		t.Fatalf("the module's root is not %s: %v", root, err)
	}
	files := 0
	err = filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && (d.Name() == "testdata" || strings.HasPrefix(d.Name(), ".")) && path != root {
			return fs.SkipDir
		}
		if d.IsDir() || !strings.HasSuffix(path, ".go") || strings.HasSuffix(path, "_test.go") {
			return nil
		}
		f, err := parser.ParseFile(token.NewFileSet(), path, nil, parser.ImportsOnly)
		if err != nil {
			return err
		}
		files++
		rel, _ := filepath.Rel(root, path)
		for _, imp := range f.Imports {
			name, _ := strconv.Unquote(imp.Path.Value)
			if networkPackages[name] && filepath.Dir(rel) != "fetch" {
				t.Errorf("%s imports %s: only fetch/ may go on the network", rel, name)
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if files < 100 {
		t.Fatalf("read only %d Go files under %s", files, root)
	}
}
