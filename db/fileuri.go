package db

import (
	"net/url"
	"path/filepath"
	"strings"
)

// fileURI is the SQLite URI of the database file at path, with query
// (already encoded). On Windows a path such as C:\Users\me\a.db must
// become file:///C:/Users/me/a.db: as file:C:%5CUsers… SQLite reads "C:"
// as the URI's authority and refuses it ("invalid uri authority"), which
// kept Clippings.exe from opening any archive.
func fileURI(path, query string) string {
	return (&url.URL{Scheme: "file", Path: uriPath(path, filepath.Separator), RawQuery: query}).String()
}

// uriPath turns a file path into a URI path, for a system whose path
// separator is sep.
func uriPath(path string, sep byte) string {
	if sep == '\\' {
		path = strings.ReplaceAll(path, `\`, "/")
		if len(path) >= 2 && path[1] == ':' { // a drive letter
			path = "/" + path
		}
	}
	return path
}
