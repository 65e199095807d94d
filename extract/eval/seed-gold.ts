/**
 * Scoring an extraction against a curated data set (the seed): for each article, the extraction of its
 * story against the graph of the OTHER articles, compared with the entities and relationships the data set
 * draws from that article. Used by `npm run bench:extract` and tests/extract.test.ts.
 */
import type { Draft } from "../../core/draft.ts";
import { knownFromDataset, type KnownEntity } from "../known.ts";
import { normaliseName } from "../normalise.ts";

export interface GoldNode {
  label: string;
  id: string;
  name?: string;
  aliases?: string[];
  text?: string;
  title?: string;
  [key: string]: unknown;
}
export interface GoldRelationship {
  type: string;
  start: string;
  end: string;
  article?: string;
  articles?: string[];
  evidence?: string[];
}
export interface GoldDataset {
  nodes: GoldNode[];
  relationships: GoldRelationship[];
}

const articlesOf = (r: GoldRelationship) => (r.articles ? r.articles : r.article ? [r.article] : []);

/** The entities an article's facts touch (its own node left out). */
export function entitiesOf(gold: GoldDataset, article: string): Set<string> {
  const out = new Set<string>();
  for (const r of gold.relationships)
    if (articlesOf(r).includes(article)) for (const id of [r.start, r.end]) if (id !== article) out.add(id);
  return out;
}

/** The graph of every article but `article`: its entities as known entities, places from those articles. */
export function knownWithout(gold: GoldDataset, article: string): KnownEntity[] {
  const articles = gold.nodes.filter((n) => n.label === "Article" && n.id !== article).map((n) => n.id);
  const ids = new Set(articles.flatMap((a) => [...entitiesOf(gold, a)]));
  return knownFromDataset({
    nodes: gold.nodes.filter((n) => ids.has(n.id)),
    relationships: gold.relationships.filter((r) => articlesOf(r).some((a) => a !== article)),
  });
}

export interface Counts {
  tp: number;
  predicted: number;
  gold: number;
}
export const emptyCounts = (): Counts => ({ tp: 0, predicted: 0, gold: 0 });
export const add = (a: Counts, b: Counts): Counts => ({
  tp: a.tp + b.tp,
  predicted: a.predicted + b.predicted,
  gold: a.gold + b.gold,
});
export const precision = (c: Counts) => (c.predicted === 0 ? NaN : c.tp / c.predicted);
export const recall = (c: Counts) => (c.gold === 0 ? NaN : c.tp / c.gold);

export interface ArticleScore {
  article: string;
  links: Counts;
  ambiguousLinks: number;
  newByLabel: Record<string, Counts>;
  relationshipsByType: Record<string, Counts>;
  mentions: Counts;
  evidence: { verbatim: number; total: number };
  missedLinks: string[];
  missedNew: string[];
  wrongNew: string[];
  wrongRelationships: string[];
}

/** Scores one article's draft (extracted against knownWithout(gold, article)). */
export function scoreArticle(
  gold: GoldDataset,
  article: string,
  draft: Draft,
  known: KnownEntity[],
): ArticleScore {
  const knownIds = new Set(known.map((k) => k.id));
  const goldEntities = entitiesOf(gold, article);
  const goldLinks = [...goldEntities].filter((id) => knownIds.has(id));
  const goldNew = [...goldEntities].filter((id) => !knownIds.has(id));
  const byId = new Map(gold.nodes.map((n) => [n.id, n]));
  const score: ArticleScore = {
    article,
    links: emptyCounts(),
    ambiguousLinks: 0,
    newByLabel: {},
    relationshipsByType: {},
    mentions: emptyCounts(),
    evidence: { verbatim: 0, total: 0 },
    missedLinks: [],
    missedNew: [],
    wrongNew: [],
    wrongRelationships: [],
  };
  const exactLinks = draft.nodes
    .filter((n) => n.review.kind === "link" && !n.review.ambiguous)
    .map((n) => n.id);
  score.ambiguousLinks = draft.nodes.filter((n) => n.review.kind === "link" && n.review.ambiguous).length;
  score.links = {
    tp: exactLinks.filter((id) => goldLinks.includes(id)).length,
    predicted: exactLinks.length,
    gold: goldLinks.length,
  };
  score.missedLinks = goldLinks.filter((id) => !exactLinks.includes(id));

  // Proposals ↔ gold new entities, by label and name or alias.
  const names = (n: GoldNode) =>
    [n.name, ...(n.aliases ?? [])].filter((x): x is string => !!x).map(normaliseName);
  const mapped = new Map<string, string>(); // draft id → gold id
  for (const id of exactLinks) mapped.set(id, id);
  const proposals = draft.nodes.filter((n) => n.review.kind === "new");
  for (const p of proposals) {
    const pNames = [p.name as string, ...((p.aliases as string[] | undefined) ?? [])].map(normaliseName);
    const match = [...goldEntities]
      .map((id) => byId.get(id)!)
      .find((g) => g.label === p.label && names(g).some((x) => pNames.includes(x)));
    if (match) mapped.set(p.id, match.id);
  }
  for (const label of new Set([
    ...proposals.map((p) => p.label),
    ...goldNew.map((id) => byId.get(id)!.label),
  ])) {
    const mine = proposals.filter((p) => p.label === label);
    const theirs = goldNew.filter((id) => byId.get(id)!.label === label);
    const hits = new Set(
      mine.map((p) => mapped.get(p.id)).filter((id): id is string => !!id && theirs.includes(id)),
    );
    score.newByLabel[label] = { tp: hits.size, predicted: mine.length, gold: theirs.length };
    score.missedNew.push(
      ...theirs.filter((id) => !hits.has(id)).map((id) => `${label} ${byId.get(id)!.name}`),
    );
    score.wrongNew.push(
      ...mine
        .filter((p) => !mapped.has(p.id) || !theirs.includes(mapped.get(p.id)!))
        .map((p) => `${label} ${String(p.name)}`),
    );
  }

  // Relationships, by type, with both ends mapped to gold ids.
  const goldRels = gold.relationships.filter((r) => articlesOf(r).includes(article));
  const key = (t: string, s: string, e: string) => `${t} ${s} ${e}`;
  const goldKeys = new Set(goldRels.map((r) => key(r.type, r.start, r.end)));
  const map = (id: string) =>
    id === draft.nodes.find((n) => n.review.kind === "article")?.id ? article : (mapped.get(id) ?? id);
  for (const r of draft.relationships) {
    const k = key(r.type, map(r.start), map(r.end));
    const c = r.type === "MENTIONS" ? score.mentions : (score.relationshipsByType[r.type] ??= emptyCounts());
    c.predicted++;
    if (goldKeys.has(k)) c.tp++;
    else if (r.type !== "MENTIONS") score.wrongRelationships.push(k);
  }
  for (const r of goldRels)
    (r.type === "MENTIONS" ? score.mentions : (score.relationshipsByType[r.type] ??= emptyCounts())).gold++;

  // Evidence: every quote and every mention verbatim at its offsets.
  const article0 = draft.nodes.find((n) => n.review.kind === "article");
  const fieldText = (f: "title" | "text") => String(article0?.[f] ?? "");
  for (const r of draft.relationships) {
    score.evidence.total++;
    const at = r.review.evidenceAt;
    if (r.evidence.length === 1 && fieldText(at.field).slice(at.start, at.end) === r.evidence[0])
      score.evidence.verbatim++;
  }
  for (const n of draft.nodes)
    for (const m of n.review.mentions) {
      score.evidence.total++;
      if (fieldText(m.field).slice(m.start, m.end) === m.text) score.evidence.verbatim++;
    }
  return score;
}
