/**
 * Evidence as a way in, browser-safe and pure: which articles support a fact (the inspector's
 * "Supported by"), and the correlation view's derived relationships between articles that share
 * entities (SHARES_ENTITIES, never written to the database).
 */
import type { GraphEdge, SharedEntitiesResponse, Subgraph, SupportDetails } from "./api-types.ts";

/** An article behind one or more facts: how many quotes it gives and how many facts they support. */
export interface ArticleSupport {
  /** The article's Guanxi id (what `articles[i]` of a relationship holds). */
  id: string;
  /** Its elementId, when the database holds the article. */
  key?: string;
  title: string;
  date?: string;
  quotes: number;
  facts: number;
}

/**
 * The articles supporting some facts, each fact given as its supports: most quotes first, then by title.
 * A quote repeated for several facts counts once per fact (it is evidence of each).
 */
export function supportingArticles(facts: readonly (readonly SupportDetails[])[]): ArticleSupport[] {
  const byId = new Map<string, ArticleSupport>();
  for (const supports of facts) {
    const seen = new Set<string>();
    for (const { article } of supports) {
      if (!article) continue;
      let entry = byId.get(article.id);
      if (!entry) {
        entry = { id: article.id, title: article.title, quotes: 0, facts: 0 };
        if (article.key !== undefined) entry.key = article.key;
        if (article.date !== undefined) entry.date = article.date;
        byId.set(article.id, entry);
      }
      entry.quotes++;
      if (!seen.has(article.id)) {
        seen.add(article.id);
        entry.facts++;
      }
    }
  }
  return [...byId.values()].sort(
    (a, b) => b.quotes - a.quotes || a.title.localeCompare(b.title) || a.id.localeCompare(b.id),
  );
}

/** The derived relationship type of the correlation view: two articles naming the same entities. */
export const SHARES_ENTITIES = "SHARES_ENTITIES";
const VIRTUAL_PREFIX = "virtual:shares:";

/** One key per pair of articles, whichever way round they are given. */
export function sharedEntitiesKey(a: string, b: string): string {
  return a < b ? `${VIRTUAL_PREFIX}${a}|${b}` : `${VIRTUAL_PREFIX}${b}|${a}`;
}

/** A relationship the explorer derived (not in the database: no inspector read, no evidence). */
export function isVirtualEdgeKey(key: string): boolean {
  return key.startsWith(VIRTUAL_PREFIX);
}

/**
 * The correlation view as a subgraph to add to the screen: the article, those sharing entities with it,
 * and one SHARES_ENTITIES link per pair that shares any, with `count` and the shared entities' names.
 */
export function correlationSubgraph(response: SharedEntitiesResponse): Subgraph {
  const edges: GraphEdge[] = response.links.map((link) => ({
    key: sharedEntitiesKey(link.source, link.target),
    type: SHARES_ENTITIES,
    source: link.source < link.target ? link.source : link.target,
    target: link.source < link.target ? link.target : link.source,
    properties: { count: link.count, shared: link.shared },
  }));
  return { nodes: [response.article, ...response.articles], edges };
}
