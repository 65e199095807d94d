/**
 * GraphML (yEd, Cytoscape, NetworkX, igraph): one typed `<key>` per property and domain (`attr.type`
 * string/long/double/boolean), plus `labels` (":Organisation", Neo4j's own GraphML spelling) and `label`
 * (the name) on nodes, `type` and `label` (the relationship type) on edges, and `x`, `y`, `size`, `color`
 * when the nodes have a view. Lists and other structured values are JSON text; dates are `YYYY-MM-DD` text.
 * yEd's own graphics come too (`y:ShapeNode` with position, size, fill and the name; `y:PolyLineEdge`
 * with an arrow and the type), so yEd draws the picture rather than a pile of unlabelled squares; other
 * readers skip them (NetworkX reads them first and then the plain keys, which win).
 */
import type { ValueType } from "./property-types.ts";
import { columnValue, freeName, type PreparedGraph, type TypedProperty } from "./prepare.ts";
import { scoreValue } from "./scores.ts";
import type { ExportSource } from "./types.ts";
import { attrs, hexColour, parseColour, xmlText } from "./xml.ts";

type GraphmlType = "string" | "int" | "long" | "double" | "boolean";

const GRAPHML_TYPES: Record<ValueType, GraphmlType> = {
  string: "string",
  int: "long",
  float: "double",
  boolean: "boolean",
  date: "string",
  "string[]": "string",
  "int[]": "string",
  "float[]": "string",
  json: "string",
};

interface Key<T> {
  id: string;
  name: string;
  type: GraphmlType;
  value: (element: T) => unknown;
}

/** A CSS colour as GraphML writes it (`#rrggbb`), or undefined when it is not one. */
function hexOf(colour: string | undefined): string | undefined {
  const c = parseColour(colour);
  return c && hexColour(c);
}

const YED_NS = "http://www.yworks.com/xml/graphml";

/** yEd's node graphics: a circle at the node's place (y downwards, as yEd draws), its colour and name. */
function yedNode(n: PreparedGraph["nodes"][number]): string {
  const diameter = Math.max(16, Math.round((n.view.size ?? 8) * 4));
  const fill = hexOf(n.view.color) ?? "#cccccc";
  const placed = n.view.x !== undefined && n.view.y !== undefined;
  const geometry = placed
    ? `<y:Geometry${attrs({ x: round(n.view.x! - diameter / 2), y: round(-n.view.y! - diameter / 2), width: diameter, height: diameter })}/>`
    : `<y:Geometry${attrs({ width: diameter, height: diameter })}/>`;
  return (
    `      <data key="yfiles_node"><y:ShapeNode>${geometry}<y:Fill${attrs({ color: fill })}/>` +
    `<y:NodeLabel modelName="sides" modelPosition="e">${xmlText(n.node.name)}</y:NodeLabel>` +
    `<y:Shape type="ellipse"/></y:ShapeNode></data>\n`
  );
}

function yedEdge(e: PreparedGraph["edges"][number]): string {
  const line = hexOf(e.view.color) ?? "#999999";
  return (
    `      <data key="yfiles_edge"><y:PolyLineEdge><y:LineStyle${attrs({ color: line, type: "line", width: 1 })}/>` +
    `<y:Arrows source="none" target="standard"/><y:EdgeLabel>${xmlText(e.edge.type)}</y:EdgeLabel>` +
    `</y:PolyLineEdge></data>\n`
  );
}

function round(v: number): number {
  return Math.round(v * 100) / 100;
}

function dataText(value: unknown): string {
  if (typeof value === "string") return value;
  if (Array.isArray(value) || (typeof value === "object" && value !== null)) return JSON.stringify(value);
  return String(value);
}

function propertyKeys<T extends { properties: readonly TypedProperty[] }>(
  prefix: string,
  declared: Map<string, ValueType>,
): Key<T>[] {
  return [...declared].map(([name, type], i) => ({
    id: `${prefix}${i}`,
    name,
    type: GRAPHML_TYPES[type],
    value: (element: T) => columnValue(element.properties, name, type),
  }));
}

function keyDeclarations<T>(domain: "node" | "edge" | "graph", keys: Key<T>[]): string[] {
  return keys.map(
    (k) => `  <key${attrs({ id: k.id, for: domain, "attr.name": k.name, "attr.type": k.type })}/>\n`,
  );
}

function dataLines<T>(element: T, keys: Key<T>[], indent: string): string {
  return keys
    .map((k) => {
      const value = k.value(element);
      return value === undefined ? "" : `${indent}<data key="${k.id}">${xmlText(dataText(value))}</data>\n`;
    })
    .join("");
}

export function writeGraphml(graph: PreparedGraph, source: ExportSource, exportedAt: Date): string {
  type N = PreparedGraph["nodes"][number];
  type E = PreparedGraph["edges"][number];
  const nodeKeys: Key<N>[] = [
    {
      id: "labels",
      name: freeName("labels", graph.nodeColumns),
      type: "string",
      value: (n) => n.node.labels.map((l) => `:${l}`).join(""),
    },
    { id: "label", name: freeName("label", graph.nodeColumns), type: "string", value: (n) => n.node.name },
    ...propertyKeys<N>("n", graph.nodeColumns),
    // Analysis results: partitions and counts as `int`, other scores as `double`.
    ...graph.scoreColumns.map((c, i): Key<N> => ({
      id: `s${i}`,
      name: c.name,
      type: c.type === "int" ? "int" : "double",
      value: (n) => scoreValue(n.scores, c),
    })),
  ];
  const views = graph.nodes.map((n) => n.view);
  const viewKey = (name: "x" | "y" | "size", key: Key<N>["value"]): Key<N>[] =>
    views.some((v) => v[name] !== undefined)
      ? [{ id: name, name: freeName(name, graph.nodeColumns), type: "double", value: key }]
      : [];
  nodeKeys.push(
    ...viewKey("x", (n) => n.view.x),
    ...viewKey("y", (n) => n.view.y),
    ...viewKey("size", (n) => n.view.size),
  );
  if (views.some((v) => parseColour(v.color))) {
    nodeKeys.push({
      id: "color",
      name: freeName("color", graph.nodeColumns),
      type: "string",
      value: (n) => hexOf(n.view.color),
    });
  }
  const edgeKeys: Key<E>[] = [
    { id: "type", name: freeName("type", graph.edgeColumns), type: "string", value: (e) => e.edge.type },
    { id: "elabel", name: freeName("label", graph.edgeColumns), type: "string", value: (e) => e.edge.type },
    ...propertyKeys<E>("e", graph.edgeColumns),
  ];
  if (graph.edges.some((e) => parseColour(e.view.color))) {
    edgeKeys.push({
      id: "ecolor",
      name: freeName("color", graph.edgeColumns),
      type: "string",
      value: (e) => hexOf(e.view.color),
    });
  }
  const description = source.description ?? source.query;
  const graphKeys: Key<null>[] = [
    { id: "exportedAt", name: "exportedAt", type: "string", value: () => exportedAt.toISOString() },
    ...(description
      ? [{ id: "source", name: "source", type: "string" as const, value: () => description }]
      : []),
  ];

  const out: string[] = [
    '<?xml version="1.0" encoding="UTF-8"?>\n',
    '<graphml xmlns="http://graphml.graphdrawing.org/xmlns" ' +
      'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" ' +
      `xmlns:y="${YED_NS}" ` +
      'xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">\n',
    ...keyDeclarations("graph", graphKeys),
    ...keyDeclarations("node", nodeKeys),
    ...keyDeclarations("edge", edgeKeys),
    '  <key for="node" id="yfiles_node" yfiles.type="nodegraphics"/>\n',
    '  <key for="edge" id="yfiles_edge" yfiles.type="edgegraphics"/>\n',
    '  <graph id="G" edgedefault="directed">\n',
    dataLines(null, graphKeys, "    "),
  ];
  for (const n of graph.nodes) {
    out.push(
      `    <node${attrs({ id: n.key })}>\n`,
      yedNode(n),
      dataLines(n, nodeKeys, "      "),
      "    </node>\n",
    );
  }
  for (const e of graph.edges) {
    out.push(
      `    <edge${attrs({ id: e.key, source: e.source.key, target: e.target.key })}>\n`,
      yedEdge(e),
      dataLines(e, edgeKeys, "      "),
      "    </edge>\n",
    );
  }
  out.push("  </graph>\n", "</graphml>\n");
  return out.join("");
}
