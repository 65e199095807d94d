/**
 * Loads Cypher from the files under cypher/ by name. Statements are parameterised; the only text
 * ever substituted is a name — a label or relationship type of the active schema, checked here, or an
 * index's labels and properties — always quoted as a Cypher identifier.
 */
import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import type { GraphSchema } from "../schema/graph-schema.ts";
import { packagePath } from "./install-paths.ts";

export const CYPHER_DIR = packagePath("cypher");

const cache = new Map<string, string>();

/** The text of cypher/NAME.cypher (NAME may contain a sub-folder, e.g. "ingest/merge-nodes"). */
export function loadCypher(name: string): string {
  let text = cache.get(name);
  if (text === undefined) {
    text = readFileSync(join(CYPHER_DIR, `${name}.cypher`), "utf8");
    cache.set(name, text);
  }
  return text;
}

/** Splits a file of several statements on the `;` that ends a line; comments are dropped. */
export function splitStatements(text: string): string[] {
  return text
    .split("\n")
    .filter((line) => !line.trim().startsWith("//"))
    .join("\n")
    .split(/;\s*$/m)
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
}

/** A name as a Cypher identifier: backticks around it, a backtick inside doubled. */
export function quoteName(name: string): string {
  return `\`${name.replace(/`/g, "``")}\``;
}

/** Fills `__SLOT__` placeholders with ready-made Cypher fragments (built with quoteName), refusing a missing one. */
export function fillSlots(template: string, fragments: Record<string, string>): string {
  return template.replace(/__([A-Z]+)__/g, (_, slot: string) => {
    const value = fragments[slot];
    if (value === undefined) throw new Error(`no value for __${slot}__ in a Cypher template`);
    return value;
  });
}

/**
 * Fills __LABEL__/__FROM__/__TO__/__TYPE__ placeholders with names of the active schema, quoted; a name
 * the schema does not have is refused.
 */
export function withSchemaNames(
  template: string,
  names: Record<string, string>,
  schema: GraphSchema,
): string {
  const fragments: Record<string, string> = {};
  for (const [slot, value] of Object.entries(names)) {
    const ok = slot === "TYPE" ? schema.hasRelationshipType(value) : schema.hasLabel(value);
    if (!ok)
      throw new Error(
        `"${value}" is not a ${slot === "TYPE" ? "relationship type" : "label"} of the schema "${schema.name}"`,
      );
    fragments[slot] = quoteName(value);
  }
  return fillSlots(template, fragments);
}

export function listCypherFiles(folder: string): string[] {
  return readdirSync(join(CYPHER_DIR, folder))
    .filter((f) => f.endsWith(".cypher"))
    .map((f) => `${folder}/${f.replace(/\.cypher$/, "")}`);
}
