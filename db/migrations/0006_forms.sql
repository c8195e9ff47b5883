-- The inflected forms of each article's words, for prefix searches that
-- find exactly what they say at any size (see db/forms.go).
--
-- A prefix whose words share a stem with words outside it (reporter* and
-- "report", the stem of "reported" too) left the articles of that stem in
-- doubt, read one by one, and unchecked above 20,000. This index holds,
-- per article (its doc key, as the full-text index), the words as written
-- (folded as the words table folds them) that are not their own stem
-- ("reporters", "reported", "news"; not "report" or "new"), and those that
-- are but end in "e", "i" or "bl", what Porter writes at a stem's end for
-- words without it ("make", the stem of "making"). The articles holding
-- one of a prefix's words of such a stem are then one query of this index.
--
-- Words only, no positions (detail=none), no stemming, no copy of the text
-- (contentless; contentless_delete lets an entry be removed by its key):
-- 9.8% of the text at 100,000 bench articles; all their words would be
-- about 56% (measured on 20,000).
--
-- no backup: this adds to the schema, rewriting no article. The articles
-- already stored get their entries in the background (Store.IndexWords,
-- the backfill row 'forms'); until then prefix searches read the articles
-- in doubt as before.
CREATE VIRTUAL TABLE article_forms USING fts5(
	forms,
	content = '', contentless_delete = 1, detail = none,
	tokenize = 'unicode61 remove_diacritics 2'
);

CREATE TRIGGER article_forms_delete AFTER DELETE ON articles BEGIN
	DELETE FROM article_forms WHERE rowid = old.doc;
END;

INSERT INTO backfill (name, next_id) SELECT 'forms', 0 WHERE EXISTS (SELECT 1 FROM articles);
