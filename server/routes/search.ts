/** GET /api/search?q=…&limit=N: full-text over names, English names, aliases and pinyin, best matches first. */
import { captionOf, type GraphSchema } from "../../core/schema/graph-schema.ts";
import type { FastifyInstance } from "fastify";
import type { SearchResponse } from "../../core/api-types.ts";
import { loadCypher } from "../../core/node/cypher-files.ts";
import type { GraphDb } from "../../core/node/graph-db.ts";
import { pinyinKeys } from "../../core/pinyin.ts";
import type { PlainNode } from "../../core/plain-values.ts";
import {
  isPinyinSyllable,
  latinWords,
  luceneQuery,
  matchRank,
  orderHits,
  RANK,
  scanPieces,
  syllablePosition,
} from "../search-query.ts";
import { BULK_OMITTED_PROPERTIES, toGraphNode } from "../../core/subgraph.ts";
import { ApiError } from "../errors.ts";
import { EXPLORE_TIMEOUT } from "../graph-reads.ts";
import { SCAN_LIMIT, type SearchStatusCache } from "../search-status.ts";

const searchQuery = {
  type: "object",
  required: ["q"],
  properties: {
    q: { type: "string", minLength: 1, maxLength: 200 },
    limit: { type: "integer", minimum: 1, maximum: 100, default: 20 },
  },
} as const;

const pinyinOf = (han: string) => pinyinKeys([han])[0];

/** Candidates read from the index per hit returned, re-ranked here (exact names first). */
const CANDIDATES_PER_HIT = 5;
/** A single pinyin syllable begins many names: read more candidates to find those that begin with it. */
const SYLLABLE_CANDIDATES = 500;

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
      const lucene = luceneQuery(q, pinyinOf);
      const { mode, notice } = await status.get();
      const response: SearchResponse = { query: q, hits: [], mode, ...(notice ? { notice } : {}) };
      if (!lucene) return response; // only punctuation: nothing to look for
      const words = latinWords(q);
      const syllable = words.length === 1 && isPinyinSyllable(words[0]!);
      const candidates = syllable
        ? SYLLABLE_CANDIDATES
        : Math.min(500, request.query.limit * CANDIDATES_PER_HIT);
      const { rows } =
        mode === "index"
          ? await db
              .read(loadCypher("explore/search"), { lucene, candidates }, EXPLORE_TIMEOUT)
              // Fuzzy terms are a help, never a failure: should Lucene refuse them (too complex), search
              // without them.
              .catch(() =>
                db.read(
                  loadCypher("explore/search"),
                  { lucene: luceneQuery(q, pinyinOf, { fuzzy: false }), candidates },
                  EXPLORE_TIMEOUT,
                ),
              )
          : await db.read(
              loadCypher("explore/search-scan"),
              {
                needle: q.normalize("NFKC").toLowerCase(),
                pieces: scanPieces(q),
                scanLimit: SCAN_LIMIT,
                candidates,
              },
              EXPLORE_TIMEOUT,
            );
      const ranked = rows.map((row) => {
        const node = row.n as PlainNode;
        const caption = captionOf(node.properties, node.labels, schema);
        const rank = matchRank(node, q, caption);
        return {
          hit: { node, score: Number(row.score), degree: Number(row.degree) },
          // A scan's candidate found only by a piece of a word is shown only when it is close.
          rank: row.exact === false && rank >= RANK.other ? RANK.none : rank,
          score: Number(row.score),
          degree: Number(row.degree),
          position: syllablePosition(node, q, caption),
        };
      });
      response.hits = orderHits(ranked, request.query.limit).map((hit) => ({
        node: toGraphNode(hit.node, hit.degree, BULK_OMITTED_PROPERTIES, schema),
        score: hit.score,
      }));
      return response;
    },
  );
}
