/**
 * Reads shared by several routes: nodes by key with their degree, the relationships among a set of
 * nodes, and a node's neighbours grouped by relationship type and direction, a page at a time.
 * Every statement starts from elementId seeks, never from a scan of the database.
 */
import type { NeighbourGroup, SupportDetails } from "../core/api-types.ts";
import { loadCypher, withSchemaNames } from "../core/node/cypher-files.ts";
import { captionOf, type GraphSchema } from "../core/schema/graph-schema.ts";
import type { Support } from "../core/model.ts";
import { quotePassage } from "../core/quote-passage.ts";
import type { GraphDb, RunOptions } from "../core/node/graph-db.ts";
import type { PlainNode, PlainRelationship } from "../core/plain-values.ts";
import { relationshipOfColumns, type SubgraphBuilder } from "../core/subgraph.ts";
import { notFound } from "./errors.ts";

/** Timeout of the explorer's own reads (analyst queries have their own, see routes/query.ts). */
export const EXPLORE_TIMEOUT: RunOptions = { timeoutMs: 30_000 };

export async function addNodesByKey(db: GraphDb, builder: SubgraphBuilder, keys: string[]): Promise<void> {
  if (keys.length === 0) return;
  const { rows } = await db.read(loadCypher("explore/nodes-by-key"), { keys }, EXPLORE_TIMEOUT);
  for (const row of rows) builder.addNode(row.n as PlainNode, Number(row.degree));
}

/** The node with this key (with its degree), or a 404. */
export async function requireNode(db: GraphDb, key: string): Promise<{ node: PlainNode; degree: number }> {
  const { rows } = await db.read(loadCypher("explore/node"), { key }, EXPLORE_TIMEOUT);
  const row = rows[0];
  if (!row) throw notFound(key);
  return { node: row.n as PlainNode, degree: Number(row.degree) };
}

/**
 * Adds the relationships among `keys`; true when there were more than `limit` (only `limit` added).
 * `all`: `keys` are every node of the database, so one scan of its relationships replaces a seek per
 * node and the membership test (the overview of a graph that fits its limit).
 */
export async function addRelationshipsAmong(
  db: GraphDb,
  builder: SubgraphBuilder,
  keys: string[],
  limit: number,
  { all = false }: { all?: boolean } = {},
): Promise<boolean> {
  if (keys.length === 0) return false;
  const { rows } = all
    ? await db.read(loadCypher("explore/relationships-all"), { limit: limit + 1 }, EXPLORE_TIMEOUT)
    : await db.read(loadCypher("explore/relationships-among"), { keys, limit: limit + 1 }, EXPLORE_TIMEOUT);
  for (const row of rows.slice(0, limit)) builder.addEdge(relationshipOfColumns(row));
  return rows.length > limit;
}

/** How many relationships of each type and direction the node has, most first. */
export async function neighbourGroups(db: GraphDb, key: string): Promise<NeighbourGroup[]> {
  const { rows } = await db.read(loadCypher("explore/neighbour-groups"), { key }, EXPLORE_TIMEOUT);
  return rows.map((r) => ({
    type: String(r.type),
    direction: r.direction === "in" ? "in" : "out",
    total: Number(r.total),
  }));
}

export interface Neighbour {
  rel: PlainRelationship;
  node: PlainNode;
  degree: number;
}

/** One page of a group's neighbours, ordered by name then relationship, so offsets never repeat one. */
export async function neighbourPage(
  db: GraphDb,
  key: string,
  group: Pick<NeighbourGroup, "type" | "direction">,
  offset: number,
  limit: number,
): Promise<Neighbour[]> {
  const { rows } = await db.read(
    loadCypher("explore/neighbours"),
    { key, type: group.type, direction: group.direction, offset, limit },
    EXPLORE_TIMEOUT,
  );
  return rows.map((r) => ({
    rel: r.r as PlainRelationship,
    node: r.m as PlainNode,
    degree: Number(r.degree),
  }));
}

/** JSON Schema of a node key (an elementId). Unknown keys are a 404, not a validation error. */
export const NODE_KEY_SCHEMA = { type: "string", minLength: 1, maxLength: 200 } as const;

/** The schema's source documents by id, every property (none when the schema has no document label). */
export async function documentsById(
  db: GraphDb,
  schema: GraphSchema,
  ids: string[],
): Promise<Map<string, PlainNode>> {
  const found = new Map<string, PlainNode>();
  const label = schema.documentLabel;
  if (!label || ids.length === 0) return found;
  const cypher = withSchemaNames(loadCypher("explore/documents-by-id"), { LABEL: label }, schema);
  const { rows } = await db.read(cypher, { ids: [...new Set(ids)] }, EXPLORE_TIMEOUT);
  for (const row of rows) {
    const doc = row.a as PlainNode;
    found.set(String(doc.properties.id), doc);
  }
  return found;
}

/**
 * A support as the inspector shows it: the quote, its document (title, key) when found, and the passage
 * of the document's text around the quote (with `passage`) when the document has a `text` that holds it.
 */
export function describeSupport(
  { quote, article }: Support,
  documents: ReadonlyMap<string, PlainNode>,
  schema: GraphSchema,
  { passage: withPassage = false }: { passage?: boolean } = {},
): SupportDetails {
  if (article === "") return { quote };
  const doc = documents.get(article);
  if (!doc) return { quote, article: { id: article, title: article } };
  const title = String(doc.properties.title ?? captionOf(doc.properties, doc.labels, schema) ?? article);
  const details: SupportDetails = { quote, article: { key: doc.elementId, id: article, title } };
  const date = documentDate(doc, schema);
  if (date !== undefined) details.article!.date = date;
  const text = doc.properties.text;
  const passage = withPassage && typeof text === "string" ? quotePassage(text, quote) : null;
  if (passage) details.passage = passage;
  return details;
}

/** Property keys read as a document's date when its schema types none as a date. */
const DATE_KEYS = ["date", "publishedAt", "publishedOn", "published"];

/** A document's date: its first date-typed property (by the schema), else one of DATE_KEYS. */
export function documentDate(doc: PlainNode, schema: GraphSchema): string | undefined {
  const specs = schema.nodePropertySpecsFor(doc.labels);
  const typed = Object.keys(specs).filter((key) => specs[key]?.type === "date");
  for (const key of [...typed, ...DATE_KEYS]) {
    const value = doc.properties[key];
    if ((typeof value === "string" && value !== "") || typeof value === "number") return String(value);
  }
  return undefined;
}
