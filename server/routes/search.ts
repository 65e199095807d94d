/** GET /api/search?q=…&limit=N: full-text over names, English names, aliases and pinyin, best matches first. */
import { captionOf, type GraphSchema } from "../../core/schema/graph-schema.ts";
import type { FastifyInstance } from "fastify";
import type { SearchResponse } from "../../core/api-types.ts";
import { loadCypher } from "../../core/node/cypher-files.ts";
import type { GraphDb } from "../../core/node/graph-db.ts";
import { pinyinKeys } from "../../core/pinyin.ts";
import type { PlainNode } from "../../core/plain-values.ts";
import { BULK_OMITTED_PROPERTIES, toGraphNode } from "../../core/subgraph.ts";
import { ApiError } from "../errors.ts";
import { EXPLORE_TIMEOUT } from "../graph-reads.ts";
import { SCAN_LIMIT, type SearchStatusCache } from "../search-status.ts";

/** Lucene's special characters (`&&` and `||` are covered by escaping every & and |). */
const LUCENE_SPECIAL = /[+\-&|!(){}[\]^"~*?:\\/]/g;
const escapeLucene = (text: string) => text.replace(LUCENE_SPECIAL, "\\$&");

/**
 * A Lucene query from free text, for the `entity_names` index (cjk analyzer: Chinese is indexed as
 * character pairs, Latin text as lower-case words):
 * - the whole text as a phrase, boosted (通武廊 → the pairs 通武 武廊, adjacent);
 * - the text as loose words, so Chinese pairs that are not adjacent in a name still match;
 * - a prefix query for every Latin word (`beij*`, `tongzhou*`), and for the words run together, the form
 *   of the pinyin keys (`Tong-Wu-Lang` → `tongwulang*`);
 * - for a single Chinese character (never indexed alone), its pinyin as a key prefix (通 → `pinyin:tong*`).
 * Every special character is escaped and everything is lower case (so AND/OR/NOT are words, not operators):
 * no input is a syntax error. Empty when the text has nothing to search for.
 */
export function luceneQuery(text: string): string {
  const plain = text.normalize("NFKC").toLowerCase().replace(/\s+/g, " ").trim();
  const parts: string[] = [];
  const phrase = plain.replace(/["\\]/g, " ").trim();
  if (/[\p{L}\p{N}]/u.test(phrase)) {
    parts.push(`"${escapeLucene(phrase)}"^4`);
    // Loose words: Han runs and words only (punctuation alone would add nothing).
    const loose = phrase.match(/[\p{L}\p{N}]+/gu) ?? [];
    if (loose.length > 1 || /\p{Script=Han}/u.test(phrase))
      parts.push(`(${loose.map(escapeLucene).join(" ")})`);
  }
  // One Chinese character is not indexed on its own (pairs are): look for its pinyin at the start of a key.
  const han = plain.match(/\p{Script=Han}/gu) ?? [];
  const syllable = han.length === 1 ? pinyinKeys(han)[0] : undefined;
  if (syllable) parts.push(`pinyin:${syllable}*`);
  const words = plain.match(/[a-z0-9]+/g) ?? [];
  const prefixes = new Set(words);
  if (words.length > 1) prefixes.add(words.join(""));
  for (const word of prefixes) parts.push(`${word}*`);
  return parts.join(" OR ");
}

/** Lower case, width-folded, letters and digits only: "Tong-Wu-Lang" and "tongwulang" compare equal. */
export function normalise(text: string): string {
  return text
    .normalize("NFKC")
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]/gu, "");
}

/**
 * How well a node's names answer the text, best 0: 0 a name, English name, alias or the pinyin of one of
 * them is the text; 1 one of them starts with it; 2 one contains it; 3 only Lucene found it.
 */
export function matchRank(node: PlainNode, text: string, caption?: string): number {
  const wanted = normalise(text);
  if (!wanted) return 3;
  const p = node.properties;
  const names = [caption, p.name, p.title, ...(Array.isArray(p.aliases) ? p.aliases : [])].filter(
    (n): n is string => typeof n === "string",
  );
  const forms = [...names, ...(typeof p.nameEn === "string" ? [p.nameEn] : [])].map(normalise);
  // The pinyin of each whole name and alias (the first key of each: the one starting at its first syllable).
  for (const name of names) {
    const key = pinyinKeys([name])[0];
    if (key) forms.push(key);
  }
  if (forms.some((f) => f === wanted)) return 0;
  if (forms.some((f) => f.startsWith(wanted))) return 1;
  if (forms.some((f) => f.includes(wanted))) return 2;
  return 3;
}

const searchQuery = {
  type: "object",
  required: ["q"],
  properties: {
    q: { type: "string", minLength: 1, maxLength: 200 },
    limit: { type: "integer", minimum: 1, maximum: 100, default: 20 },
  },
} as const;

/** Candidates read from the index per hit returned, re-ranked here (exact names first). */
const CANDIDATES_PER_HIT = 5;

export function registerSearchRoutes(
  app: FastifyInstance,
  db: GraphDb,
  schema: GraphSchema,
  status: SearchStatusCache,
): void {
  app.get<{ Querystring: { q: string; limit: number } }>(
    "/api/search",
    { schema: { querystring: searchQuery } },
    async (request) => {
      const q = request.query.q.trim();
      if (!q) {
        throw new ApiError(
          400,
          "bad-request",
          "Invalid request: querystring/q must not be empty. Type a name, an English name, an alias or pinyin.",
        );
      }
      const lucene = luceneQuery(q);
      const { mode, notice } = await status.get();
      const response: SearchResponse = { query: q, hits: [], mode, ...(notice ? { notice } : {}) };
      if (!lucene) return response; // only punctuation: nothing to look for
      const candidates = Math.min(500, request.query.limit * CANDIDATES_PER_HIT);
      const { rows } =
        mode === "index"
          ? await db.read(loadCypher("explore/search"), { lucene, candidates }, EXPLORE_TIMEOUT)
          : await db.read(
              loadCypher("explore/search-scan"),
              { needle: q.normalize("NFKC").toLowerCase(), scanLimit: SCAN_LIMIT, candidates },
              EXPLORE_TIMEOUT,
            );
      response.hits = rows
        .map((row) => {
          const node = row.n as PlainNode;
          const caption = captionOf(node.properties, node.labels, schema);
          return {
            node,
            score: Number(row.score),
            degree: Number(row.degree),
            rank: matchRank(node, q, caption),
          };
        })
        .sort((a, b) => a.rank - b.rank || b.score - a.score || b.degree - a.degree)
        .slice(0, request.query.limit)
        .map((hit) => ({
          node: toGraphNode(hit.node, hit.degree, BULK_OMITTED_PROPERTIES, schema),
          score: hit.score,
        }));
      return response;
    },
  );
}
