/**
 * A relationship's provenance as stored (core/schema/graph-schema.ts, PROVENANCE_PROPERTIES): `evidence[i]`
 * quoted from the document `articles[i]`. Also reads the older layout (one `article` for all the evidence)
 * and databases Guanxi did not create (evidence as one text, no article). Browser-safe.
 */
import type { Support } from "./model.ts";

export function relationshipSupports(properties: Readonly<Record<string, unknown>>): Support[] {
  const { evidence, articles, article } = properties;
  const quotes = Array.isArray(evidence)
    ? evidence.map(String)
    : typeof evidence === "string" && evidence !== ""
      ? [evidence]
      : [];
  return quotes.map((quote, i) => ({
    quote,
    article: Array.isArray(articles) ? String(articles[i] ?? "") : typeof article === "string" ? article : "",
  }));
}
