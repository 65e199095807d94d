/**
 * GEXF 1.3 (Gephi, Gephi Lite, graphology-gexf): nodes labelled by name, typed attribute declarations,
 * viz colour/size/position, edges labelled (and `kind`ed, GEXF's multigraph field) by relationship type.
 * Lists are 1.3 list types written `["a", "b"]`; dates are strings (GEXF has no date type).
 */
import type { ValueType } from "./property-types.ts";
import { columnValue, freeName, type PreparedGraph, type TypedProperty } from "./prepare.ts";
import { scoreValue, type ScoreColumn } from "./scores.ts";
import type { ExportSource } from "./types.ts";
import { attrs, parseColour, xmlText } from "./xml.ts";

const GEXF_TYPES: Record<ValueType, string> = {
  string: "string",
  int: "long",
  float: "double",
  boolean: "boolean",
  date: "string",
  "string[]": "liststring",
  "int[]": "listlong",
  "float[]": "listdouble",
  json: "string",
};

/** A list item as GEXF 1.3 and graphology-gexf read it: quoted, with \\ \" \n \r \t escapes. */
function listItem(item: unknown): string {
  if (typeof item !== "string") return String(item);
  const escaped = item
    .replace(/\\/g, "\\\\")
    .replace(/"/g, '\\"')
    .replace(/\n/g, "\\n")
    .replace(/\r/g, "\\r")
    .replace(/\t/g, "\\t");
  return `"${escaped}"`;
}

function gexfValue(value: unknown, type: ValueType): string {
  if (Array.isArray(value) && GEXF_TYPES[type].startsWith("list"))
    return `[${value.map(listItem).join(", ")}]`;
  return typeof value === "string" ? value : String(value);
}

interface Column {
  id: string;
  type: ValueType;
  value?: (properties: readonly TypedProperty[]) => unknown;
  /** The declared GEXF type when it is not GEXF_TYPES[type]. */
  gexfType?: string;
}

function propertyColumns(declared: Map<string, ValueType>): Column[] {
  return [...declared].map(([key, type]) => ({
    id: key,
    type,
    value: (properties) => columnValue(properties, key, type),
  }));
}

/** Analysis results: `integer` for partitions and counts (Gephi's partition needs an integer or text), else `double`. */
function scoreDeclarations(columns: readonly ScoreColumn[]): Column[] {
  return columns.map((c) => ({
    id: c.name,
    type: c.type,
    gexfType: c.type === "int" ? "integer" : "double",
  }));
}

function declarations(
  cls: "node" | "edge",
  columns: (Pick<Column, "id" | "type"> & { gexfType?: string })[],
): string {
  if (columns.length === 0) return "";
  const lines = columns.map(
    (c) => `      <attribute${attrs({ id: c.id, title: c.id, type: c.gexfType ?? GEXF_TYPES[c.type] })}/>`,
  );
  return `    <attributes class="${cls}">\n${lines.join("\n")}\n    </attributes>\n`;
}

function attvalues(values: { id: string; type: ValueType; value: unknown }[]): string {
  const present = values.filter((v) => v.value !== undefined);
  if (present.length === 0) return "";
  const lines = present.map(
    (v) => `          <attvalue${attrs({ for: v.id, value: gexfValue(v.value, v.type) })}/>`,
  );
  return `        <attvalues>\n${lines.join("\n")}\n        </attvalues>\n`;
}

function vizColour(colour: string | undefined): string {
  const c = parseColour(colour);
  return c ? `        <viz:color${attrs({ r: c.r, g: c.g, b: c.b, a: c.a })}/>\n` : "";
}

export function writeGexf(graph: PreparedGraph, source: ExportSource, exportedAt: Date): string {
  const labelsId = freeName("labels", graph.nodeColumns);
  const typeId = freeName("type", graph.edgeColumns);
  const nodeColumns = propertyColumns(graph.nodeColumns);
  const edgeColumns = propertyColumns(graph.edgeColumns);
  const out: string[] = [
    '<?xml version="1.0" encoding="UTF-8"?>\n',
    '<gexf xmlns="http://gexf.net/1.3" xmlns:viz="http://gexf.net/1.3/viz" ' +
      'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" ' +
      'xsi:schemaLocation="http://gexf.net/1.3 http://gexf.net/1.3/gexf.xsd" version="1.3">\n',
    `  <meta lastmodifieddate="${exportedAt.toISOString().slice(0, 10)}">\n`,
    "    <creator>Guanxi</creator>\n",
  ];
  const description = source.description ?? source.query;
  if (description) out.push(`    <description>${xmlText(description)}</description>\n`);
  out.push("  </meta>\n", '  <graph defaultedgetype="directed">\n');
  const scoreColumns = graph.scoreColumns.filter((c) => c.name !== labelsId);
  out.push(
    declarations("node", [
      { id: labelsId, type: "string[]" },
      ...nodeColumns,
      ...scoreDeclarations(scoreColumns),
    ]),
  );
  out.push(declarations("edge", [{ id: typeId, type: "string" }, ...edgeColumns]));

  out.push(`    <nodes count="${graph.nodes.length}">\n`);
  for (const n of graph.nodes) {
    out.push(`      <node${attrs({ id: n.key, label: n.node.name })}>\n`);
    out.push(
      attvalues([
        { id: labelsId, type: "string[]", value: n.node.labels },
        ...nodeColumns.map((c) => ({ id: c.id, type: c.type, value: c.value!(n.properties) })),
        ...scoreColumns.map((c) => ({ id: c.name, type: c.type, value: scoreValue(n.scores, c) })),
      ]),
    );
    const { x, y, size, color } = n.view;
    out.push(vizColour(color));
    if (x !== undefined && y !== undefined) out.push(`        <viz:position${attrs({ x, y, z: 0 })}/>\n`);
    if (size !== undefined) out.push(`        <viz:size${attrs({ value: size })}/>\n`);
    out.push("      </node>\n");
  }
  out.push("    </nodes>\n", `    <edges count="${graph.edges.length}">\n`);
  for (const e of graph.edges) {
    const type = e.edge.type;
    out.push(
      `      <edge${attrs({ id: e.key, source: e.source.key, target: e.target.key, label: type, kind: type })}>\n`,
    );
    out.push(
      attvalues([
        { id: typeId, type: "string", value: type },
        ...edgeColumns.map((c) => ({ id: c.id, type: c.type, value: c.value!(e.properties) })),
      ]),
    );
    out.push(vizColour(e.view.color));
    out.push("      </edge>\n");
  }
  out.push("    </edges>\n", "  </graph>\n", "</gexf>\n");
  return out.join("");
}
