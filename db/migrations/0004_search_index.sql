-- The search index made again, smaller and faster to rank, and the
-- originals kept with their articles.
--
-- The body is the index's first column: FTS5 writes a column marker
-- before each word's positions in any column but the first, and the
-- body holds nearly all the words (measured on the same texts: an index
-- of 132% of the text with the body fifth of eight columns, 99% with it
-- first). The prefix indexes stay of two and three letters: without the
-- two-letter one (a quarter of the index), `gl*` searched as `gl OR gla*
-- OR glb* …` over the three-letter one took 313 ms at 100,000 articles
-- instead of 11 ms.
--
-- Re-indexing a large archive takes long (half an hour at a million
-- articles), so it does not happen here: the old index is renamed
-- articles_fts_v3 and goes on serving searches, kept up to date, while
-- Store.Backfill fills the new one in the background, in doc order, a
-- batch per transaction, resuming where it stopped (the reindex row:
-- articles with id <= last_id and doc < next_doc are in the new index,
-- as are all articles with id > last_id, which were added since). Once
-- done, the old index is emptied in steps and dropped.
--
-- no backup: this adds to the schema and renames, rewriting no article,
-- so the archive is not copied first (see rewritesData).
DROP TRIGGER articles_fts_delete;
ALTER TABLE articles_fts RENAME TO articles_fts_v3;

-- A renamed FTS5 table's trigger keeps the old name for the table's own
-- hidden column: it is made again.
CREATE TRIGGER articles_fts_v3_delete AFTER DELETE ON articles BEGIN
	INSERT INTO articles_fts_v3(articles_fts_v3, rowid, title, subtitle, authors, source, body, captions, note, keys)
	VALUES ('delete', old.doc, old.title, old.subtitle, old.authors, old.source, old.body, old.captions, old.note, old.keys);
END;

CREATE VIRTUAL TABLE articles_fts USING fts5(
	body, title, subtitle, authors, source, captions, note, keys,
	content = 'articles',
	content_rowid = 'doc',
	tokenize = 'porter unicode61 remove_diacritics 2',
	prefix = '2 3'
);

INSERT INTO articles_fts(articles_fts, rank) VALUES ('hashsize', 8388608);
INSERT INTO articles_fts(articles_fts, rank) VALUES ('automerge', 8);

CREATE TABLE reindex (
	next_doc INTEGER NOT NULL,
	last_id  INTEGER NOT NULL
);

INSERT INTO reindex (next_doc, last_id) SELECT 0, max(id) FROM articles HAVING count(*) > 0;

-- An article leaves the new index only if it is in it.
CREATE TRIGGER articles_fts_delete AFTER DELETE ON articles
WHEN NOT EXISTS (SELECT 1 FROM reindex) OR old.id > (SELECT last_id FROM reindex) OR old.doc < (SELECT next_doc FROM reindex)
BEGIN
	INSERT INTO articles_fts(articles_fts, rowid, body, title, subtitle, authors, source, captions, note, keys)
	VALUES ('delete', old.doc, old.body, old.title, old.subtitle, old.authors, old.source, old.captions, old.note, old.keys);
END;

-- The compressed original file, in the article's row: in a table of its
-- own SQLite put each original of 2–4 KB on a 4 KB page of its own (a
-- third of the originals' pages was empty: 1.5 GB at a million articles),
-- while a row that overflows fills its overflow pages. Articles stored
-- before keep theirs in originals.
ALTER TABLE articles ADD COLUMN original_codec TEXT;
ALTER TABLE articles ADD COLUMN original BLOB;
