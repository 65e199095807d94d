/**
 * Plain Neo4j values → the explorer's nodes and edges (core/api-types.ts), de-duplicated by elementId.
 * Pure: used by the API for every response that carries graph elements, and by export.
 */
import type { GraphEdge, GraphNode, Subgraph } from "./api-types.ts";
import {
  captionOf,
  DEFAULT_SCHEMA,
  DERIVED_NODE_PROPERTIES,
  type GraphSchema,
} from "./schema/graph-schema.ts";
import {
  isPlainNode,
  isPlainPath,
  isPlainRelationship,
  type PlainNode,
  type PlainRelationship,
  type PlainValue,
} from "./plain-values.ts";

/** Properties Guanxi derives for its own use (pinyin search keys): not shown to analysts. */
const DERIVED = new Set(DERIVED_NODE_PROPERTIES);

/** Left out of the bulk views (overview, expand, neighbourhood, path, search): an article's full text. */
export const BULK_OMITTED_PROPERTIES: readonly string[] = ["text"];

/**
 * `omit`: property keys left out besides the derived ones (the inspector gets them all). The name shown is
 * the caption the schema gives the label, else one inferred (`name`, `title`, `caption`, the first text).
 */
export function toGraphNode(
  node: PlainNode,
  degree?: number,
  omit: readonly string[] = [],
  schema: GraphSchema = DEFAULT_SCHEMA,
): GraphNode {
  const p = Object.fromEntries(
    Object.entries(node.properties).filter(([key]) => !DERIVED.has(key) && !omit.includes(key)),
  );
  const text = (v: PlainValue | undefined) => (typeof v === "string" && v !== "" ? v : undefined);
  // The caption from every property (an omitted article text may still be the only text a node has).
  const caption = captionOf(node.properties, node.labels, schema);
  const graphNode: GraphNode = {
    key: node.elementId,
    label: schema.primaryLabel(node.labels) ?? "Node",
    labels: node.labels,
    name:
      (caption !== undefined && caption.length > 200 ? caption.slice(0, 200) + "…" : caption) ??
      text(p.id) ??
      node.elementId,
    properties: p,
  };
  const id = text(p.id);
  if (id) graphNode.id = id;
  const nameEn = text(p.nameEn) ?? text(p.titleEn);
  if (nameEn) graphNode.nameEn = nameEn;
  if (degree !== undefined) graphNode.degree = degree;
  return graphNode;
}

export function toGraphEdge(rel: PlainRelationship): GraphEdge {
  return {
    key: rel.elementId,
    type: rel.type,
    source: rel.startElementId,
    target: rel.endElementId,
    properties: rel.properties,
  };
}

/** Collects graph elements while keeping insertion order and one copy of each. */
export class SubgraphBuilder {
  private readonly nodes = new Map<string, GraphNode>();
  private readonly edges = new Map<string, GraphEdge>();
  private readonly omit: readonly string[];
  private readonly schema: GraphSchema;

  /** `omit`: property keys left out of every node (e.g. BULK_OMITTED_PROPERTIES). */
  constructor(omit: readonly string[] = [], schema: GraphSchema = DEFAULT_SCHEMA) {
    this.omit = omit;
    this.schema = schema;
  }

  addNode(node: PlainNode, degree?: number): GraphNode {
    const existing = this.nodes.get(node.elementId);
    if (existing) {
      if (degree !== undefined) existing.degree = degree;
      return existing;
    }
    const created = toGraphNode(node, degree, this.omit, this.schema);
    this.nodes.set(created.key, created);
    return created;
  }

  addEdge(rel: PlainRelationship): void {
    if (!this.edges.has(rel.elementId)) this.edges.set(rel.elementId, toGraphEdge(rel));
  }

  /** Every node, relationship and path found anywhere inside `value` (lists and maps included). */
  addValue(value: PlainValue): void {
    if (value === null || typeof value !== "object") return;
    if (Array.isArray(value)) {
      for (const item of value) this.addValue(item);
    } else if (isPlainNode(value)) {
      this.addNode(value);
    } else if (isPlainRelationship(value)) {
      this.addEdge(value);
    } else if (isPlainPath(value)) {
      for (const node of value.nodes) this.addNode(node);
      for (const rel of value.relationships) this.addEdge(rel);
    } else {
      for (const item of Object.values(value)) this.addValue(item);
    }
  }

  hasNode(key: string): boolean {
    return this.nodes.has(key);
  }

  getNode(key: string): GraphNode | undefined {
    return this.nodes.get(key);
  }

  get nodeCount(): number {
    return this.nodes.size;
  }

  /** Keys of relationship ends not among the nodes: fetch them, or the edges would dangle. */
  missingEndpoints(): string[] {
    const missing = new Set<string>();
    for (const edge of this.edges.values()) {
      for (const key of [edge.source, edge.target]) if (!this.nodes.has(key)) missing.add(key);
    }
    return [...missing];
  }

  build(): Subgraph {
    const edges = [...this.edges.values()].filter(
      (e) => this.nodes.has(e.source) && this.nodes.has(e.target),
    );
    return { nodes: [...this.nodes.values()], edges };
  }
}

/** A row of relationships-among / relationships-all (plain columns) as a relationship. */
export function relationshipOfColumns(row: Record<string, PlainValue>): PlainRelationship {
  return {
    elementId: String(row.key),
    type: String(row.type),
    startElementId: String(row.source),
    endElementId: String(row.target),
    properties: (row.properties ?? {}) as Record<string, PlainValue>,
  };
}
