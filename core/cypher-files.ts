/**
 * Loads Cypher from the files under cypher/ by name. Statements are parameterised; the only text
 * ever substituted is a label or relationship type of the domain model, checked here.
 */
import { readFileSync, readdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { isNodeLabel, isRelationshipType } from "./model.ts";

export const CYPHER_DIR = join(dirname(fileURLToPath(import.meta.url)), "..", "cypher");

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

/** Fills __LABEL__/__FROM__/__TO__/__TYPE__ placeholders with model names, refusing anything else. */
export function withModelNames(template: string, names: Record<string, string>): string {
  return template.replace(/__([A-Z]+)__/g, (_, slot: string) => {
    const value = names[slot];
    if (value === undefined) throw new Error(`no value for __${slot}__ in a Cypher template`);
    const ok = slot === "TYPE" ? isRelationshipType(value) : isNodeLabel(value);
    if (!ok)
      throw new Error(`"${value}" is not a ${slot === "TYPE" ? "relationship type" : "label"} of the model`);
    return value;
  });
}

export function listCypherFiles(folder: string): string[] {
  return readdirSync(join(CYPHER_DIR, folder))
    .filter((f) => f.endsWith(".cypher"))
    .map((f) => `${folder}/${f.replace(/\.cypher$/, "")}`);
}
