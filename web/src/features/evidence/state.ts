/**
 * The evidence filter's pure logic: which articles stand behind what is on screen, and which nodes and
 * relationships the chosen articles support. A relationship is supported by the articles its provenance
 * names (core/provenance.ts); a node by the articles of its supported relationships, and an article by
 * itself. Reads the graph, never writes it.
 */
import { relationshipSupports } from "../../../../core/provenance.ts";
import type { ExplorerGraph, Visibility } from "../graph-view/types.ts";

/** The ids of the articles a relationship's provenance names, each once. */
export function articleIdsOf(properties: Readonly<Record<string, unknown>>): string[] {
  return [...new Set(relationshipSupports(properties).map((s) => s.article))].filter((id) => id !== "");
}

export type Scope = NonNullable<Visibility["scope"]>;

/** What the chosen articles support on screen: their relationships, the ends of those, the articles. */
export function articleScope(graph: ExplorerGraph, articles: ReadonlySet<string>): Scope {
  const nodes = new Set<string>();
  const edges = new Set<string>();
  graph.forEachEdge((edge, attrs, source, target) => {
    if (!articleIdsOf(attrs.properties).some((id) => articles.has(id))) return;
    edges.add(edge);
    nodes.add(source);
    nodes.add(target);
  });
  graph.forEachNode((key, attrs) => {
    if (attrs.id !== undefined && articles.has(attrs.id)) nodes.add(key);
  });
  return { nodes, edges };
}

/** An article behind facts on screen. */
export interface ArticleOnScreen {
  id: string;
  /** Its node's key, when the article is on screen. */
  key?: string;
  /** Its name when on screen, else its id. */
  title: string;
  /** Relationships on screen it supports. */
  facts: number;
}

/**
 * The articles behind the relationships on screen, most facts first; an article on screen that supports
 * none of them is listed too (0 facts), so it can still be chosen.
 */
export function articlesOnScreen(
  graph: ExplorerGraph,
  isArticle: (category: string) => boolean = () => false,
): ArticleOnScreen[] {
  const facts = new Map<string, number>();
  graph.forEachEdge((_edge, attrs) => {
    for (const id of articleIdsOf(attrs.properties)) facts.set(id, (facts.get(id) ?? 0) + 1);
  });
  const nodes = new Map<string, { key: string; name: string }>();
  graph.forEachNode((key, attrs) => {
    if (attrs.id === undefined) return;
    if (facts.has(attrs.id) || isArticle(attrs.category)) nodes.set(attrs.id, { key, name: attrs.name });
  });
  const ids = new Set([...facts.keys(), ...nodes.keys()]);
  return [...ids]
    .map((id) => {
      const node = nodes.get(id);
      const entry: ArticleOnScreen = { id, title: node?.name ?? id, facts: facts.get(id) ?? 0 };
      if (node) entry.key = node.key;
      return entry;
    })
    .sort((a, b) => b.facts - a.facts || a.title.localeCompare(b.title) || a.id.localeCompare(b.id));
}

/** The chosen set with `id` added, or taken out when it was chosen. */
export function toggleArticle(chosen: ReadonlySet<string>, id: string): Set<string> {
  const next = new Set(chosen);
  if (next.has(id)) next.delete(id);
  else next.add(id);
  return next;
}

export function sameArticles(a: ReadonlySet<string>, b: ReadonlySet<string>): boolean {
  return a.size === b.size && [...a].every((id) => b.has(id));
}

/** What the undo button says of a change of the chosen articles. */
export function describeArticles(next: ReadonlySet<string>, titleOf: (id: string) => string): string {
  if (next.size === 0) return "Show the facts of every article";
  if (next.size === 1) return `Only the facts of 《${titleOf([...next][0]!)}》`;
  return `Only the facts of ${next.size} articles`;
}
