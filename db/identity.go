package db

import (
	"context"
	"database/sql"
	"fmt"
)

// ApplicationID marks an SQLite file as a Clippings archive (PRAGMA
// application_id, bytes 68–71 of the file header): "Clip" in ASCII. It is
// set when an archive is created, so another program's database is told
// apart before anything is written to it, whatever its user_version says.
const ApplicationID = 0x436c6970

// identify tells what the SQLite file behind probe is, reading only, and
// returns its schema version. A file with Clippings' application id is an
// archive (refused when newer than supported); one without is an archive
// only when it has the tables and columns every version of Clippings wrote
// (archives made before the id existed); an empty database is a new
// archive. Anything else is another program's, and ErrNotDatabase.
func identify(ctx context.Context, probe *sql.DB, path string, supported int) (version int, err error) {
	var appID int64
	if err := probe.QueryRowContext(ctx, "PRAGMA application_id").Scan(&appID); err != nil {
		return 0, describeOpenError(path, err)
	}
	if err := probe.QueryRowContext(ctx, "PRAGMA user_version").Scan(&version); err != nil {
		return 0, describeOpenError(path, err)
	}
	var tables int
	if err := probe.QueryRowContext(ctx, "SELECT count(*) FROM sqlite_schema").Scan(&tables); err != nil {
		return 0, describeOpenError(path, err)
	}
	foreign := func(why string) error {
		return fmt.Errorf("%s is an SQLite database of another program (%s), not a Clippings archive; it was left untouched — choose another file: %w", path, why, ErrNotDatabase)
	}
	switch {
	case appID == ApplicationID:
		if version > supported {
			return version, &TooNewError{Path: path, Version: version, Supported: supported}
		}
		return version, nil
	case appID != 0:
		return version, foreign(fmt.Sprintf("its application id is %#x", appID))
	case tables == 0 && version == 0:
		return 0, nil // empty: SQLite's new database
	case tables == 0:
		return version, foreign(fmt.Sprintf("no tables, schema version %d", version))
	case version < 1 || version > supported:
		return version, foreign(fmt.Sprintf("schema version %d", version))
	}
	ok, err := hasEarlierSchema(ctx, probe)
	if err != nil {
		return version, describeOpenError(path, err)
	}
	if !ok {
		return version, foreign("its tables are not Clippings'")
	}
	return version, nil
}

// earlierSchema is what every archive written before the application id
// has: the tables of the first version, with the columns Clippings relies
// on from then on.
var earlierSchema = map[string][]string{
	"articles":  {"id", "doc", "title", "body", "published", "added", "content_hash", "file_sha256"},
	"originals": {"article_id", "codec", "data"},
}

// hasEarlierSchema reports whether the database has the tables and
// columns of earlierSchema, and the full-text index.
func hasEarlierSchema(ctx context.Context, probe *sql.DB) (bool, error) {
	var fts int
	if err := probe.QueryRowContext(ctx, "SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name = 'articles_fts' AND sql LIKE '%fts5%'").Scan(&fts); err != nil {
		return false, err
	}
	if fts != 1 {
		return false, nil
	}
	for table, columns := range earlierSchema {
		have := map[string]bool{}
		rows, err := probe.QueryContext(ctx, "SELECT name FROM pragma_table_info(?)", table)
		if err != nil {
			return false, err
		}
		for rows.Next() {
			var name string
			if err := rows.Scan(&name); err != nil {
				rows.Close()
				return false, err
			}
			have[name] = true
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return false, err
		}
		for _, c := range columns {
			if !have[c] {
				return false, nil
			}
		}
	}
	return true, nil
}
