package importer

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/clippings/clippings/article"
)

// ErrNotArticleFile marks files skipped inside folders.
var ErrNotArticleFile = errors.New("not an article file")

// Collect expands paths into the files to import. Folders are walked
// recursively; inside them, hidden entries, files of unsupported types and
// the asset folders of saved web pages are skipped with a reason. A path
// named explicitly that cannot be imported is a failure.
func Collect(paths []string) (files []string, early []Result) {
	seen := map[string]bool{}
	add := func(p string) {
		if !seen[p] {
			seen[p] = true
			files = append(files, p)
		}
	}
	for _, p := range paths {
		abs, err := filepath.Abs(p)
		if err != nil {
			early = append(early, Result{Path: p, Status: Failed, Err: err})
			continue
		}
		st, err := os.Stat(abs)
		if err != nil {
			early = append(early, Result{Path: abs, Status: Failed, Err: describeFileError(err)})
			continue
		}
		if !st.IsDir() {
			if err := importable(abs); err != nil {
				early = append(early, Result{Path: abs, Status: Failed, Err: err})
				continue
			}
			add(abs)
			continue
		}
		skipped := walk(abs, add)
		early = append(early, skipped...)
	}
	return files, early
}

func unsupported(path string) error {
	ext := strings.ToLower(filepath.Ext(path))
	if ext == "" {
		return fmt.Errorf("file has no extension; Clippings reads .txt, .html, .md, .eml and .pdf: %w", article.ErrUnsupported)
	}
	return fmt.Errorf("%s files are not supported; Clippings reads .txt, .html, .md, .eml and .pdf: %w", ext, article.ErrUnsupported)
}

func walk(root string, add func(string)) []Result {
	var skipped []Result
	var found []string
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			skipped = append(skipped, Result{Path: p, Status: Failed, Err: describeFileError(err)})
			if d != nil && d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		name := d.Name()
		if p != root && strings.HasPrefix(name, ".") {
			if d.IsDir() {
				return fs.SkipDir // hidden folders (.git, .cache) are not the user's articles
			}
			skipped = append(skipped, Result{Path: p, Status: Skipped, Err: errors.New("hidden file")})
			return nil
		}
		if d.IsDir() {
			if isSavedPageAssets(p) {
				return fs.SkipDir
			}
			return nil
		}
		if !d.Type().IsRegular() {
			return nil // sockets, devices, broken links
		}
		if err := importable(p); err != nil {
			skipped = append(skipped, Result{Path: p, Status: Skipped, Err: fmt.Errorf("%w (%w)", ErrNotArticleFile, err)})
			return nil
		}
		found = append(found, p)
		return nil
	})
	if err != nil {
		skipped = append(skipped, Result{Path: root, Status: Failed, Err: err})
	}
	sort.Strings(found)
	for _, f := range found {
		add(f)
	}
	return skipped
}

// isSavedPageAssets recognises the "NAME_files" folder a browser writes beside
// NAME.html when saving a complete web page: its images and scripts are not
// articles.
func isSavedPageAssets(dir string) bool {
	base, ok := strings.CutSuffix(dir, "_files")
	if !ok {
		return false
	}
	for _, ext := range []string{".html", ".htm", ".xhtml"} {
		if _, err := os.Stat(base + ext); err == nil {
			return true
		}
	}
	return false
}
