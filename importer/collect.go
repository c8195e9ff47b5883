package importer

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"syscall"

	"github.com/clippings/clippings/article"
)

// ErrNotArticleFile marks files skipped inside folders.
var ErrNotArticleFile = errors.New("not an article file")

// ErrNotRegular marks what is not a file with contents of its own: a named
// pipe, a socket, a device, a link that leads nowhere.
var ErrNotRegular = errors.New("not a regular file")

// notRegular says what a path that is not a regular file or a folder is.
// Reading a named pipe waits for a writer, for ever; a device may never
// end; neither holds an article.
func notRegular(mode fs.FileMode) error {
	what := "not a regular file"
	switch {
	case mode&fs.ModeNamedPipe != 0:
		what = "a named pipe (FIFO), not a file"
	case mode&fs.ModeSocket != 0:
		what = "a socket, not a file"
	case mode&fs.ModeDevice != 0:
		what = "a device, not a file"
	}
	return fmt.Errorf("%s: %w", what, ErrNotRegular)
}

// describeLink says why a symbolic link inside a folder is not followed, or
// nil for a link to a regular file, which is imported like one.
func describeLink(p string) error {
	target, err := os.Stat(p)
	switch {
	case errors.Is(err, syscall.ELOOP):
		return fmt.Errorf("a loop of symbolic links: %w", ErrNotRegular)
	case errors.Is(err, os.ErrNotExist):
		dest, _ := os.Readlink(p)
		return fmt.Errorf("a broken link (to %s, which does not exist): %w", dest, ErrNotRegular)
	case err != nil:
		return describeFileError(err)
	case target.IsDir():
		// Following links to folders could import a folder twice, or walk
		// a loop; the user may import that folder itself.
		return fmt.Errorf("a link to a folder, not followed (import %s itself to include it): %w", p, ErrNotRegular)
	case !target.Mode().IsRegular():
		return notRegular(target.Mode())
	}
	return nil
}

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
		if errors.Is(err, syscall.ELOOP) {
			err = fmt.Errorf("a loop of symbolic links: %w", ErrNotRegular)
		}
		if err != nil {
			early = append(early, Result{Path: abs, Status: Failed, Err: describeFileError(err)})
			continue
		}
		if !st.IsDir() && !st.Mode().IsRegular() {
			early = append(early, Result{Path: abs, Status: Failed, Err: notRegular(st.Mode())})
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
		return fmt.Errorf("file has no extension; Clippings reads %s: %w", article.ReadsText(), article.ErrUnsupported)
	}
	return fmt.Errorf("%s files are not supported; Clippings reads %s: %w", ext, article.ReadsText(), article.ErrUnsupported)
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
		if d.Type()&fs.ModeSymlink != 0 {
			// A link to a file is followed, once: it is imported as the
			// file (WalkDir never follows links, so no loop is walked).
			if err := describeLink(p); err != nil {
				skipped = append(skipped, Result{Path: p, Status: Skipped, Err: err})
				return nil
			}
		} else if !d.Type().IsRegular() {
			skipped = append(skipped, Result{Path: p, Status: Skipped, Err: notRegular(d.Type())})
			return nil
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
	for _, ext := range article.Extensions(article.FormatHTML) {
		if _, err := os.Stat(base + ext); err == nil {
			return true
		}
	}
	return false
}
