/**
 * `guanxi ingest`: read every input file, validate everything against the active schema, and only then apply
 * the schema and write. Bad input raises InputError listing every problem; nothing is written.
 */
import { readFile } from "node:fs/promises";
import { extname, relative } from "node:path";
import { packagePath } from "../core/node/install-paths.ts";
import { loadCypher, withSchemaNames } from "../core/node/cypher-files.ts";
import { InputError, type InputProblem } from "../core/errors.ts";
import type { GraphDb } from "../core/node/graph-db.ts";
import type { Dataset } from "../core/model.ts";
import type { GraphSchema } from "../core/schema/graph-schema.ts";
import { resolveSchema, type SchemaChoice } from "../core/node/load-schema.ts";
import { decodeInput, type InputEncoding } from "./decode.ts";
import { addDerivedProperties } from "./derive.ts";
import type { RawRecord } from "./raw-record.ts";
import { readCsvFile, type CsvOptions } from "./read-csv.ts";
import { streamCsvFile } from "./stream-csv.ts";
import { DRAFT_FORMAT, readJsonDataset } from "./read-json.ts";
import { resolveDraft, type AcceptPolicy, type NodeFetcher } from "./draft.ts";
import { RecordValidation, type ExistingNodeLookup } from "./validate.ts";
import { applySchema, writeDataset, type WriteOptions, type WriteSummary } from "./write.ts";

export const SEED_DATASET = packagePath("data", "seed.json");

export interface IngestOptions extends WriteOptions, Omit<CsvOptions, "schema"> {
  /** `--schema FILE` / GUANXI_SCHEMA, resolved by the caller; else a data set's own, else the default. */
  schemaFile?: string;
  maxPropertyBytes?: number;
  /** Encoding of the input files (default UTF-8, strictly: undecodable bytes are a problem). */
  encoding?: InputEncoding;
  /** The active schema already chosen (the server's); instead of `schemaFile`. */
  schemaChoice?: SchemaChoice;
  /** Drafts of `guanxi extract`: `linked` accepts their exact links and MENTIONS and leaves out the unreviewed rest. */
  accept?: AcceptPolicy;
  /** The format of `-` (standard input) among the files: "json" (default) or "csv". */
  stdinFormat?: "json" | "csv";
  /** False: read CSV files whole, as before streaming (bench:ingest's baseline). Default true. */
  streamCsv?: boolean;
}

export interface IngestReport extends WriteSummary {
  files: string[];
  /** The schema the data was validated against, and where it came from. */
  schema: SchemaChoice;
  /** Nodes and relationships after de-duplication. */
  totals: { nodes: number; relationships: number };
  /** Draft items left out unreviewed (`--accept linked`), and dropped as rejected. */
  drafts?: { skipped: string[]; dropped: number };
  /** Ids of the nodes written and of the ends of the relationships written. */
  ids: string[];
}

export interface InputText {
  path: string;
  file: string;
  text: string;
}

export interface ReadInputs {
  records: RawRecord[];
  problems: InputProblem[];
  schema?: SchemaChoice;
  /** Drafts of `guanxi extract`, resolved against the database before validation. */
  drafts: { file: string; records: RawRecord[] }[];
}

export const STDIN_NAME = "<stdin>";

/** Standard input, whole: refused when it is a terminal (nothing was piped in). */
export async function readStdinBytes(): Promise<Buffer> {
  if (process.stdin.isTTY) throw new Error("standard input is a terminal: pipe the data in");
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

export function displayName(file: string): string {
  const rel = relative(process.cwd(), file);
  return rel.startsWith("..") ? file : rel;
}

function unreadable(file: string, error: unknown): InputProblem {
  const code = (error as { code?: string }).code;
  return {
    file,
    message:
      code === "ENOENT"
        ? "no such file"
        : code === "EISDIR"
          ? "is a directory: name the data files in it"
          : `cannot read: ${(error as Error).message}`,
  };
}

/** A file read whole and decoded; `problem` when it could not be. */
async function readWhole(
  path: string,
  options: IngestOptions,
): Promise<{ text?: InputText; problem?: InputProblem }> {
  // `-`: standard input, read as a data set in `stdinFormat` (default JSON).
  const stdin = path === "-";
  const file = stdin ? STDIN_NAME : displayName(path);
  try {
    const bytes = stdin ? await readStdinBytes() : await readFile(path);
    const decoded = decodeInput(file, bytes, options.encoding);
    if (decoded.problem) return { problem: decoded.problem };
    return {
      text: { path: stdin ? `stdin.${options.stdinFormat ?? "json"}` : path, file, text: decoded.text! },
    };
  } catch (error) {
    return { problem: unreadable(file, error) };
  }
}

/** CSV files are streamed (never held whole) unless `streamCsv` is false: the whole-file reader, kept for comparison. */
const streams = (path: string, options: IngestOptions) =>
  path !== "-" && extname(path).toLowerCase() === ".csv" && options.streamCsv !== false;

/**
 * Reads and parses every file; unreadable files and syntax errors become problems, not exceptions.
 * JSON files are read whole (the schema may come from one); CSV files are streamed a row at a time.
 */
export async function readInputFiles(
  files: string[],
  options: IngestOptions = {},
  /** Given the schema, where records go instead of `records` (a validation fed as the files stream). */
  consume?: (schema: SchemaChoice) => (record: RawRecord) => void,
): Promise<ReadInputs> {
  const problems: InputProblem[] = [];
  const texts = new Map<string, InputText>();
  for (const path of files) {
    if (streams(path, options)) continue;
    const read = await readWhole(path, options);
    if (read.problem) problems.push(read.problem);
    else texts.set(path, read.text!);
  }
  const choice = chooseSchema([...texts.values()], options);
  const out: ReadInputs = { records: [], problems: [...problems, ...choice.problems], drafts: [] };
  if (choice.schema) out.schema = choice.schema;
  const csvOptions = { ...options, ...(choice.schema ? { schema: choice.schema.schema } : {}) };
  const fed = choice.schema && consume ? consume(choice.schema) : undefined;
  const emit = fed ?? ((record: RawRecord) => out.records.push(record));
  for (const path of files) {
    if (!streams(path, options)) {
      const text = texts.get(path);
      if (text) parseInputText(text, csvOptions, out, emit);
      continue;
    }
    const file = displayName(path);
    const mark = out.records.length;
    let streamed: Awaited<ReturnType<typeof streamCsvFile>>;
    try {
      // Not push(...spread) anywhere: a file of 500,000 rows would overflow the call stack.
      streamed = await streamCsvFile(path, file, csvOptions, emit);
    } catch (error) {
      out.records.length = mark;
      out.problems.push(unreadable(file, error));
      continue;
    }
    if (streamed) {
      for (const problem of streamed.problems) out.problems.push(problem);
      continue;
    }
    // A problem the whole-file reader words (undecodable bytes, NULs, malformed CSV): read it whole.
    // (Records a validation was fed before it stay fed: the input fails all the same.)
    out.records.length = mark;
    const read = await readWhole(path, options);
    if (read.problem) out.problems.push(read.problem);
    else parseInputText(read.text!, csvOptions, out, emit);
  }
  return out;
}

/** The schema first: the CSV reader types untyped columns by it. */
function chooseSchema(
  texts: InputText[],
  options: IngestOptions,
): { schema?: SchemaChoice | undefined; problems: InputProblem[] } {
  return options.schemaChoice
    ? { schema: options.schemaChoice, problems: [] }
    : resolveSchema(
        options.schemaFile,
        texts.filter((t) => extname(t.path).toLowerCase() === ".json"),
      );
}

/** Parses one decoded input into `out`: its records (or draft) and problems. */
function parseInputText(
  { path, file, text }: InputText,
  options: IngestOptions & CsvOptions,
  out: ReadInputs,
  emit: (record: RawRecord) => void = (record) => out.records.push(record),
): void {
  const ext = extname(path).toLowerCase();
  const read =
    ext === ".csv"
      ? readCsvFile(file, text, options)
      : ext === ".json"
        ? readJsonDataset(file, text, { allowDraft: true })
        : undefined;
  if (!read) {
    out.problems.push({
      file,
      message: "unknown file type: give a Guanxi .json data set or neo4j-admin style .csv",
    });
    return;
  }
  if ("format" in read && read.format === DRAFT_FORMAT) out.drafts.push({ file, records: read.records });
  // Not push(...spread): a file of 500,000 rows would overflow the call stack.
  else for (const record of read.records) emit(record);
  for (const problem of read.problems) out.problems.push(problem);
}

/** Parses decoded inputs (files, or a draft the API received): records, problems and the schema. */
export function parseInputTexts(texts: InputText[], options: IngestOptions = {}): ReadInputs {
  const choice = chooseSchema(texts, options);
  const out: ReadInputs = { records: [], problems: [...choice.problems], drafts: [] };
  if (choice.schema) out.schema = choice.schema;
  const csvOptions = { ...options, ...(choice.schema ? { schema: choice.schema.schema } : {}) };
  for (const text of texts) parseInputText(text, csvOptions, out);
  return out;
}

/** Existing nodes with all their properties, by id: what a draft merges aliases into. */
export function databaseNodeFetcher(db: GraphDb, schema: GraphSchema): NodeFetcher {
  return async (ids) => {
    const found = new Map<string, { labels: string[]; properties: Record<string, unknown> }>();
    for (const label of schema.labels) {
      const cypher = withSchemaNames(loadCypher("ingest/nodes-for-alias-merge"), { LABEL: label }, schema);
      for (const row of (await db.read(cypher, { ids })).rows) {
        const id = String(row.id);
        if (found.has(id)) continue;
        const labels = row.labels as string[];
        const primary = schema.primaryLabel(labels)!;
        found.set(id, {
          labels: [primary, ...labels.filter((l) => l !== primary)],
          properties: row.properties as Record<string, unknown>,
        });
      }
    }
    return found;
  };
}

/** Existing nodes by id, one indexed lookup per label of the schema. */
export function databaseLookup(db: GraphDb, schema: GraphSchema): ExistingNodeLookup {
  return async (ids) => {
    const found = new Map<string, string[][]>();
    const seen = new Set<string>();
    for (const label of schema.labels) {
      const cypher = withSchemaNames(loadCypher("ingest/find-nodes-by-id"), { LABEL: label }, schema);
      for (const row of (await db.read(cypher, { ids })).rows) {
        if (seen.has(String(row.key))) continue; // a node with several labels is found once per label
        seen.add(String(row.key));
        const id = String(row.id);
        found.set(id, [...(found.get(id) ?? []), row.labels as string[]]);
      }
    }
    return found;
  };
}

export async function ingestFiles(
  db: GraphDb,
  files: string[],
  options: IngestOptions = {},
): Promise<IngestReport> {
  return ingestValidated(db, await readAndValidate(files, options, db), files.map(displayName), options);
}

/** Ingests texts already in memory (a draft the API received) exactly as files are ingested. */
export async function ingestTexts(
  db: GraphDb,
  texts: InputText[],
  options: IngestOptions = {},
): Promise<IngestReport> {
  return ingestValidated(
    db,
    await validateRead(parseInputTexts(texts, options), options, db),
    texts.map((t) => t.file),
    options,
  );
}

/** A data set read and validated, derived properties added: what a writer takes. */
export interface ValidatedInput {
  dataset: Dataset;
  schema: SchemaChoice;
  drafts?: IngestReport["drafts"];
}

/**
 * Reads the files and validates every record (readInputFiles + validateRead), the records going straight
 * into validation as the CSV files stream: no raw record is kept. Throws InputError naming every problem.
 */
export async function readAndValidate(
  files: string[],
  options: IngestOptions,
  db?: GraphDb,
): Promise<ValidatedInput> {
  let validation: RecordValidation | undefined;
  const read = await readInputFiles(
    files,
    options,
    options.streamCsv === false
      ? undefined
      : ({ schema }) => {
          const fed = newValidation(schema, options, db);
          validation = fed;
          return (record) => fed.add(record);
        },
  );
  return validateRead(read, options, db, validation);
}

/** A validation for `schema`, looking ends up in `db` when there is one. */
function newValidation(schema: GraphSchema, options: IngestOptions, db?: GraphDb): RecordValidation {
  return new RecordValidation({
    schema,
    ...(db ? { lookupExisting: databaseLookup(db, schema) } : {}),
    ...(options.maxPropertyBytes !== undefined ? { maxPropertyBytes: options.maxPropertyBytes } : {}),
  });
}

/**
 * Resolves drafts and validates everything read; throws InputError naming every problem. Without `db`
 * (a bulk load into an empty database) nothing is looked up: every end must be in the input.
 */
export async function validateRead(
  read: ReadInputs,
  options: IngestOptions,
  db?: GraphDb,
  /** A validation already fed the files' records (readInputFiles' `consume`); else `read.records`. */
  fed?: RecordValidation,
): Promise<ValidatedInput> {
  if (!read.schema) throw new InputError(read.problems);
  const { schema } = read.schema;
  const validation = fed ?? newValidation(schema, options, db);
  const records = read.records;
  read.records = []; // validation keeps what it needs: the raw records can go
  for (const record of records) validation.add(record);
  records.length = 0;
  const problems = [...read.problems];
  let drafts: IngestReport["drafts"];
  for (const draft of read.drafts) {
    const resolved = await resolveDraft(draft.file, draft.records, {
      ...(options.accept ? { accept: options.accept } : {}),
      fetchNodes: db ? databaseNodeFetcher(db, schema) : async () => new Map(),
    });
    for (const record of resolved.records) validation.add(record);
    problems.push(...resolved.problems);
    drafts = {
      skipped: [...(drafts?.skipped ?? []), ...resolved.skipped],
      dropped: (drafts?.dropped ?? 0) + resolved.dropped,
    };
  }
  const result = await validation.finish();
  for (const problem of result.problems) problems.push(problem);
  if (problems.length > 0) throw new InputError(problems);
  return {
    dataset: addDerivedProperties(result.dataset, schema),
    schema: read.schema,
    ...(drafts ? { drafts } : {}),
  };
}

/** Ids of the nodes written and of the ends of the relationships written. */
export function writtenIds(dataset: Dataset): string[] {
  const ids = new Set<string>();
  for (const n of dataset.nodes) ids.add(n.id);
  for (const r of dataset.relationships) {
    ids.add(r.start);
    ids.add(r.end);
  }
  return [...ids];
}

async function ingestValidated(
  db: GraphDb,
  { dataset, schema, drafts }: ValidatedInput,
  files: string[],
  options: IngestOptions,
): Promise<IngestReport> {
  await applySchema(db, schema.schema);
  const summary = await writeDataset(db, dataset, schema.schema, options);
  return {
    ...summary,
    files,
    schema,
    totals: { nodes: dataset.nodes.length, relationships: dataset.relationships.length },
    ...(drafts ? { drafts } : {}),
    ids: writtenIds(dataset),
  };
}
