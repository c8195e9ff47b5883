package fetch

import (
	"go/ast"
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

// localSockets are the packages that import net only to talk to another
// process on this machine through a Unix-domain socket: every net.Listen
// and net.Dial* in them must name the "unix" network.
var localSockets = map[string]bool{
	"internal/instance": true, // a later start hands its files to the open window
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
		// third_party holds dependencies patched to start faster
		// (scripts/patch-*), read here no more than the others in the
		// module cache: go-domdistiller's ApplyForURL, which Clippings
		// never calls, fetches a page.
		if d.IsDir() && (d.Name() == "testdata" || d.Name() == "third_party" || strings.HasPrefix(d.Name(), ".")) && path != root {
			return fs.SkipDir
		}
		if d.IsDir() || !strings.HasSuffix(path, ".go") || strings.HasSuffix(path, "_test.go") {
			return nil
		}
		f, err := parser.ParseFile(token.NewFileSet(), path, nil, 0)
		if err != nil {
			return err
		}
		files++
		rel, _ := filepath.Rel(root, path)
		pkg := filepath.ToSlash(filepath.Dir(rel))
		for _, imp := range f.Imports {
			name, _ := strconv.Unquote(imp.Path.Value)
			switch {
			case !networkPackages[name] || pkg == "fetch":
			case name == "net" && localSockets[pkg]:
				checkUnixOnly(t, rel, f)
			default:
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

// checkUnixOnly fails unless every net.Listen and net.Dial* call in f
// names the "unix" network as a literal.
func checkUnixOnly(t *testing.T, rel string, f *ast.File) {
	ast.Inspect(f, func(n ast.Node) bool {
		call, ok := n.(*ast.CallExpr)
		if !ok {
			return true
		}
		sel, ok := call.Fun.(*ast.SelectorExpr)
		if !ok {
			return true
		}
		if pkg, ok := sel.X.(*ast.Ident); !ok || pkg.Name != "net" || !(strings.HasPrefix(sel.Sel.Name, "Dial") || strings.HasPrefix(sel.Sel.Name, "Listen")) {
			return true
		}
		if len(call.Args) == 0 {
			t.Errorf("%s: net.%s without a network", rel, sel.Sel.Name)
			return true
		}
		if lit, ok := call.Args[0].(*ast.BasicLit); !ok || lit.Value != `"unix"` {
			t.Errorf("%s: net.%s on a network other than \"unix\"", rel, sel.Sel.Name)
		}
		return true
	})
}
