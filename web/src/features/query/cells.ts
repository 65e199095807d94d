/**
 * Result values as text for the table, sorting and CSV: a node by its name and label, a relationship
 * as `from —TYPE→ to`, a path as its chain, lists and maps readably. Pure.
 */
import { csvField } from "../../../../core/csv-field.ts";
import type { PlainNode, PlainPath, PlainRelationship, PlainValue } from "../../../../core/plain-values.ts";
import type { SortState } from "./types.ts";

export function isNode(value: PlainValue): value is PlainNode {
  return typeof value === "object" && value !== null && "labels" in value && "elementId" in value;
}

export function isRelationship(value: PlainValue): value is PlainRelationship {
  return typeof value === "object" && value !== null && "startElementId" in value && "type" in value;
}

export function isPath(value: PlainValue): value is PlainPath {
  return (
    typeof value === "object" &&
    value !== null &&
    !Array.isArray(value) &&
    Array.isArray((value as PlainPath).nodes) &&
    Array.isArray((value as PlainPath).relationships)
  );
}

/** A node's name: `name`, else `title`, else its id, else its element id. */
export function nodeName(node: PlainNode): string {
  const p = node.properties;
  for (const key of ["name", "title", "id"]) if (typeof p[key] === "string") return p[key];
  return node.elementId;
}

/** Names of nodes by element id (for relationships whose ends are not in the same cell). */
export type NameLookup = (elementId: string) => string | undefined;

export function relationshipText(rel: PlainRelationship, names: NameLookup): string {
  const end = (id: string) => names(id) ?? "?";
  return `${end(rel.startElementId)} —${rel.type}→ ${end(rel.endElementId)}`;
}

export function pathText(path: PlainPath): string {
  const byId = new Map(path.nodes.map((n) => [n.elementId, n]));
  const first = path.nodes[0];
  if (!first) return "";
  let text = nodeName(first);
  let at = first.elementId;
  for (const rel of path.relationships) {
    const forward = rel.startElementId === at;
    const next = forward ? rel.endElementId : rel.startElementId;
    const name = byId.get(next) ? nodeName(byId.get(next)!) : "?";
    text += forward ? ` —${rel.type}→ ${name}` : ` ←${rel.type}— ${name}`;
    at = next;
  }
  return text;
}

export function cellText(value: PlainValue, names: NameLookup): string {
  if (value === null) return "";
  if (typeof value === "string") return value;
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  if (Array.isArray(value)) return `[${value.map((v) => cellText(v, names)).join(", ")}]`;
  if (isNode(value)) return `${nodeName(value)} :${value.labels.join(":")}`;
  if (isRelationship(value)) return relationshipText(value, names);
  if (isPath(value)) return pathText(value);
  const entries = Object.entries(value).map(([k, v]) => `${k}: ${cellText(v, names)}`);
  return `{${entries.join(", ")}}`;
}

// Chinese collation sorts CJK names by pinyin, and Latin text as usual.
const collator = new Intl.Collator(["zh-Hans-CN", "en"], { numeric: true, sensitivity: "base" });

/** Numbers by value, text by collation, empty cells last whichever the direction. */
export function sortRows<R extends Record<string, PlainValue>>(
  rows: readonly R[],
  sort: SortState | null,
  names: NameLookup,
): R[] {
  if (!sort) return [...rows];
  const sign = sort.direction === "asc" ? 1 : -1;
  const keyed = rows.map((row, index) => ({ row, index, value: row[sort.column] ?? null }));
  keyed.sort((a, b) => {
    const [x, y] = [a.value, b.value];
    if (x === null || y === null) return x === y ? a.index - b.index : x === null ? 1 : -1;
    const order =
      typeof x === "number" && typeof y === "number"
        ? x - y
        : collator.compare(cellText(x, names), cellText(y, names));
    return order * sign || a.index - b.index;
  });
  return keyed.map((k) => k.row);
}

/** The next sort when a column header is chosen: ascending, descending, then as returned. */
export function nextSort(current: SortState | null, column: string): SortState | null {
  if (current?.column !== column) return { column, direction: "asc" };
  return current.direction === "asc" ? { column, direction: "desc" } : null;
}

/** RFC 4180 CSV (CRLF line ends), a header of column names, cells as the table shows them. */
export function toCsv(
  columns: readonly string[],
  rows: readonly Record<string, PlainValue>[],
  names: NameLookup,
): string {
  const lines = [columns.map((c) => csvField(c)).join(",")];
  for (const row of rows) lines.push(columns.map((c) => csvField(cellText(row[c] ?? null, names))).join(","));
  return lines.join("\r\n") + "\r\n";
}
