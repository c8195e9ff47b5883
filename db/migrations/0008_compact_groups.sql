-- Band keys and signatures of copies stored compactly (see db/compactgroups.go).
--
-- At 100,000 bench articles signatures and band keys took 117 MB, 25% of
-- the text: a signature kept 128 whole 32-bit MinHash values (517 bytes),
-- and each of an article's 32 band keys was a row of an 8-byte key and
-- the article's id. Now a signature keeps the low 8 bits of each value
-- (neardup's b-bit MinHash, version 2: 132 bytes) and a key is 32-bit,
-- stored in 4 bytes.
--
-- no backup: this renames and adds, rewriting no article. The old keys'
-- table stays as bands_v1, still searched for the articles not converted
-- yet, while Store.Backfill converts them in the background (the backfill
-- row 'compact-groups': each article's signature re-encoded and its new
-- keys made from the old signature's whole values, no text read), then
-- drops it. The keys in bands_recent are converted the first time the
-- writer reads them (at most bandMergeAt articles). An archive with
-- nothing to convert keeps an empty bands_v1.
ALTER TABLE bands RENAME TO bands_v1;

CREATE TABLE bands (
	band       INTEGER NOT NULL,
	article_id INTEGER NOT NULL,
	PRIMARY KEY (band, article_id)
) WITHOUT ROWID;

INSERT INTO backfill (name, next_id) SELECT 'compact-groups', 0
	WHERE EXISTS (SELECT 1 FROM signatures) OR EXISTS (SELECT 1 FROM bands_v1);
