-- Organising: tags, star, read/unread, a note per article, metadata edits
-- that survive re-extraction, and saved searches.
--
-- Search stays one FTS5 query: what the user adds is put in the full-text
-- index too, so `mali tag:"mali coup" is:unread` is a single MATCH. A filter
-- kept in a table of its own would need `rowid IN (subquery)`, which makes
-- FTS5 walk every match of the words.

ALTER TABLE articles ADD COLUMN note    TEXT    NOT NULL DEFAULT ''; -- the user's note, plain text or Markdown
ALTER TABLE articles ADD COLUMN tags    TEXT    NOT NULL DEFAULT ''; -- tag names, one per line, for display
ALTER TABLE articles ADD COLUMN starred INTEGER NOT NULL DEFAULT 0;
ALTER TABLE articles ADD COLUMN read    INTEGER NOT NULL DEFAULT 0;  -- new imports are unread
-- Metadata the user corrected, as JSON {"title": …, "authors": […], "source": …,
-- "published": …, "url": …}: re-extraction applies it again.
ALTER TABLE articles ADD COLUMN edits   TEXT    NOT NULL DEFAULT '{}';
-- Index-only tokens (see keys.go): one per tag, the read and starred state,
-- and the language. Each ends in a digit, so the Porter stemmer leaves it
-- whole, and starts with one, so no word a user types reaches it.
ALTER TABLE articles ADD COLUMN keys    TEXT    NOT NULL DEFAULT '';

-- Articles imported before read state existed were seen in the list:
-- they start read, so an upgraded archive does not turn all bold.
UPDATE articles SET read = 1,
	keys = '0lang' || CASE WHEN language GLOB '[a-z][a-z]' THEN language ELSE 'none' END || '0 0isread0';

-- A tag is its name, matched without regard to case: `key` is the folded
-- name (see foldTag). Counts are kept here so the sidebar reads one row per
-- tag instead of counting the links.
CREATE TABLE tags (
	id       INTEGER PRIMARY KEY,
	name     TEXT    NOT NULL,        -- as the user first wrote it
	key      TEXT    NOT NULL UNIQUE,
	articles INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE article_tags (
	tag_id     INTEGER NOT NULL REFERENCES tags(id) ON DELETE CASCADE,
	article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
	PRIMARY KEY (tag_id, article_id)
) WITHOUT ROWID;

CREATE INDEX article_tags_article ON article_tags(article_id);

CREATE TRIGGER article_tags_count_insert AFTER INSERT ON article_tags BEGIN
	UPDATE tags SET articles = articles + 1 WHERE id = new.tag_id;
END;

-- A tag no article carries any more disappears from the sidebar.
CREATE TRIGGER article_tags_count_delete AFTER DELETE ON article_tags BEGIN
	UPDATE tags SET articles = articles - 1 WHERE id = old.tag_id;
	DELETE FROM tags WHERE id = old.tag_id AND articles <= 0;
END;

-- Saved searches, in the order the user keeps them.
CREATE TABLE saved_searches (
	id       INTEGER PRIMARY KEY,
	name     TEXT    NOT NULL UNIQUE,
	query    TEXT    NOT NULL,
	sort     TEXT    NOT NULL DEFAULT 'relevance',
	position INTEGER NOT NULL
);

-- The full-text index gains the note and the keys. FTS5 cannot add columns,
-- so it is made again with the same tokenizer and options and rebuilt from
-- the articles.
DROP TRIGGER articles_fts_delete;
DROP TRIGGER articles_fts_update;
DROP TABLE articles_fts;

CREATE VIRTUAL TABLE articles_fts USING fts5(
	title, subtitle, authors, source, body, captions, note, keys,
	content = 'articles',
	content_rowid = 'doc',
	tokenize = 'porter unicode61 remove_diacritics 2',
	prefix = '2 3'  -- as in 0001
);

INSERT INTO articles_fts(articles_fts, rank) VALUES ('hashsize', 8388608);
INSERT INTO articles_fts(articles_fts, rank) VALUES ('automerge', 8);
INSERT INTO articles_fts(articles_fts) VALUES ('rebuild');

-- As in 0001, the Store indexes new articles itself. It also keeps the index
-- in step itself when it changes an article (tags, star, read, note, edits,
-- re-extraction): an UPDATE firing a trigger that writes to FTS5 made FTS5
-- write a new segment for nearly every article (measured: 26 segments and
-- 560 ms for 1,000 updates, against 2 segments and 340 ms done directly, in
-- index order). So there is no update trigger: articles must be changed
-- only through the Store (see Store.rewrite), never by a bare UPDATE.
CREATE TRIGGER articles_fts_delete AFTER DELETE ON articles BEGIN
	INSERT INTO articles_fts(articles_fts, rowid, title, subtitle, authors, source, body, captions, note, keys)
	VALUES ('delete', old.doc, old.title, old.subtitle, old.authors, old.source, old.body, old.captions, old.note, old.keys);
END;
