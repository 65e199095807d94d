/**
 * Which schema is active: `--schema FILE` (or GUANXI_SCHEMA, which the commands pass as the file), else
 * the `schema` section of the data sets being ingested, else the built-in news schema.
 */
import { readFileSync } from "node:fs";
import { findNodeAtLocation, parseTree } from "jsonc-parser";
import type { InputProblem } from "../errors.ts";
import { checkSchemaNode, checkSchemaText } from "../schema/check-schema.ts";
import { DEFAULT_SCHEMA, type GraphSchema } from "../schema/graph-schema.ts";

/** A schema file that cannot be used: every problem, with file, line and field. */
export class SchemaFileError extends Error {
  constructor(readonly problems: InputProblem[]) {
    const lines = problems.map(
      (p) => `${p.file}${p.line ? `:${p.line}` : ""}${p.field ? `, field "${p.field}"` : ""}: ${p.message}`,
    );
    super(`The schema file is not valid:\n  ${lines.join("\n  ")}`);
    this.name = "SchemaFileError";
  }
}

export interface SchemaChoice {
  schema: GraphSchema;
  /** "default", the schema file's path, or the data set it came from. */
  source: string;
}

/** The schema file named by the user (an unreadable or invalid file is a problem, never the default). */
export function loadSchemaFile(path: string): { schema?: SchemaChoice; problems: InputProblem[] } {
  let text: string;
  try {
    const bytes = readFileSync(path);
    try {
      text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
    } catch {
      // Never read on with replacement characters: the schema's names would silently differ from the data's.
      const lossy = new TextDecoder("utf-8").decode(bytes);
      const line = lossy.slice(0, lossy.indexOf("\uFFFD")).split("\n").length;
      return {
        problems: [
          {
            file: path,
            line,
            message:
              "is not UTF-8 text (GBK or Latin-1?): save the schema file as UTF-8. Nothing was read from it.",
          },
        ],
      };
    }
  } catch (error) {
    const code = (error as { code?: string }).code;
    return {
      problems: [
        {
          file: path,
          message:
            code === "ENOENT" ? "no such schema file" : `cannot read the schema file: ${String(error)}`,
        },
      ],
    };
  }
  const check = checkSchemaText(path, text);
  return check.schema
    ? { schema: { schema: check.schema, source: path }, problems: [] }
    : { problems: check.problems };
}

/** For long-running commands (serve, start, export): the file, else the default; a bad file throws. */
export function activeSchema(schemaFile: string | undefined): SchemaChoice {
  if (!schemaFile) return { schema: DEFAULT_SCHEMA, source: "default" };
  const loaded = loadSchemaFile(schemaFile);
  if (!loaded.schema) throw new SchemaFileError(loaded.problems);
  return loaded.schema;
}

/** The schema for an ingest of these JSON data sets (their text, to find a `schema` section). */
export function resolveSchema(
  schemaFile: string | undefined,
  datasets: readonly { file: string; text: string }[],
): { schema?: SchemaChoice; problems: InputProblem[] } {
  if (schemaFile) return loadSchemaFile(schemaFile);
  const problems: InputProblem[] = [];
  let found: { choice: SchemaChoice; text: string } | undefined;
  for (const { file, text } of datasets) {
    const body = text.replace(/^\uFEFF/, "");
    let root: ReturnType<typeof parseTree>;
    try {
      root = parseTree(body, [], { disallowComments: true });
    } catch (error) {
      if (error instanceof RangeError) continue; // nested too deeply: the data-set reader says so
      throw error;
    }
    const section = root?.type === "object" ? findNodeAtLocation(root, ["schema"]) : undefined;
    if (!section) continue;
    if (section.type !== "object") {
      problems.push({ file, field: "schema", message: "must be a schema document (a JSON object)" });
      continue;
    }
    const check = checkSchemaNode(file, body, section, ["schema"]);
    problems.push(...check.problems);
    if (!check.schema) continue;
    const sectionText = JSON.stringify(check.schema.document);
    if (found && found.text !== sectionText) {
      problems.push({
        file,
        field: "schema",
        message: `differs from the schema of ${found.choice.source}: ingest data sets of one schema at a time, or pass --schema FILE`,
      });
      continue;
    }
    found ??= { choice: { schema: check.schema, source: file }, text: sectionText };
  }
  if (problems.length > 0) return { problems };
  return { schema: found?.choice ?? { schema: DEFAULT_SCHEMA, source: "default" }, problems };
}
