-- Doc keys as dense as the date order allows (see db/dockeys.go).
--
-- The full-text index and the forms index key each article by its doc
-- key. Until now that was (day << 32) | id: FTS5 stores the difference
-- between consecutive keys of a word's list of articles as a varint, and
-- with the day in the high 32 bits nearly every difference took 5 bytes.
-- From this version a key is (day << 16) | n, n the article's place
-- within its day (measured on the bench's bodies: the index a fifth
-- smaller). The article's id is no longer in its key: articles.doc, with
-- its unique index, is the mapping.
--
-- A day holding more than 65,536 articles (100,000 undated files imported
-- the same day are filed under that day) goes on into the keys of the
-- days after it, as long as none of them holds an article yet; doc_spills
-- says how far each such day's keys reach, so date filters and the
-- day of a key stay exact.
CREATE TABLE doc_spills (
	day  INTEGER PRIMARY KEY, -- days since 1000-01-01
	last INTEGER NOT NULL     -- the highest key the day may hold
);

-- The articles stored before keep their keys until Store.Reindex
-- re-keys them in the background, in key order (that is date order), a
-- batch per transaction, each article's index entries moved to its new
-- key in the same transaction: articles with a key below next hold dense
-- keys, the others (day << 32) | id, and the two kinds sort together in
-- date order (db/dockeys.go), so the index serves searches throughout.
--
-- no backup: this adds to the schema, rewriting no article.
CREATE TABLE rekey (
	next INTEGER NOT NULL
);

INSERT INTO rekey (next) SELECT 0 WHERE EXISTS (SELECT 1 FROM articles);
