/**
 * JSON: graphology's serialisation (`graph.export()`; `graph.import()` / `Graph.from()` read it back) in a
 * versioned envelope (core/model.ts GraphExportEnvelope, schema/guanxi-graph.schema.json). Node attributes
 * match the explorer's graph (category, labels, name, nameEn, id, properties) plus `label` and the view.
 */
import {
  GRAPH_EXPORT_FORMAT,
  GRAPH_EXPORT_VERSION,
  type ExportPropertyTypes,
  type GraphExportEdgeAttributes,
  type GraphExportEnvelope,
  type GraphExportNodeAttributes,
  type PropertyType,
} from "../core/model.ts";
import type { ValueType } from "./property-types.ts";
import type { PreparedGraph, TypedProperty } from "./prepare.ts";
import type { ExportSource } from "./types.ts";

function propertyTypes(columns: Map<string, ValueType>): ExportPropertyTypes {
  // "json" values (maps, points) are written as they are; their declared type is text.
  return Object.fromEntries([...columns].map(([k, t]) => [k, (t === "json" ? "string" : t) as PropertyType]));
}

function properties(typed: readonly TypedProperty[]): Record<string, unknown> {
  return Object.fromEntries(typed.map((p) => [p.key, p.value]));
}

/** Analysis results as JSON holds them: NaN and infinities are not JSON numbers, so they are left out. */
function finite(scores: Readonly<Record<string, number>>): Record<string, number> {
  return Object.fromEntries(Object.entries(scores).filter(([, v]) => Number.isFinite(v)));
}

export function buildEnvelope(
  graph: PreparedGraph,
  source: ExportSource,
  exportedAt: Date,
): GraphExportEnvelope {
  return {
    format: GRAPH_EXPORT_FORMAT,
    version: GRAPH_EXPORT_VERSION,
    exportedAt: exportedAt.toISOString(),
    source,
    propertyTypes: { node: propertyTypes(graph.nodeColumns), edge: propertyTypes(graph.edgeColumns) },
    graph: {
      options: { type: "directed", multi: true, allowSelfLoops: true },
      attributes: {},
      nodes: graph.nodes.map((n) => {
        const attributes: GraphExportNodeAttributes = {
          label: n.node.name,
          category: n.node.label,
          labels: n.node.labels,
          name: n.node.name,
          ...(n.node.nameEn !== undefined ? { nameEn: n.node.nameEn } : {}),
          ...(n.node.id !== undefined ? { id: n.node.id } : {}),
          properties: properties(n.properties),
          ...(Object.keys(n.scores).length > 0 ? { scores: finite(n.scores) } : {}),
          ...n.view,
        };
        return { key: n.key, attributes };
      }),
      edges: graph.edges.map((e) => {
        const attributes: GraphExportEdgeAttributes = {
          label: e.edge.type,
          relType: e.edge.type,
          properties: properties(e.properties),
          ...e.view,
        };
        return { key: e.key, source: e.source.key, target: e.target.key, attributes };
      }),
    },
  };
}

export function writeJson(graph: PreparedGraph, source: ExportSource, exportedAt: Date): string {
  return JSON.stringify(buildEnvelope(graph, source, exportedAt), null, 2) + "\n";
}
