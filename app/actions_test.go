package app

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/clippings/clippings/app/reader"
)

func TestCopyTextPutsTheArticleOnTheClipboard(t *testing.T) {
	ui, _ := newTestUI(t)
	dropFixtures(t, ui, maliFile)
	ui.reader.CopyText()
	got := ui.app.Clipboard().Content()
	for _, want := range []string{maliTitle, "Maria Zakharova said", "\n\n"} {
		if !strings.Contains(got, want) {
			t.Errorf("clipboard lacks %q:\n%s", want, got)
		}
	}
	if strings.ContainsAny(got, "\x02\x03") {
		t.Error("clipboard text contains highlight marks")
	}
}

func TestOriginalIsRecoveredFromTheArchiveWhenTheFileIsGone(t *testing.T) {
	ui, _ := newTestUI(t)
	data, err := os.ReadFile(fixture(t, maliFile))
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "saved.txt")
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
	drop(t, ui, path)
	a := shownArticle(ui)
	if a == nil {
		t.Fatal("imported article not shown")
	}
	if err := os.Remove(path); err != nil {
		t.Fatal(err)
	}

	copied, err := reader.WriteOriginal(ui.ctx, ui.store, a.ID, a.File.Name)
	if err != nil {
		t.Fatal(err)
	}
	defer os.RemoveAll(filepath.Dir(copied))
	got, err := os.ReadFile(copied)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, data) {
		t.Error("the recovered original differs from the imported file")
	}
	if filepath.Base(copied) != "saved.txt" {
		t.Errorf("recovered as %q; keeping the name lets the right program open it", filepath.Base(copied))
	}
	ui.reader.OpenOriginal() // must not fail or block with the file gone
	ui.WaitIdle()
}
