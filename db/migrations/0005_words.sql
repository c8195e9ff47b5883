-- The words of the archive's texts as written, for prefix searches that
-- find what they say (see db/prefix.go and db/words.go).
--
-- The index holds Porter stems, and a stem stands for several words: the
-- stem "negoti" for "negotiations" and for "negotiable". Each word here is
-- folded as the index folds it (lower case, no accents) and paired with
-- the stem the index holds for it, so a prefix is expanded to the stems of
-- the words starting with it, and each stem is known to stand only for
-- such words (its articles surely match) or for others too (they are
-- read). Words are added as texts enter the index and never removed.
--
-- Keyed by the word for the prefix's range; by the stem for the words a
-- stem stands for. WITHOUT ROWID: the key is the row.
--
-- no backup: this adds to the schema, rewriting no article. The words of
-- the articles already stored are listed in the background
-- (Store.IndexWords, the backfill row 'words'); until then prefix searches
-- check their candidates as before.
CREATE TABLE words (
	word TEXT NOT NULL PRIMARY KEY,
	stem TEXT NOT NULL
) WITHOUT ROWID;

CREATE INDEX words_stem ON words (stem);

INSERT INTO backfill (name, next_id) SELECT 'words', 0 WHERE EXISTS (SELECT 1 FROM articles);
