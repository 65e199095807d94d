/**
 * The graph as every writer sees it: stable file keys (Guanxi ids, not database elementIds), each value
 * with its type, views attached, and one declared type per property key and domain.
 */
import type { GraphEdge, GraphNode } from "../core/api-types.ts";
import { DEFAULT_SCHEMA, type GraphSchema } from "../core/schema/graph-schema.ts";
import {
  convertValue,
  edgeSpecs,
  mergeTypes,
  nodeSpecs,
  orderKeys,
  valueType,
  type ValueType,
} from "./property-types.ts";
import { scoreColumns, type ScoreColumn } from "./scores.ts";
import type { EdgeView, ExportInput, NodeView } from "./types.ts";

export interface TypedProperty {
  key: string;
  value: unknown;
  type: ValueType;
}

export interface PreparedNode {
  /** Stable key in the file: the node's Guanxi `id` when it has a unique one, else its elementId. */
  key: string;
  node: GraphNode;
  properties: TypedProperty[];
  view: NodeView;
  /** Analysis results: metric id → value (empty when none were computed). */
  scores: Readonly<Record<string, number>>;
}

export interface PreparedEdge {
  key: string;
  edge: GraphEdge;
  source: PreparedNode;
  target: PreparedNode;
  properties: TypedProperty[];
  view: EdgeView;
}

export interface PreparedGraph {
  nodes: PreparedNode[];
  edges: PreparedEdge[];
  /** Declared type per property key, keys in a stable order. */
  nodeColumns: Map<string, ValueType>;
  edgeColumns: Map<string, ValueType>;
  /** One column per metric in the nodes' scores (export/scores.ts); names free of node property keys. */
  scoreColumns: ScoreColumn[];
}

function typed(properties: Record<string, unknown>, specs: ReturnType<typeof nodeSpecs>): TypedProperty[] {
  return Object.entries(properties)
    .filter(([, value]) => value !== null && value !== undefined)
    .map(([key, value]) => ({ key, value, type: valueType(specs, key, value) }));
}

function columns(
  elements: { properties: TypedProperty[] }[],
  domain: "node" | "edge",
): Map<string, ValueType> {
  const merged = new Map<string, ValueType>();
  for (const element of elements) {
    for (const p of element.properties) {
      const known = merged.get(p.key);
      merged.set(p.key, known === undefined ? p.type : mergeTypes(known, p.type));
    }
  }
  return new Map(orderKeys(merged.keys(), domain).map((k) => [k, merged.get(k)!]));
}

/** `id` when present and unique among the nodes, else the elementId; never two nodes with one key. */
function nodeKeys(nodes: readonly GraphNode[]): string[] {
  const idCount = new Map<string, number>();
  for (const n of nodes) if (n.id) idCount.set(n.id, (idCount.get(n.id) ?? 0) + 1);
  const used = new Set<string>();
  return nodes.map((n) => {
    let key = n.id && idCount.get(n.id) === 1 ? n.id : n.key;
    for (let i = 2; used.has(key); i++) key = `${n.key}#${i}`;
    used.add(key);
    return key;
  });
}

export function prepare(input: ExportInput, schema: GraphSchema = DEFAULT_SCHEMA): PreparedGraph {
  const { subgraph } = input;
  const keys = nodeKeys(subgraph.nodes);
  const byGraphKey = new Map<string, PreparedNode>();
  const nodes = subgraph.nodes.map((node, i) => {
    const prepared: PreparedNode = {
      key: keys[i]!,
      node,
      properties: typed(node.properties, nodeSpecs(schema, node.labels)),
      view: input.nodeViews?.[node.key] ?? {},
      scores: input.nodeScores?.[node.key] ?? {},
    };
    byGraphKey.set(node.key, prepared);
    return prepared;
  });
  const usedEdgeKeys = new Set<string>();
  const edges: PreparedEdge[] = [];
  for (const edge of subgraph.edges) {
    const source = byGraphKey.get(edge.source);
    const target = byGraphKey.get(edge.target);
    if (!source || !target) continue; // a relationship whose ends are not exported would dangle
    let key = `${source.key}-${edge.type}->${target.key}`;
    for (let i = 2; usedEdgeKeys.has(key); i++) key = `${source.key}-${edge.type}->${target.key}#${i}`;
    usedEdgeKeys.add(key);
    edges.push({
      key,
      edge,
      source,
      target,
      properties: typed(edge.properties, edgeSpecs(schema, edge.type)),
      view: input.edgeViews?.[edge.key] ?? {},
    });
  }
  const nodeColumns = columns(nodes, "node");
  // Not a property's name, nor one a writer adds (labels, label, x, y, size, color, id).
  const reserved = new Set(["labels", "label", "x", "y", "size", "color", "id"]);
  return {
    nodes,
    edges,
    nodeColumns,
    edgeColumns: columns(edges, "edge"),
    scoreColumns: scoreColumns(
      nodes.map((n) => n.scores),
      (name) => nodeColumns.has(name) || reserved.has(name),
    ),
  };
}

/** The element's value for `key` as the declared column type, or undefined when it has none. */
export function columnValue(properties: readonly TypedProperty[], key: string, declared: ValueType): unknown {
  const p = properties.find((q) => q.key === key);
  return p === undefined ? undefined : convertValue(p.value, p.type, declared);
}

/** A name for an extra column (labels, type, x, …) that no property of the domain already uses. */
export function freeName(name: string, taken: ReadonlyMap<string, unknown>): string {
  let free = name;
  while (taken.has(free)) free = `_${free}`;
  return free;
}
