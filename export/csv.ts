/**
 * CSV in the `neo4j-admin import` layout: nodes.csv (`id:ID`, `:LABEL`, typed property columns) and
 * relationships.csv (`:START_ID`, `:END_ID`, `:TYPE`, typed columns), read back by `guanxi ingest` and by
 * `neo4j-admin database import full --multiline-fields=true` as they are. Types use neo4j-admin's names
 * (`long`, `double`, `boolean`, `date`, `string[]` …); lists are `;`-separated; an empty cell is no value.
 *
 * One column per property key: neo4j-admin refuses two columns for one key, so a key the exported
 * elements hold with different types gets the type prepare.ts declares for it (int and float widen to
 * float, anything else to string) and every value is converted to it (a number or a list becomes its
 * JSON text, `3` or `["a","b"]`).
 */
import type { ValueType } from "./property-types.ts";
import { columnValue, type PreparedGraph, type TypedProperty } from "./prepare.ts";
import { scoreValue } from "./scores.ts";
import { spreadsheetSafe } from "./spreadsheet-safe.ts";
import { csvField } from "../core/csv-field.ts";

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

const cell = (text: string): string => csvField(text);

interface Column {
  key: string;
  declared: ValueType;
}

/** A header name neo4j-admin parses back to `key`: `:` separates the type, so a key holding one cannot be written. */
function writableKey(key: string): boolean {
  return key !== "" && !key.includes(":");
}

class CellWriter {
  readonly warnings: string[] = [];

  constructor(private readonly keepFormulas = false) {}

  /** A text cell, neutralised for spreadsheets unless formulas are kept (export/spreadsheet-safe.ts). */
  text(text: string): string {
    return this.keepFormulas ? text : spreadsheetSafe(text);
  }

  columns(declared: ReadonlyMap<string, ValueType>, domain: string, skip: string[] = []): Column[] {
    const columns: Column[] = [];
    for (const [key, type] of declared) {
      if (skip.includes(key)) continue;
      if (writableKey(key)) columns.push({ key, declared: type });
      else this.warn(`${domain} property ${JSON.stringify(key)} is left out: a CSV header cannot name it`);
    }
    return columns;
  }

  value(value: unknown, where: string): string {
    if (Array.isArray(value)) {
      if (value.length === 0) this.warn(`${where}: an empty list is written as no value`);
      for (const item of value) {
        const text = String(item);
        if (text.includes(LIST_DELIMITER) || text !== text.trim() || text === "")
          this.warn(
            `${where}: list item ${JSON.stringify(text)} contains "${LIST_DELIMITER}", is empty or has outer spaces; it will not read back exactly`,
          );
      }
      const joined = value.map(String).join(LIST_DELIMITER);
      return value.every((v) => typeof v === "string") ? this.text(joined) : joined;
    }
    const text = String(value); // columnValue made anything but a number or boolean text already
    if (text === "") this.warn(`${where}: an empty text is written as no value`);
    return typeof value === "string" ? this.text(text) : text;
  }

  propertyCells(columns: Column[], properties: readonly TypedProperty[], where: string): string[] {
    return columns.map((c) => {
      const value = columnValue(properties, c.key, c.declared);
      return value === undefined ? "" : this.value(value, `${where}, ${c.key}`);
    });
  }

  private warn(message: string): void {
    if (this.warnings.length < 20) this.warnings.push(message);
    else if (this.warnings.length === 20) this.warnings.push("… more values like these");
  }
}

function row(cells: string[]): string {
  return cells.map(cell).join(",");
}

function header(fixed: string[], columns: Column[], extra: string[] = []): string {
  return row([...fixed, ...columns.map((c) => `${c.key}:${CSV_TYPES[c.declared]}`), ...extra]);
}

export function writeCsv(
  graph: PreparedGraph,
  options: { keepFormulas?: boolean } = {},
): { nodes: string; relationships: string; warnings: string[] } {
  const writer = new CellWriter(options.keepFormulas);
  // `id` is the :ID column of nodes (neo4j-admin stores it as the `id` property), not a property column.
  const nodeColumns = writer.columns(graph.nodeColumns, "node", ["id"]);
  // Analysis results after the properties: `louvain:long`, `pagerank:double`.
  const scores = graph.scoreColumns.filter((c) => writableKey(c.name));
  const scoreHeaders = scores.map((c) => `${c.name}:${c.type === "int" ? "long" : "double"}`);
  const nodeLines = [header(["id:ID", ":LABEL"], nodeColumns, scoreHeaders)];
  for (const n of graph.nodes) {
    nodeLines.push(
      row([
        writer.text(n.key),
        n.node.labels.join(LIST_DELIMITER),
        ...writer.propertyCells(nodeColumns, n.properties, `node ${n.key}`),
        ...scores.map((c) => String(scoreValue(n.scores, c) ?? "")),
      ]),
    );
  }
  const edgeColumns = writer.columns(graph.edgeColumns, "relationship");
  const edgeLines = [header([":START_ID", ":END_ID", ":TYPE"], edgeColumns)];
  for (const e of graph.edges) {
    edgeLines.push(
      row([
        writer.text(e.source.key),
        writer.text(e.target.key),
        e.edge.type,
        ...writer.propertyCells(edgeColumns, e.properties, `relationship ${e.key}`),
      ]),
    );
  }
  return {
    nodes: nodeLines.join("\n") + "\n",
    relationships: edgeLines.join("\n") + "\n",
    warnings: writer.warnings,
  };
}
