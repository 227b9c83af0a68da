-- Hand-written (the model diff cannot express it): the library's full-text index.
-- Kept by app/domain/library-search.server.ts in the same transaction as each resource write,
-- and independent of the model tables, so it applies in any order relative to them.
-- The text is accent-folded in the application before to_tsvector('simple', ...), so the same
-- words match on both databases and no extension (unaccent) needs superuser rights.
CREATE TABLE "library_search" (
  "resource_id" TEXT PRIMARY KEY,
  "document" TSVECTOR NOT NULL
);
-- Serves: every search (document @@ to_tsquery(...)).
CREATE INDEX "library_search_document_idx" ON "library_search" USING GIN ("document");
