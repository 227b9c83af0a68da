// The library's full-text index and search, in both SQL dialects: SQLite FTS5 (unicode61 with
// remove_diacritics 2) and PostgreSQL tsvector/GIN over accent-folded text. This is the one
// place with raw SQL for the library; everything else goes through Prisma.
//
// Matching is the same on both databases: words are lower-cased and accent-folded, every query
// word must appear (as a word or the start of one), no stemming. Ranking weighs the title over
// tags over the description over the file's text. Visibility is part of the SQL, so a result
// count or a page never includes what the reader may not open.
import type { Db } from "~/infra/db.server";
import { databaseKind } from "~/infra/database-url";
import { env } from "~/infra/env.server";
import type { Actor } from "./permissions";
import * as libraryPolicy from "./policies/library";

type Client = Pick<Db, "$executeRawUnsafe" | "$queryRawUnsafe">;

const isPostgres = () => databaseKind(env().DATABASE_URL) === "postgresql";

/** Lower-case and strip accents (é → e, ç → c), keeping one character per character of NFC text. */
export function fold(text: string): string {
  return text.normalize("NFD").replace(/\p{M}+/gu, "").toLowerCase();
}

/** The words a query searches for: folded, at least two characters, at most eight. */
export function queryWords(query: string): string[] {
  const words = fold(query).match(/[\p{L}\p{N}]+/gu) ?? [];
  return [...new Set(words.filter((w) => w.length >= 2))].slice(0, 8);
}

export interface IndexedText {
  id: string;
  title: string;
  tags: string;
  description: string;
  body: string;
}

/** Replaces a resource's entry in the index. Call inside the transaction that writes the resource. */
export async function indexResource(client: Client, doc: IndexedText): Promise<void> {
  await unindexResource(client, doc.id);
  if (isPostgres()) {
    await client.$executeRawUnsafe(
      `INSERT INTO "library_search" ("resource_id", "document") VALUES ($1,
        setweight(to_tsvector('simple', $2), 'A') || setweight(to_tsvector('simple', $3), 'B') ||
        setweight(to_tsvector('simple', $4), 'C') || setweight(to_tsvector('simple', $5), 'D'))`,
      doc.id, fold(doc.title), fold(doc.tags), fold(doc.description), fold(doc.body),
    );
  } else {
    await indexNewResources(client, [doc]);
  }
}

/** Adds many new resources to the index in one statement (bulk imports, re-indexing). */
export async function indexNewResources(client: Client, docs: IndexedText[]): Promise<void> {
  if (docs.length === 0) return;
  const params: unknown[] = [];
  if (isPostgres()) {
    const rows = docs.map((doc) => {
      const at = params.push(doc.id, fold(doc.title), fold(doc.tags), fold(doc.description), fold(doc.body)) - 4;
      return `($${at}, setweight(to_tsvector('simple', $${at + 1}), 'A') || setweight(to_tsvector('simple', $${at + 2}), 'B') ||
        setweight(to_tsvector('simple', $${at + 3}), 'C') || setweight(to_tsvector('simple', $${at + 4}), 'D'))`;
    });
    await client.$executeRawUnsafe(`INSERT INTO "library_search" ("resource_id", "document") VALUES ${rows.join(", ")}`, ...params);
  } else {
    // The contentless FTS5 table is keyed by integer rowid; the key table maps it to the resource.
    const keys = await client.$queryRawUnsafe<Array<{ key: number | bigint; resource_id: string }>>(
      `INSERT INTO "library_search_key" ("resource_id") VALUES ${docs.map(() => "(?)").join(", ")} RETURNING "key", "resource_id"`,
      ...docs.map((doc) => doc.id),
    );
    const keyOf = new Map(keys.map((row) => [row.resource_id, Number(row.key)]));
    for (const doc of docs) params.push(keyOf.get(doc.id), doc.title, doc.tags, doc.description, doc.body);
    await client.$executeRawUnsafe(
      `INSERT INTO "library_search" ("rowid", "title", "tags", "description", "body") VALUES ${docs.map(() => "(?, ?, ?, ?, ?)").join(", ")}`,
      ...params,
    );
  }
}

export async function unindexResource(client: Client, id: string): Promise<void> {
  if (isPostgres()) {
    await client.$executeRawUnsafe(`DELETE FROM "library_search" WHERE "resource_id" = $1`, id);
    return;
  }
  await client.$executeRawUnsafe(`DELETE FROM "library_search" WHERE "rowid" IN (SELECT "key" FROM "library_search_key" WHERE "resource_id" = ?)`, id);
  await client.$executeRawUnsafe(`DELETE FROM "library_search_key" WHERE "resource_id" = ?`, id);
}

export interface SearchFilters {
  query: string;
  theme?: string;
  /** One tag, as parseTags stores it (lower-case). */
  tag?: string;
  type?: string;
  language?: string;
  addedById?: string;
  from?: Date;
  /** Exclusive upper bound. */
  until?: Date;
  sort: "relevance" | "newest" | "oldest" | "title";
  limit: number;
  offset: number;
}

export interface SearchHit {
  id: string;
}

/** Ids of the resources the reader may open that match, in order, and how many match in all. */
export async function searchIds(client: Client, reader: Actor, filters: SearchFilters): Promise<{ ids: string[]; total: number }> {
  const postgres = isPostgres();
  const params: unknown[] = [];
  const p = (value: unknown) => {
    params.push(value);
    return postgres ? `$${params.length}` : "?";
  };
  const words = queryWords(filters.query);
  const where: string[] = [];
  let from = `"LibraryResource" r`;
  let rank = "0";

  if (words.length > 0) {
    if (postgres) {
      from = `"library_search" s JOIN "LibraryResource" r ON r."id" = s."resource_id"`;
      const tsquery = words.map((w) => `'${w}':*`).join(" & ");
      where.push(`s."document" @@ to_tsquery('simple', ${p(tsquery)})`);
      // ts_rank's default weights (D 0.1, C 0.2, B 0.4, A 1.0) already favour the title.
      rank = `ts_rank(s."document", to_tsquery('simple', ${p(tsquery)}))`;
    } else {
      // FTS5's bm25() only works in a plain query on the virtual table, hence the subquery.
      // bm25 is lower-is-better; negated so both dialects sort "rank DESC".
      const match = p(words.map((w) => `"${w}"*`).join(" "));
      from = `(SELECT "rowid" AS "key", -bm25("library_search", 10.0, 5.0, 3.0, 1.0) AS score
          FROM "library_search" WHERE "library_search" MATCH ${match}) s
        JOIN "library_search_key" k ON k."key" = s."key"
        JOIN "LibraryResource" r ON r."id" = k."resource_id"`;
      rank = `s.score`;
    }
  }

  // The reader's permissions are part of the query: counts and pages never include what they may not open.
  const visible = libraryPolicy.visibleSql(reader, p);
  if (visible) where.push(visible);
  if (filters.theme) where.push(`r."themes" LIKE ${p(`% ${filters.theme} %`)}`);
  // Stored tags read " a | b "; framed as " | a | b | " every tag sits between " | " and " | ".
  if (filters.tag) where.push(`(' |' || r."tags" || '| ') LIKE ${p(`% | ${escapeLike(filters.tag)} | %`)} ESCAPE '\\'`);
  if (filters.type) where.push(`r."type" = ${p(filters.type)}`);
  if (filters.language) where.push(`r."language" = ${p(filters.language)}`);
  if (filters.addedById) where.push(`r."addedById" = ${p(filters.addedById)}`);
  if (filters.from) where.push(`r."createdAt" >= ${p(dateParam(filters.from, postgres))}`);
  if (filters.until) where.push(`r."createdAt" < ${p(dateParam(filters.until, postgres))}`);

  const order = {
    relevance: words.length ? `rank DESC, r."createdAt" DESC` : `r."createdAt" DESC`,
    newest: `r."createdAt" DESC`,
    oldest: `r."createdAt" ASC`,
    title: `lower(r."title") ASC`,
  }[filters.sort];

  const sql = `SELECT r."id" AS "id", ${rank} AS rank, COUNT(*) OVER () AS total
    FROM ${from}
    ${where.length ? `WHERE ${where.join(" AND ")}` : ""}
    ORDER BY ${order}, r."id"
    LIMIT ${p(filters.limit)} OFFSET ${p(filters.offset)}`;
  const rows = await client.$queryRawUnsafe<Array<{ id: string; total: number | bigint }>>(sql, ...params);
  return { ids: rows.map((row) => row.id), total: rows.length ? Number(rows[0].total) : filters.offset > 0 ? -1 : 0 };
}

// Prisma's SQLite adapter stores DateTime as ISO-8601 text; PostgreSQL takes the Date itself.
function dateParam(date: Date, postgres: boolean): unknown {
  return postgres ? date : date.toISOString();
}

// --- Snippets --------------------------------------------------------------------------------

export interface SnippetPart {
  text: string;
  isMatch: boolean;
}

/**
 * A short passage around the first place a query word appears, split into parts so the page
 * can mark the matches. Works on the original text (accents kept) while matching folded words.
 */
export function snippet(text: string, words: string[], width = 220): SnippetPart[] | null {
  if (!text || words.length === 0) return null;
  const folded = foldSameLength(text);
  const pattern = new RegExp(`(?<![\\p{L}\\p{N}])(?:${words.map(escapeRegExp).join("|")})[\\p{L}\\p{N}]*`, "gu");
  const first = pattern.exec(folded);
  if (!first) return null;
  let start = Math.max(0, first.index - Math.floor(width / 3));
  if (start > 0) {
    const space = text.indexOf(" ", start);
    if (space !== -1 && space < first.index) start = space + 1;
  }
  let end = Math.min(text.length, start + width);
  if (end < text.length) {
    const space = text.lastIndexOf(" ", end);
    if (space > first.index) end = space;
  }
  const parts: SnippetPart[] = [];
  if (start > 0) parts.push({ text: "… ", isMatch: false });
  const window = folded.slice(start, end);
  let cursor = 0;
  pattern.lastIndex = 0;
  for (let match = pattern.exec(window); match; match = pattern.exec(window)) {
    if (match.index > cursor) parts.push({ text: text.slice(start + cursor, start + match.index), isMatch: false });
    parts.push({ text: text.slice(start + match.index, start + match.index + match[0].length), isMatch: true });
    cursor = match.index + match[0].length;
  }
  if (cursor < window.length) parts.push({ text: text.slice(start + cursor, end), isMatch: false });
  if (end < text.length) parts.push({ text: " …", isMatch: false });
  return parts.map((part) => ({ ...part, text: part.text.replace(/\s+/g, " ") }));
}

/** fold(), but guaranteed to keep positions: characters whose folding changes length stay as they are. */
function foldSameLength(text: string): string {
  const fast = fold(text);
  if (fast.length === text.length) return fast;
  let out = "";
  for (const ch of text) {
    const f = fold(ch);
    out += f.length === ch.length ? f : ch.toLowerCase().length === ch.length ? ch.toLowerCase() : ch;
  }
  return out;
}

function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, "\\$&");
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
