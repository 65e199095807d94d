/** GET /api/search: full-text over names, English names, aliases and pinyin, best matches first. */
import type { FastifyInstance } from "fastify";
import type { SearchResponse } from "../../core/api-types.ts";
import { loadCypher } from "../../core/cypher-files.ts";
import type { GraphDb } from "../../core/graph-db.ts";
import type { PlainNode } from "../../core/plain-values.ts";
import { toGraphNode } from "../../core/subgraph.ts";
import { ApiError } from "../errors.ts";

const LUCENE_SPECIAL = /[+\-&|!(){}[\]^"~*?:\\/]/g;

/**
 * A Lucene query from free text: the whole text as a phrase (Chinese is indexed as character pairs),
 * plus a prefix query for every Latin word and for the words run together (`Tong-Wu-Lang` → tongwulang*,
 * the form of the pinyin keys). Every special character is escaped: no input is a syntax error.
 */
export function luceneQuery(text: string): string {
  const phrase = text.replace(/"/g, " ").replace(/\\/g, " ").trim();
  const words = text.toLowerCase().match(/[a-z0-9]+/g) ?? [];
  const parts = phrase ? [`"${phrase.replace(LUCENE_SPECIAL, "\\$&")}"^4`] : [];
  for (const word of new Set([...words, words.join("")])) if (word) parts.push(`${word}*`);
  return parts.join(" OR ");
}

const searchQuery = {
  type: "object",
  required: ["q"],
  properties: {
    q: { type: "string", minLength: 1, maxLength: 200 },
    limit: { type: "integer", minimum: 1, maximum: 100, default: 20 },
  },
  additionalProperties: false,
} as const;

export function registerSearchRoutes(app: FastifyInstance, db: GraphDb): void {
  app.get<{ Querystring: { q: string; limit: number } }>(
    "/api/search",
    { schema: { querystring: searchQuery } },
    async (request) => {
      const q = request.query.q.trim();
      const lucene = luceneQuery(q);
      if (!lucene)
        throw new ApiError(
          400,
          "bad-request",
          "Type a name, an English name, an alias or pinyin to search for.",
        );
      const { rows } = await db.read(loadCypher("explore/search"), {
        lucene,
        candidates: request.query.limit * 3,
      });
      const wanted = q.toLowerCase();
      const exact = (node: PlainNode) =>
        [
          node.properties.name,
          node.properties.nameEn,
          ...((node.properties.aliases as string[] | undefined) ?? []),
        ].some((n) => typeof n === "string" && n.toLowerCase() === wanted);
      // Exact names and aliases first, then Lucene's score.
      const hits = rows
        .map((row) => ({ node: row.n as PlainNode, score: Number(row.score), degree: Number(row.degree) }))
        .sort((a, b) => Number(exact(b.node)) - Number(exact(a.node)) || b.score - a.score)
        .slice(0, request.query.limit)
        .map((hit) => ({ node: toGraphNode(hit.node, hit.degree), score: hit.score }));
      const response: SearchResponse = { query: q, hits };
      return response;
    },
  );
}
