/**
 * Checking and converting property values against the model's property types. Shared by the JSON
 * reader (values arrive typed), the CSV reader (values arrive as text) and the Neo4j door.
 */
import type { PropertySpec, PropertyType, PropertyValue } from "./model.ts";

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

export function isIsoDate(value: string): boolean {
  const m = ISO_DATE.exec(value);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d;
}

function describe(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "a list";
  if (typeof value === "string")
    return `text ${JSON.stringify(value.length > 40 ? value.slice(0, 40) + "…" : value)}`;
  if (typeof value === "number")
    return Number.isInteger(value) ? `the integer ${value}` : `the number ${value}`;
  return typeof value === "object" ? "an object" : `${typeof value} ${String(value)}`;
}

function checkScalar(
  type: "string" | "int" | "float" | "boolean" | "date",
  value: unknown,
): string | undefined {
  switch (type) {
    case "string":
      return typeof value === "string" ? undefined : `must be text, got ${describe(value)}`;
    case "int":
      return typeof value === "number" && Number.isSafeInteger(value)
        ? undefined
        : `must be an integer, got ${describe(value)}`;
    case "float":
      return typeof value === "number" && Number.isFinite(value)
        ? undefined
        : `must be a number, got ${describe(value)}`;
    case "boolean":
      return typeof value === "boolean" ? undefined : `must be true or false, got ${describe(value)}`;
    case "date":
      return typeof value === "string" && isIsoDate(value)
        ? undefined
        : `must be a date written YYYY-MM-DD, got ${describe(value)}`;
  }
}

function elementType(type: PropertyType): "string" | "int" | "float" | "boolean" | "date" {
  return type.replace("[]", "") as "string" | "int" | "float" | "boolean" | "date";
}

/** Why `value` does not fit `spec`, or undefined when it does. */
export function checkValue(spec: PropertySpec, value: unknown): string | undefined {
  if (spec.type.endsWith("[]")) {
    if (!Array.isArray(value)) return `must be a list, got ${describe(value)}`;
    for (const [i, item] of value.entries()) {
      const problem = checkScalar(elementType(spec.type), item);
      if (problem) return `item ${i + 1} ${problem}`;
    }
    return undefined;
  }
  const problem = checkScalar(elementType(spec.type), value);
  if (problem) return problem;
  if (spec.enum && typeof value === "string" && !spec.enum.includes(value)) {
    return `must be one of ${spec.enum.join(", ")}; got ${JSON.stringify(value)}`;
  }
  return undefined;
}

/** A property the model does not know must still be something Neo4j can store. */
export function checkFreeValue(value: unknown): string | undefined {
  const scalar = (v: unknown) =>
    typeof v === "string" || typeof v === "boolean" || (typeof v === "number" && Number.isFinite(v));
  if (scalar(value)) return undefined;
  if (Array.isArray(value)) {
    if (!value.every(scalar)) return "a list may only hold text, numbers or booleans";
    if (new Set(value.map((v) => typeof v)).size > 1) return "a list must hold values of one type";
    return undefined;
  }
  return `must be text, a number, a boolean or a list of those, got ${describe(value)}`;
}

/** Parses one CSV cell as `type` (the `neo4j-admin import` column types). */
export function parseCsvValue(type: PropertyType, text: string, arrayDelimiter = ";"): PropertyValue | Error {
  if (type.endsWith("[]")) {
    const items = text.split(arrayDelimiter).map((s) => s.trim());
    const parsed: (string | number | boolean)[] = [];
    for (const item of items) {
      const value = parseCsvScalar(elementType(type), item);
      if (value instanceof Error) return value;
      parsed.push(value);
    }
    return parsed as PropertyValue;
  }
  return parseCsvScalar(elementType(type), text);
}

function parseCsvScalar(
  type: "string" | "int" | "float" | "boolean" | "date",
  text: string,
): string | number | boolean | Error {
  switch (type) {
    case "string":
      return text;
    case "int":
      return /^[-+]?\d+$/.test(text.trim()) && Number.isSafeInteger(Number(text))
        ? Number(text)
        : new Error(`must be an integer, got ${JSON.stringify(text)}`);
    case "float": {
      const n = Number(text);
      return text.trim() !== "" && Number.isFinite(n)
        ? n
        : new Error(`must be a number, got ${JSON.stringify(text)}`);
    }
    case "boolean":
      if (/^true$/i.test(text.trim())) return true;
      if (/^false$/i.test(text.trim())) return false;
      return new Error(`must be true or false, got ${JSON.stringify(text)}`);
    case "date":
      return isIsoDate(text.trim())
        ? text.trim()
        : new Error(`must be a date written YYYY-MM-DD, got ${JSON.stringify(text)}`);
  }
}

/** CSV header types: neo4j-admin's names, with its aliases folded onto ours. */
const CSV_TYPE_ALIASES: Record<string, PropertyType> = {
  string: "string",
  int: "int",
  long: "int",
  short: "int",
  byte: "int",
  float: "float",
  double: "float",
  boolean: "boolean",
  date: "date",
};

export function csvColumnType(name: string): PropertyType | undefined {
  const isList = name.endsWith("[]");
  const base = CSV_TYPE_ALIASES[name.replace("[]", "").toLowerCase()];
  if (!base) return undefined;
  if (!isList) return base;
  if (base === "boolean" || base === "date") return undefined;
  return `${base}[]` as PropertyType;
}
