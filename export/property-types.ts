/**
 * The type of each property value, from the active schema when it knows the property, else from the value
 * itself; and one declared type per property key and domain (node / edge), as typed formats need it.
 */
import type { PropertySpec, PropertyType } from "../core/model.ts";
import { checkValue } from "../core/property-values.ts";
import {
  GUANXI_NODE_PROPERTIES,
  PROVENANCE_PROPERTIES,
  type GraphSchema,
} from "../core/schema/graph-schema.ts";

/** A model property type, or "json": a value no model type holds (a map, a point, a list of booleans), written as JSON text. */
export type ValueType = PropertyType | "json";

/** The schema's specs for a node's labels (its known ones; Guanxi's own properties always). */
export function nodeSpecs(schema: GraphSchema, labels: readonly string[]): Record<string, PropertySpec> {
  return schema.nodePropertySpecsFor(labels.filter((l) => schema.hasLabel(l)));
}

export function edgeSpecs(schema: GraphSchema, type: string): Record<string, PropertySpec> {
  return schema.relationshipPropertySpecs(type);
}

function inferType(value: unknown): ValueType {
  if (typeof value === "string") return "string";
  if (typeof value === "boolean") return "boolean";
  if (typeof value === "number") return Number.isSafeInteger(value) ? "int" : "float";
  if (Array.isArray(value)) {
    if (value.every((v) => typeof v === "string")) return "string[]";
    if (value.every((v) => typeof v === "number"))
      return value.every((v) => Number.isSafeInteger(v)) ? "int[]" : "float[]";
  }
  return "json";
}

/** The model's type when the value fits it (enums aside), else what the value is. */
export function valueType(specs: Record<string, PropertySpec>, key: string, value: unknown): ValueType {
  const spec = specs[key];
  if (spec && checkValue({ ...spec, enum: undefined }, value) === undefined) return spec.type;
  return inferType(value);
}

/** One type for a key that several elements hold with different types: numbers widen, else text. */
export function mergeTypes(a: ValueType, b: ValueType): ValueType {
  if (a === b) return a;
  const pair = new Set([a, b]);
  if (pair.has("int") && pair.has("float")) return "float";
  if (pair.has("int[]") && pair.has("float[]")) return "float[]";
  return "string";
}

/** `value` (of type `own`) as a value of the declared type `declared` (see mergeTypes). */
export function convertValue(value: unknown, own: ValueType, declared: ValueType): unknown {
  if (own === "json") return JSON.stringify(value);
  if (declared === "string" && typeof value !== "string") return JSON.stringify(value);
  return value; // the same type, or a number widened to float
}

/** Model properties first, in the model's order, then the rest alphabetically: stable columns. */
export function orderKeys(keys: Iterable<string>, domain: "node" | "edge"): string[] {
  const common =
    domain === "node"
      ? ["id", "name", "nameEn", "aliases", "description", ...Object.keys(GUANXI_NODE_PROPERTIES)]
      : ["evidence", "articles", ...Object.keys(PROVENANCE_PROPERTIES)];
  const rank = (k: string) => {
    const i = common.indexOf(k);
    return i === -1 ? common.length : i;
  };
  return [...new Set(keys)].sort((a, b) => rank(a) - rank(b) || (a < b ? -1 : a > b ? 1 : 0));
}
