/**
 * Pure helpers for the parameter editor: which `$name`s the query uses, what was typed for them, and
 * the `params` object sent with the query (JSON when a value parses, else the text).
 */
import { parameterNames, readParameterValue } from "../../../../core/cypher-params.ts";
import type { ParamField } from "./types.ts";

/** The fields for `cypher`'s parameters, in order of use; text typed before is kept by name. */
export function paramFields(cypher: string, typed: ReadonlyMap<string, string>): ParamField[] {
  return parameterNames(cypher).map((name) => ({ name, text: typed.get(name) ?? "" }));
}

export function toParams(fields: readonly ParamField[]): Record<string, unknown> {
  return Object.fromEntries(fields.map((f) => [f.name, readParameterValue(f.text)]));
}

/**
 * A default value as the analyst would type it: text as is, unless it would be read back as
 * something else (the text "2024" is written "\"2024\""); everything else as JSON.
 */
export function formatValue(value: unknown): string {
  if (typeof value === "string") return readParameterValue(value) === value ? value : JSON.stringify(value);
  return JSON.stringify(value) ?? "";
}
