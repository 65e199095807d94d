/**
 * Saved queries: `cypher/queries/*.cypher`, each a read-only statement under a header of `//` lines.
 *
 *     // title: The alliance and what it spans          (required, once)
 *     // description: Regions an alliance covers, …     (optional; several lines are joined)
 *     // param: alliance = "通武廊"                      (one per parameter: a name and a JSON default)
 *     // needs: Alliance, Region, SPANS                (optional: the labels and types it reads, e.g. of the news schema)
 *     MATCH …
 *
 * The header ends at the first line that is not a `//` comment. Every `$name` the statement uses must
 * be declared, and every declared parameter used. Parsed here and only here; the API serves the result.
 */
import { readFileSync, readdirSync } from "node:fs";
import { basename, join } from "node:path";
import type { SavedQuery } from "../api-types.ts";
import { CYPHER_DIR } from "./cypher-files.ts";
import { parameterNames } from "../cypher-params.ts";
import { formatProblem, type InputProblem } from "../errors.ts";

export const SAVED_QUERIES_DIR = join(CYPHER_DIR, "queries");

const HEADER_KEYS = ["title", "description", "param", "needs"] as const;
const NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** A saved query file that cannot be used: names the file and the line. */
export class SavedQueryError extends Error {
  readonly problem: InputProblem;
  constructor(problem: InputProblem) {
    super(formatProblem(problem));
    this.name = "SavedQueryError";
    this.problem = problem;
  }
}

/** Parses one saved query; `file` is how errors name it (e.g. cypher/queries/colleges-2024.cypher). */
export function parseSavedQuery(file: string, text: string): SavedQuery {
  const fail = (line: number, message: string): never => {
    throw new SavedQueryError({ file, line, message });
  };
  const lines = text.replace(/^\uFEFF/, "").split(/\r?\n/);
  let title: string | undefined;
  const description: string[] = [];
  const params: SavedQuery["params"] = [];
  const needs: string[] = [];
  let body = lines.length;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!.trim();
    if (line === "") continue;
    if (!line.startsWith("//")) {
      body = i;
      break;
    }
    const comment = line.slice(2).trim();
    if (comment === "") continue;
    const match = /^([A-Za-z]+)\s*:\s*(.*)$/.exec(comment);
    const key = match?.[1]?.toLowerCase();
    if (!match || !(HEADER_KEYS as readonly string[]).includes(key ?? "")) {
      fail(
        i + 1,
        `expected a header line "// title: …", "// description: …" or "// param: name = value", found "${line}"`,
      );
    }
    const value = match![2]!.trim();
    if (key === "title") {
      if (title !== undefined) fail(i + 1, "a second title; a saved query has one");
      if (value === "") fail(i + 1, "the title is empty");
      title = value;
    } else if (key === "needs") {
      const names = value.split(",").map((n) => n.trim().replace(/^:/, ""));
      if (names.some((n) => n === ""))
        fail(i + 1, 'expected "// needs: Label, TYPE, …" (labels and relationship types)');
      needs.push(...names);
    } else if (key === "description") {
      if (value !== "") description.push(value);
    } else {
      const param = /^([^=\s]+)\s*=\s*(.+)$/.exec(value);
      if (!param) fail(i + 1, `expected "// param: name = value" (value in JSON, e.g. "通武廊" or 2024)`);
      const name = param![1]!.replace(/^\$/, "");
      if (!NAME.test(name)) fail(i + 1, `"${name}" is not a parameter name (letters, digits, _)`);
      if (params.some((p) => p.name === name)) fail(i + 1, `parameter "${name}" is declared twice`);
      let defaultValue: unknown;
      try {
        defaultValue = JSON.parse(param![2]!);
      } catch {
        fail(i + 1, `the default of "${name}" is not JSON: ${param![2]} (write text in double quotes)`);
      }
      params.push({ name, default: defaultValue });
    }
  }
  if (title === undefined) fail(1, 'no title: the file must start with "// title: …"');
  const cypher = lines.slice(body).join("\n").trim().replace(/;$/, "").trimEnd();
  if (cypher === "") fail(body + 1, "no Cypher statement after the header");
  const used = parameterNames(cypher);
  for (const name of used) {
    if (!params.some((p) => p.name === name)) {
      fail(body + 1, `the statement uses $${name} but the header declares no "// param: ${name} = …"`);
    }
  }
  for (const p of params) {
    if (!used.includes(p.name))
      fail(1, `parameter "${p.name}" is declared but the statement never uses $${p.name}`);
  }
  const query: SavedQuery = { name: basename(file).replace(/\.cypher$/, ""), title: title!, params, cypher };
  if (description.length) query.description = description.join(" ");
  if (needs.length) query.needs = [...new Set(needs)];
  return query;
}

/** Every saved query in `dir`, by file name; files that do not parse are reported, not served. */
export function loadSavedQueries(
  dir: string = SAVED_QUERIES_DIR,
  displayDir: string = dir === SAVED_QUERIES_DIR ? "cypher/queries" : dir,
): { queries: SavedQuery[]; problems: InputProblem[] } {
  const queries: SavedQuery[] = [];
  const problems: InputProblem[] = [];
  let files: string[];
  try {
    files = readdirSync(dir).filter((f) => f.endsWith(".cypher"));
  } catch {
    return { queries, problems };
  }
  for (const f of files.sort()) {
    try {
      queries.push(parseSavedQuery(`${displayDir}/${f}`, readFileSync(join(dir, f), "utf8")));
    } catch (error) {
      if (!(error instanceof SavedQueryError)) throw error;
      problems.push(error.problem);
    }
  }
  return { queries, problems };
}
