package db

import (
	"testing"

	"github.com/clippings/clippings/internal/fsperm"
)

// makeReadOnly makes path unwritable for this process (see fsperm).
func makeReadOnly(t *testing.T, path string) { fsperm.MakeReadOnly(t, path) }
