/**
 * The Neo4j schema Guanxi keeps for a graph schema, as Cypher: a uniqueness constraint on `id` for every
 * label, and one full-text index, `entity_names`, over every name a node goes by (caption properties,
 * English names, aliases and pinyin keys) with the `cjk` analyzer — Chinese is indexed as overlapping
 * character pairs, so 通武廊 finds “通武廊”劳模和工匠人才创新工作室联盟, and `tongwulang*` finds it by pinyin.
 *
 * Schema commands take no parameters, so these are built here from names, each quoted as an identifier.
 * Browser-safe: `guanxi ingest`, `guanxi index` and the Cypher script export all use it.
 */
import { CAPTION_CANDIDATES, KEY_PROPERTY, type GraphSchema } from "./graph-schema.ts";

export const FULLTEXT_INDEX = "entity_names";

/** Searched on every label when present: Guanxi's name properties and its pinyin keys. */
export const SEARCH_PROPERTIES: readonly string[] = ["name", "nameEn", "aliases", "pinyin"];

function quote(name: string): string {
  return `\`${name.replace(/`/g, "``")}\``;
}

/** `organisation_id` for Organisation; names that are not plain ASCII identifiers get a short hash. */
export function keyConstraintName(label: string): string {
  const plain = label.toLowerCase();
  const safe = plain.replace(/[^a-z0-9_]/g, "_");
  if (safe === plain) return `${safe}_${KEY_PROPERTY}`;
  let hash = 2166136261;
  for (const char of label) hash = Math.imul(hash ^ char.codePointAt(0)!, 16777619) >>> 0;
  return `${safe.replace(/_+/g, "_")}_${hash.toString(36)}_${KEY_PROPERTY}`;
}

export function keyConstraintStatement(label: string): string {
  return `CREATE CONSTRAINT ${quote(keyConstraintName(label))} IF NOT EXISTS FOR (n:${quote(label)}) REQUIRE n.${quote(KEY_PROPERTY)} IS UNIQUE`;
}

/** What the full-text index covers. */
export interface SearchIndexPlan {
  labels: string[];
  properties: string[];
}

/** The index a schema wants: its labels; Guanxi's name properties, then each label's caption. */
export function searchIndexPlan(schema: GraphSchema): SearchIndexPlan {
  const properties = [...SEARCH_PROPERTIES];
  for (const label of schema.labels) {
    const caption = schema.captionProperty([label]);
    for (const p of caption ? [caption] : CAPTION_CANDIDATES) if (!properties.includes(p)) properties.push(p);
  }
  return { labels: schema.labels, properties };
}

/** The union of two plans, `a`'s order first: an index only ever grows, so no label loses its search. */
export function mergePlans(a: SearchIndexPlan, b: SearchIndexPlan): SearchIndexPlan {
  return {
    labels: [...new Set([...a.labels, ...b.labels])],
    properties: [...new Set([...a.properties, ...b.properties])],
  };
}

export function samePlan(a: SearchIndexPlan, b: SearchIndexPlan): boolean {
  const same = (x: string[], y: string[]) => x.length === y.length && x.every((v) => y.includes(v));
  return same(a.labels, b.labels) && same(a.properties, b.properties);
}

export function fulltextIndexStatement(plan: SearchIndexPlan): string {
  return (
    `CREATE FULLTEXT INDEX ${FULLTEXT_INDEX} IF NOT EXISTS FOR (n:${plan.labels.map(quote).join("|")}) ` +
    `ON EACH [${plan.properties.map((p) => `n.${quote(p)}`).join(", ")}] ` +
    "OPTIONS { indexConfig: { `fulltext.analyzer`: 'cjk' } }"
  );
}

/** Every statement for `schema` (or for these labels and this index), in the order they run. */
export function schemaStatements(labels: readonly string[], plan: SearchIndexPlan): string[] {
  return [...labels.map(keyConstraintStatement), fulltextIndexStatement(plan)];
}
