-- Hand-written (the model diff cannot express it): the library's full-text index.
-- Kept by app/domain/library-search.server.ts in the same transaction as each resource write,
-- and independent of the model tables, so it applies in any order relative to them.
-- unicode61 with remove_diacritics 2 folds accents: "equite" matches "équité".
CREATE VIRTUAL TABLE "library_search" USING fts5(
  "resource_id" UNINDEXED,
  "title",
  "tags",
  "description",
  "body",
  tokenize = 'unicode61 remove_diacritics 2'
);
