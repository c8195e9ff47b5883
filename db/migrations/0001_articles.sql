-- Articles, their original files and a full-text index over them.
--
-- `doc` is the article's key in the full-text index: (day << 32) | id, where day
-- is the published date (or the import date when unknown) counted from
-- 1000-01-01. FTS5 keeps rowids in order, so "newest first" and date filters
-- (after:/before:) become cheap rowid scans and ranges instead of sorts.
CREATE TABLE articles (
	id            INTEGER PRIMARY KEY AUTOINCREMENT,
	doc           INTEGER NOT NULL UNIQUE,
	title         TEXT    NOT NULL,
	subtitle      TEXT    NOT NULL DEFAULT '',
	authors       TEXT    NOT NULL DEFAULT '', -- one per line
	source        TEXT    NOT NULL DEFAULT '',
	url           TEXT    NOT NULL DEFAULT '',
	published     TEXT,                        -- YYYY-MM-DD, NULL when unknown
	added         TEXT    NOT NULL,            -- RFC 3339, UTC
	language      TEXT    NOT NULL DEFAULT '',
	body          TEXT    NOT NULL,
	captions      TEXT    NOT NULL DEFAULT '', -- caption texts and credits, for the index
	captions_json TEXT    NOT NULL DEFAULT '[]',
	words         INTEGER NOT NULL DEFAULT 0,
	file_name     TEXT    NOT NULL DEFAULT '',
	file_path     TEXT    NOT NULL DEFAULT '',
	file_format   TEXT    NOT NULL DEFAULT '',
	file_size     INTEGER NOT NULL DEFAULT 0,
	file_sha256   TEXT    NOT NULL DEFAULT '',
	content_hash  BLOB    NOT NULL UNIQUE      -- SHA-256 of the normalised text: duplicates
);

CREATE INDEX articles_file_sha256 ON articles(file_sha256);

-- The bytes of the imported file, compressed, so an article can be
-- re-extracted later and nothing the user imported is lost.
CREATE TABLE originals (
	article_id INTEGER PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE,
	codec      TEXT NOT NULL,  -- "gzip" or "none"
	data       BLOB NOT NULL
);

CREATE VIRTUAL TABLE articles_fts USING fts5(
	title, subtitle, authors, source, body, captions,
	content = 'articles',
	content_rowid = 'doc',
	tokenize = 'porter unicode61 remove_diacritics 2',
	-- Prefix indexes make `co*` and `neg*` as fast as a word (30 ms instead
	-- of 750 ms for a two-letter prefix at 10,000 articles) for about a
	-- quarter more disk; import speed was unchanged (measured with
	-- `clippings bench`).
	prefix = '2 3'
);

-- Write bigger segments, and merge them less eagerly: FTS5 flushes its
-- in-memory index at 1 MB by default, which with prefix indexes meant a new
-- segment every few dozen articles (measured: -25% import time).
INSERT INTO articles_fts(articles_fts, rank) VALUES ('hashsize', 8388608);
INSERT INTO articles_fts(articles_fts, rank) VALUES ('automerge', 8);

-- New articles are indexed by Store.Add itself, in the same transaction,
-- rather than by an AFTER INSERT trigger: a trigger writing to FTS5 makes
-- every INSERT a statement savepoint, and FTS5 flushes its in-memory index to
-- a new segment at each one — a segment per article, three times slower.

CREATE TRIGGER articles_fts_delete AFTER DELETE ON articles BEGIN
	INSERT INTO articles_fts(articles_fts, rowid, title, subtitle, authors, source, body, captions)
	VALUES ('delete', old.doc, old.title, old.subtitle, old.authors, old.source, old.body, old.captions);
END;

CREATE TRIGGER articles_fts_update AFTER UPDATE OF doc, title, subtitle, authors, source, body, captions ON articles BEGIN
	INSERT INTO articles_fts(articles_fts, rowid, title, subtitle, authors, source, body, captions)
	VALUES ('delete', old.doc, old.title, old.subtitle, old.authors, old.source, old.body, old.captions);
	INSERT INTO articles_fts(rowid, title, subtitle, authors, source, body, captions)
	VALUES (new.doc, new.title, new.subtitle, new.authors, new.source, new.body, new.captions);
END;
