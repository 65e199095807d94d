/**
 * Which properties are points in time, read from the schema (never from property names): `date`
 * properties, and `int` properties marked `time: "year"` (with the month in `monthProperty`, when
 * the sources give one). Per label and per relationship type, the schema's common properties
 * included. Also which relationship types form hierarchies (`hierarchy: true`). Browser-safe; pure.
 */
import type { PropertySpec } from "../model.ts";
import { parsePartialDate, partialDate } from "../partial-date.ts";
import type { PartialDate } from "../partial-date.ts";
import type { SchemaDocument } from "./document.ts";

export interface TimeProperty {
  key: string;
  /** "date": a date (or partial date) value; "year": an integer year. */
  unit: "date" | "year";
  /** For a year: the property holding its month, 1–12. */
  month?: string;
}

/** The time properties of every label and relationship type (only those that have some). */
export interface TimeSchema {
  labels: Record<string, TimeProperty[]>;
  relationshipTypes: Record<string, TimeProperty[]>;
}

function timeProperties(specs: Record<string, PropertySpec>): TimeProperty[] {
  const out: TimeProperty[] = [];
  for (const [key, spec] of Object.entries(specs)) {
    if (spec.type === "date") out.push({ key, unit: "date" });
    else if (spec.type === "int" && spec.time === "year")
      out.push(spec.monthProperty ? { key, unit: "year", month: spec.monthProperty } : { key, unit: "year" });
  }
  return out;
}

export function timeSchemaOf(doc: SchemaDocument): TimeSchema {
  const labels: TimeSchema["labels"] = {};
  const relationshipTypes: TimeSchema["relationshipTypes"] = {};
  for (const [label, def] of Object.entries(doc.labels)) {
    const found = timeProperties({ ...doc.nodeProperties, ...def.properties });
    if (found.length) labels[label] = found;
  }
  for (const [type, def] of Object.entries(doc.relationshipTypes)) {
    const found = timeProperties({ ...doc.relationshipProperties, ...def.properties });
    if (found.length) relationshipTypes[type] = found;
  }
  return { labels, relationshipTypes };
}

/** Relationship types the schema marks as hierarchies (start under end). */
export function hierarchyTypesOf(doc: SchemaDocument): string[] {
  return Object.entries(doc.relationshipTypes)
    .filter(([, def]) => def.hierarchy === true)
    .map(([type]) => type);
}

/**
 * The dates of one node or relationship: one per time property it has a readable value for, as
 * partial as the value (a year with its month property becomes that month). Unreadable values are
 * skipped (the inspector still shows them).
 */
export function datesOf(
  properties: Readonly<Record<string, unknown>>,
  specs: readonly TimeProperty[] | undefined,
): PartialDate[] {
  const out: PartialDate[] = [];
  for (const spec of specs ?? []) {
    const value = properties[spec.key];
    if (value === undefined || value === null) continue;
    if (spec.unit === "date") {
      const date = parsePartialDate(value);
      if (date) out.push(date);
      continue;
    }
    if (typeof value !== "number" || !Number.isInteger(value)) continue;
    const month = spec.month === undefined ? undefined : properties[spec.month];
    const withMonth = typeof month === "number" ? partialDate(value, month) : null;
    const year = partialDate(value);
    if (withMonth) out.push(withMonth);
    else if (year) out.push(year);
  }
  return out;
}
