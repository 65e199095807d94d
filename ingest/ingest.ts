/**
 * `guanxi ingest`: read every input file, validate everything against the model, and only then apply
 * the schema and write. Bad input raises InputError listing every problem; nothing is written.
 */
import { readFile } from "node:fs/promises";
import { dirname, extname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { loadCypher } from "../core/cypher-files.ts";
import { InputError, type InputProblem } from "../core/errors.ts";
import type { GraphDb } from "../core/graph-db.ts";
import { isNodeLabel, type NodeLabel } from "../core/model.ts";
import { addDerivedProperties } from "./derive.ts";
import type { RawRecord } from "./raw-record.ts";
import { readCsvFile } from "./read-csv.ts";
import { readJsonDataset } from "./read-json.ts";
import { validateRecords, type ExistingNodeLookup } from "./validate.ts";
import { applySchema, writeDataset, type WriteOptions, type WriteSummary } from "./write.ts";

export const SEED_DATASET = join(dirname(fileURLToPath(import.meta.url)), "..", "data", "seed.json");

export interface IngestReport extends WriteSummary {
  files: string[];
  /** Nodes and relationships after de-duplication. */
  totals: { nodes: number; relationships: number };
}

function displayName(file: string): string {
  const rel = relative(process.cwd(), file);
  return rel.startsWith("..") ? file : rel;
}

/** Reads and parses every file; unreadable files and syntax errors become problems, not exceptions. */
export async function readInputFiles(
  files: string[],
): Promise<{ records: RawRecord[]; problems: InputProblem[] }> {
  const records: RawRecord[] = [];
  const problems: InputProblem[] = [];
  for (const path of files) {
    const file = displayName(path);
    let text: string;
    try {
      text = await readFile(path, "utf8");
    } catch (error) {
      const code = (error as { code?: string }).code;
      problems.push({ file, message: code === "ENOENT" ? "no such file" : `cannot read: ${String(error)}` });
      continue;
    }
    const ext = extname(path).toLowerCase();
    const read =
      ext === ".csv" ? readCsvFile(file, text) : ext === ".json" ? readJsonDataset(file, text) : undefined;
    if (!read) {
      problems.push({
        file,
        message: "unknown file type: give a Guanxi .json data set or neo4j-admin style .csv",
      });
      continue;
    }
    // Not push(...spread): a file of 500,000 rows would overflow the call stack.
    for (const record of read.records) records.push(record);
    for (const problem of read.problems) problems.push(problem);
  }
  return { records, problems };
}

export function databaseLookup(db: GraphDb): ExistingNodeLookup {
  return async (ids) => {
    const result = await db.read(loadCypher("ingest/find-nodes-by-id"), { ids });
    const found = new Map<string, NodeLabel>();
    for (const row of result.rows) {
      const label = (row.labels as string[]).find(isNodeLabel);
      if (label) found.set(String(row.id), label);
    }
    return found;
  };
}

export async function ingestFiles(
  db: GraphDb,
  files: string[],
  options: WriteOptions = {},
): Promise<IngestReport> {
  const read = await readInputFiles(files);
  const validation = await validateRecords(read.records, databaseLookup(db));
  const problems = [...read.problems, ...validation.problems];
  if (problems.length > 0) throw new InputError(problems);

  await applySchema(db);
  const dataset = addDerivedProperties(validation.dataset);
  const summary = await writeDataset(db, dataset, validation.labels, options);
  return {
    ...summary,
    files: files.map(displayName),
    totals: { nodes: dataset.nodes.length, relationships: dataset.relationships.length },
  };
}
