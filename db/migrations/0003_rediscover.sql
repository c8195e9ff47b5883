-- Rediscover: copies of the same story grouped, and the people, places and
-- organisations each article names.
--
-- What an article's text reveals (its near-duplicate signature, its
-- entities) is computed in Go (packages neardup and entities), on the
-- importer's workers, and stored by Store.Add in the article's
-- transaction. Articles stored before this version get theirs from
-- Store.Backfill (see the backfill table below).

-- The MinHash signature of the article's body (neardup.Signature.Marshal):
-- compared with a candidate copy's by neardup.Similar.
CREATE TABLE signatures (
	article_id INTEGER PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE,
	data       BLOB    NOT NULL
);

-- LSH band keys (neardup.Signature.Bands, 32 per article): two copies of a
-- story almost surely share one, so a new article is compared only with the
-- articles its keys find. There is no foreign key: cascading a delete would
-- need an index on article_id as large as the table, so Store.Delete removes
-- an article's rows by the keys of its signature. A key left behind would
-- be harmless: candidates are read through their signatures, and ids are
-- never reused.
CREATE TABLE bands (
	band       INTEGER NOT NULL,
	article_id INTEGER NOT NULL,
	PRIMARY KEY (band, article_id)
) WITHOUT ROWID;

-- The band keys of the articles stored since bands was last brought up to
-- date, one row per article (its keys, 8 bytes each, little-endian). Keys
-- are random, so every article's 32 rows in bands land on 32 pages of it:
-- writing them with each import batch made an import write a page or more
-- per key (measured: band keys were 60% of what grouping added to an
-- import). Here they are appended, searched in memory (see recentBands),
-- and moved to bands in key order once thousands have gathered.
CREATE TABLE bands_recent (
	article_id INTEGER PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE,
	keys       BLOB    NOT NULL
);

-- Groups of copies. Only articles with at least one copy have a row (most
-- articles have none); a group is named by its smallest member id.
CREATE TABLE article_groups (
	article_id INTEGER PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE,
	group_id   INTEGER NOT NULL
);

CREATE INDEX article_groups_group ON article_groups(group_id, article_id);

-- An article that leaves its group (deleted, or re-extracted into another
-- text) leaves the others grouped: a member left alone is no group, and a
-- group whose name left is named by its smallest remaining member. (The
-- subquery of the UPDATE does not depend on the row, so SQLite runs it once,
-- before any row changes.)
CREATE TRIGGER article_groups_leave AFTER DELETE ON article_groups BEGIN
	DELETE FROM article_groups WHERE group_id = old.group_id
		AND (SELECT count(*) FROM article_groups WHERE group_id = old.group_id) = 1;
	UPDATE article_groups SET group_id = (SELECT min(article_id) FROM article_groups WHERE group_id = old.group_id)
		WHERE group_id = old.group_id AND old.article_id = old.group_id;
END;

-- The people, places and organisations an article names (entities.Extract
-- over its title and body), one per line: the kind's letter (p, l, o),
-- the mentions and the name, tab-separated, by kind and then by mentions.
-- One row per article rather than a row per link: storing 10–30 links and
-- their names took a sixth of an import's time (measured), and the archive
-- only ever reads an article's entities whole (the detail pane, counting a
-- search's results). Searching by entity goes through the index: each
-- entity is a token of the keys column (see rediscover.go).
CREATE TABLE article_entities (
	article_id INTEGER PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE,
	entities   TEXT    NOT NULL
);

-- Work a migration cannot do in SQL, done by Store.Backfill in batches (one
-- transaction each) and resumed where it stopped: `next_id` is the
-- article id from which articles may still lack their signature and
-- entities. The row goes when the work is done; an archive with no
-- articles has nothing to do.
CREATE TABLE backfill (
	name    TEXT    PRIMARY KEY,
	next_id INTEGER NOT NULL
);

INSERT INTO backfill (name, next_id) SELECT 'rediscover', 0 WHERE EXISTS (SELECT 1 FROM articles);
