/** Renders a query result as a readable table, JSON (one object per record) or CSV. */
import stringWidth from "string-width";
import { csvField } from "../core/csv-field.ts";
import type { QueryResult } from "../core/node/graph-db.ts";
import { isPlainNode, isPlainPath, isPlainRelationship, type PlainValue } from "../core/plain-values.ts";

export const OUTPUT_FORMATS = ["table", "json", "jsonl", "csv"] as const;
export type OutputFormat = (typeof OUTPUT_FORMATS)[number];

/** Short, human text for one value: (:Label {name}) for nodes, [:TYPE] for relationships. */
export function valueText(value: PlainValue): string {
  if (value === null) return "";
  if (typeof value === "string") return value;
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  if (Array.isArray(value)) return `[${value.map(valueText).join(", ")}]`;
  if (isPlainNode(value)) {
    const name = value.properties.name ?? value.properties.id ?? value.elementId;
    return `(:${value.labels.join(":")} ${valueText(name)})`;
  }
  if (isPlainRelationship(value)) return `[:${value.type}]`;
  if (isPlainPath(value)) {
    return value.nodes
      .map(
        (n, i) => valueText(n) + (value.relationships[i] ? `-${valueText(value.relationships[i]!)}->` : ""),
      )
      .join("");
  }
  return JSON.stringify(value);
}

/**
 * Terminal columns a string takes (string-width: Unicode's East Asian Width, emoji sequences as one
 * wide character, combining accents as none).
 */
export function displayWidth(text: string): number {
  return stringWidth(text);
}

/** Terminal control characters (ESC, BEL, NUL, C1) and bidirectional overrides; line breaks are handled apart. */
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;

/** Text safe to print on a terminal: control characters shown as escapes (`\x1B`, `\u202E`), never sent raw. */
export function visibleText(text: string): string {
  return text.replace(CONTROL, (ch) => {
    const code = ch.codePointAt(0)!;
    if (ch === "\t") return "\\t";
    return code <= 0xff
      ? `\\x${code.toString(16).toUpperCase().padStart(2, "0")}`
      : `\\u${code.toString(16).toUpperCase().padStart(4, "0")}`;
  });
}

function pad(text: string, width: number): string {
  return text + " ".repeat(Math.max(0, width - displayWidth(text)));
}

function formatTable(result: QueryResult): string {
  if (result.columns.length === 0) return "(no rows)";
  const cells = result.rows.map((row) =>
    result.columns.map((c) => visibleText(valueText(row[c] ?? null).replace(/\s*[\r\n]+\s*/g, " "))),
  );
  const columns = result.columns.map(visibleText);
  const widths = columns.map((c, i) =>
    Math.min(60, Math.max(displayWidth(c), ...cells.map((r) => displayWidth(r[i]!)))),
  );
  const clip = (text: string, width: number) => {
    if (displayWidth(text) <= width) return text;
    let out = "";
    for (const ch of text) {
      if (displayWidth(out + ch) > width - 1) break;
      out += ch;
    }
    return out + "…";
  };
  const line = (values: string[]) =>
    "│ " + values.map((v, i) => pad(clip(v, widths[i]!), widths[i]!)).join(" │ ") + " │";
  const rule = (l: string, m: string, r: string) => l + widths.map((w) => "─".repeat(w + 2)).join(m) + r;
  return [
    rule("┌", "┬", "┐"),
    line(columns),
    rule("├", "┼", "┤"),
    ...cells.map(line),
    rule("└", "┴", "┘"),
    `${result.rows.length} row${result.rows.length === 1 ? "" : "s"}`,
  ].join("\n");
}

function csvCell(value: PlainValue): string {
  const text =
    value === null
      ? ""
      : typeof value === "string"
        ? value
        : typeof value === "object"
          ? JSON.stringify(value)
          : String(value);
  return csvField(text);
}

export function formatResult(result: QueryResult, format: OutputFormat): string {
  switch (format) {
    case "json":
      return JSON.stringify(result.rows, null, 2);
    case "jsonl":
      return result.rows.map((row) => JSON.stringify(row)).join("\n");
    case "csv":
      return [
        result.columns.map(csvCell).join(","),
        ...result.rows.map((row) => result.columns.map((c) => csvCell(row[c] ?? null)).join(",")),
      ].join("\n");
    case "table":
      return formatTable(result);
  }
}
