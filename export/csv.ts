/**
 * CSV in the `neo4j-admin import` layout that `guanxi ingest` reads back: nodes.csv (`id:ID`, `:LABEL`,
 * typed property columns) and relationships.csv (`:START_ID`, `:END_ID`, `:TYPE`, typed columns). Types
 * use neo4j-admin's names (`long`, `double`, `boolean`, `date`, `string[]` …); lists are `;`-separated; an
 * empty cell is no value. A key held with different types gets one column per type.
 */
import type { ValueType } from "./property-types.ts";
import type { PreparedGraph, TypedProperty } from "./prepare.ts";
import { spreadsheetSafe } from "./spreadsheet-safe.ts";

export const LIST_DELIMITER = ";";

const CSV_TYPES: Record<ValueType, string> = {
  string: "string",
  int: "long",
  float: "double",
  boolean: "boolean",
  date: "date",
  "string[]": "string[]",
  "int[]": "long[]",
  "float[]": "double[]",
  json: "string",
};

function cell(text: string): string {
  return /[",\r\n]|^\s|\s$/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

interface Column {
  key: string;
  type: string;
}

/** One column per (key, CSV type); `id` is the :ID column of nodes, not a property column. */
function columnsOf(elements: { properties: readonly TypedProperty[] }[], order: Iterable<string>): Column[] {
  const types = new Map<string, Set<string>>();
  for (const e of elements) {
    for (const p of e.properties) {
      if (!types.has(p.key)) types.set(p.key, new Set());
      types.get(p.key)!.add(CSV_TYPES[p.type]);
    }
  }
  const columns: Column[] = [];
  for (const key of order) for (const type of [...(types.get(key) ?? [])].sort()) columns.push({ key, type });
  return columns;
}

class CellWriter {
  readonly warnings: string[] = [];

  constructor(private readonly keepFormulas = false) {}

  /** A text cell, neutralised for spreadsheets unless formulas are kept. */
  text(text: string): string {
    return this.keepFormulas ? text : spreadsheetSafe(text);
  }

  value(p: TypedProperty, where: string): string {
    const text = this.rawValue(p, where);
    return p.type === "string" || p.type === "string[]" || p.type === "json" ? this.text(text) : text;
  }

  private rawValue(p: TypedProperty, where: string): string {
    if (p.type === "json") return JSON.stringify(p.value);
    if (Array.isArray(p.value)) {
      if (p.value.length === 0) this.warn(`${where}: an empty list is written as no value`);
      for (const item of p.value) {
        const text = String(item);
        if (text.includes(LIST_DELIMITER) || text !== text.trim() || text === "")
          this.warn(
            `${where}: list item ${JSON.stringify(text)} contains "${LIST_DELIMITER}", is empty or has outer spaces; it will not read back exactly`,
          );
      }
      return p.value.map(String).join(LIST_DELIMITER);
    }
    if (p.value === "") this.warn(`${where}: an empty text is written as no value`);
    return String(p.value);
  }

  private warn(message: string): void {
    if (this.warnings.length < 20) this.warnings.push(message);
    else if (this.warnings.length === 20) this.warnings.push("… more values like these");
  }
}

function row(cells: string[]): string {
  return cells.map(cell).join(",");
}

function propertyCells(
  columns: Column[],
  properties: readonly TypedProperty[],
  where: string,
  writer: CellWriter,
): string[] {
  return columns.map((c) => {
    const p = properties.find((q) => q.key === c.key && CSV_TYPES[q.type] === c.type);
    return p ? writer.value(p, `${where}, ${c.key}`) : "";
  });
}

export function writeCsv(
  graph: PreparedGraph,
  options: { keepFormulas?: boolean } = {},
): { nodes: string; relationships: string; warnings: string[] } {
  const writer = new CellWriter(options.keepFormulas);
  const nodeColumns = columnsOf(graph.nodes, graph.nodeColumns.keys()).filter((c) => c.key !== "id");
  const nodeLines = [row(["id:ID", ":LABEL", ...nodeColumns.map((c) => `${c.key}:${c.type}`)])];
  for (const n of graph.nodes) {
    nodeLines.push(
      row([
        writer.text(n.key),
        n.node.labels.join(LIST_DELIMITER),
        ...propertyCells(nodeColumns, n.properties, `node ${n.key}`, writer),
      ]),
    );
  }
  const edgeColumns = columnsOf(graph.edges, graph.edgeColumns.keys());
  const edgeLines = [row([":START_ID", ":END_ID", ":TYPE", ...edgeColumns.map((c) => `${c.key}:${c.type}`)])];
  for (const e of graph.edges) {
    edgeLines.push(
      row([
        writer.text(e.source.key),
        writer.text(e.target.key),
        e.edge.type,
        ...propertyCells(edgeColumns, e.properties, `relationship ${e.key}`, writer),
      ]),
    );
  }
  return {
    nodes: nodeLines.join("\n") + "\n",
    relationships: edgeLines.join("\n") + "\n",
    warnings: writer.warnings,
  };
}
