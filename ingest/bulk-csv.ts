/**
 * A validated data set as the CSV files `neo4j-admin database import full` reads, so that a bulk load stores
 * exactly what the transactional writer (ingest/write.ts) would: the same labels (primary first), the same
 * properties with the same Neo4j types (typed as `toDriverProperty` types them: dates by the schema, whole
 * numbers as integers unless the schema says float), and provenance as the `evidence` / `articles` lists.
 *
 * neo4j-admin gives one type per column, so elements are grouped into files by their (label or end labels
 * and type, property keys and types): every file's header fits every row of it. Ids live in one id space
 * per primary label (Guanxi keeps ids unique per label, not globally). The list separator is a control
 * character that no value holds. What neo4j-admin cannot express (an empty list, a key with ":", a list of
 * mixed numbers) is refused with the element named: ingest it without --bulk.
 */
import { createWriteStream, type WriteStream } from "node:fs";
import { join } from "node:path";
import { csvField } from "../core/csv-field.ts";
import type { Dataset, PropertySpec, PropertyValue } from "../core/model.ts";
import { isIsoDate } from "../core/property-values.ts";
import type { GraphSchema } from "../core/schema/graph-schema.ts";

type CsvType =
  "string" | "long" | "double" | "boolean" | "date" | "string[]" | "long[]" | "double[]" | "boolean[]";

export interface BulkFiles {
  nodes: string[];
  relationships: string[];
  /** neo4j-admin's --array-delimiter for these files. */
  arrayDelimiter: string;
}

/** Separators tried in turn: control characters never typed in text. */
const ARRAY_DELIMITERS = ["\u001f", "\u001e", "\u001d", "\u001c", "\u0001", "\u0002"];

/** The Neo4j type the transactional writer gives `value` (see toDriverProperty), or undefined. */
export function bulkType(spec: PropertySpec | undefined, value: PropertyValue): CsvType | undefined {
  if (typeof value === "string") return spec?.type === "date" && isIsoDate(value) ? "date" : "string";
  if (typeof value === "boolean") return "boolean";
  if (typeof value === "number") {
    if (!Number.isFinite(value)) return undefined;
    return spec?.type !== "float" && Number.isSafeInteger(value) ? "long" : "double";
  }
  if (!Array.isArray(value) || value.length === 0) return undefined;
  const items = value as unknown[];
  if (items.every((v) => typeof v === "string")) return "string[]";
  if (items.every((v) => typeof v === "boolean")) return "boolean[]";
  if (!items.every((v) => typeof v === "number" && Number.isFinite(v))) return undefined;
  if (spec?.type === "float[]") return "double[]";
  const whole = items.filter((v) => Number.isSafeInteger(v)).length;
  return whole === items.length ? "long[]" : whole === 0 ? "double[]" : undefined;
}

/** A bulk load Guanxi will not do (the input or the database does not allow it); nothing was changed. */
export class BulkRefusedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "BulkRefusedError";
  }
}

interface Column {
  key: string;
  type: CsvType;
}

interface Group {
  header: string[];
  columns: Column[];
  rows: number[];
}

function typedColumns(
  properties: Record<string, PropertyValue>,
  specs: Record<string, PropertySpec>,
  skip: string,
  what: () => string,
): Column[] {
  const columns: Column[] = [];
  for (const [key, value] of Object.entries(properties)) {
    if (key === skip) continue;
    const type = bulkType(specs[key], value);
    if (key.includes(":") || type === undefined)
      throw new BulkRefusedError(
        `${what()}: property ${JSON.stringify(key)} (${JSON.stringify(value)}) cannot be bulk-loaded by neo4j-admin (${key.includes(":") ? 'a key with ":"' : "an empty list or a list of mixed numbers"}); ingest without --bulk`,
      );
    columns.push({ key, type });
  }
  return columns.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}

function signature(prefix: string, columns: Column[]): string {
  return `${prefix}\u0000${columns.map((c) => `${c.key}:${c.type}`).join("\u0000")}`;
}

/** The first separator that no label and no list item contains. */
function chooseDelimiter(dataset: Dataset): string {
  const used = new Set<string>();
  const scan = (text: string) => {
    for (const d of ARRAY_DELIMITERS) if (text.includes(d)) used.add(d);
  };
  for (const node of dataset.nodes) {
    node.labels.forEach(scan);
    for (const value of Object.values(node.properties))
      if (Array.isArray(value)) value.forEach((v) => scan(String(v)));
  }
  for (const rel of dataset.relationships) {
    for (const s of rel.supports) {
      scan(s.quote);
      scan(s.article);
    }
    for (const value of Object.values(rel.properties))
      if (Array.isArray(value)) value.forEach((v) => scan(String(v)));
  }
  const free = ARRAY_DELIMITERS.find((d) => !used.has(d));
  if (!free)
    throw new BulkRefusedError(
      "every list separator neo4j-admin could use occurs in the data; ingest without --bulk",
    );
  return free;
}

function cellOf(value: PropertyValue | undefined, delimiter: string): string {
  if (value === undefined) return "";
  if (Array.isArray(value)) return csvField((value as unknown[]).map(String).join(delimiter));
  if (typeof value === "string") return value === "" ? '""' : csvField(value);
  return String(value);
}

async function writeLines(stream: WriteStream, lines: Iterable<string>): Promise<void> {
  let buffer = "";
  for (const line of lines) {
    buffer += line + "\n";
    if (buffer.length >= 1 << 20) {
      if (!stream.write(buffer)) await new Promise<void>((resolve) => stream.once("drain", () => resolve()));
      buffer = "";
    }
  }
  await new Promise<void>((resolve, reject) => {
    stream.end(buffer, () => resolve());
    stream.once("error", reject);
  });
}

/** Writes `dataset` (validated, derived properties added) into `dir` as neo4j-admin import files. */
export async function writeBulkCsv(dataset: Dataset, schema: GraphSchema, dir: string): Promise<BulkFiles> {
  const delimiter = chooseDelimiter(dataset);
  const spaces = new Map<string, string>();
  const space = (label: string) => {
    let name = spaces.get(label);
    if (name === undefined) spaces.set(label, (name = `s${spaces.size}`));
    return name;
  };

  const nodeGroups = new Map<string, Group>();
  dataset.nodes.forEach((node, index) => {
    const primary = node.labels[0]!;
    const columns = typedColumns(
      node.properties,
      schema.nodePropertySpecsFor(node.labels),
      "id",
      () => `node ${primary} "${node.id}"`,
    );
    const key = signature(primary, columns);
    let group = nodeGroups.get(key);
    if (!group) {
      const header = [`id:ID(${space(primary)})`, ":LABEL", ...columns.map((c) => `${c.key}:${c.type}`)];
      nodeGroups.set(key, (group = { header, columns, rows: [] }));
    }
    group.rows.push(index);
  });

  const relGroups = new Map<string, Group>();
  dataset.relationships.forEach((rel, index) => {
    const columns = typedColumns(
      rel.properties,
      schema.relationshipPropertySpecs(rel.type),
      "",
      () => `relationship (${rel.start})-[:${rel.type}]->(${rel.end})`,
    );
    if (columns.some((c) => c.key === "evidence" || c.key === "articles"))
      throw new BulkRefusedError(
        `relationship (${rel.start})-[:${rel.type}]->(${rel.end}): "evidence" and "articles" are provenance, not properties`,
      );
    if (rel.supports.length > 0)
      columns.push({ key: "evidence", type: "string[]" }, { key: "articles", type: "string[]" });
    const key = signature(`${rel.startLabel}\u0000${rel.type}\u0000${rel.endLabel}`, columns);
    let group = relGroups.get(key);
    if (!group) {
      const header = [
        `:START_ID(${space(rel.startLabel)})`,
        `:END_ID(${space(rel.endLabel)})`,
        ":TYPE",
        ...columns.map((c) => `${c.key}:${c.type}`),
      ];
      relGroups.set(key, (group = { header, columns, rows: [] }));
    }
    group.rows.push(index);
  });

  const files: BulkFiles = { nodes: [], relationships: [], arrayDelimiter: delimiter };
  let n = 0;
  for (const group of nodeGroups.values()) {
    const path = join(dir, `nodes-${n++}.csv`);
    files.nodes.push(path);
    await writeLines(
      createWriteStream(path),
      (function* () {
        yield group.header.map((h) => csvField(h)).join(",");
        for (const index of group.rows) {
          const node = dataset.nodes[index]!;
          const cells = [csvField(node.id), csvField(node.labels.join(delimiter))];
          for (const c of group.columns) cells.push(cellOf(node.properties[c.key], delimiter));
          yield cells.join(",");
        }
      })(),
    );
  }
  n = 0;
  for (const group of relGroups.values()) {
    const path = join(dir, `relationships-${n++}.csv`);
    files.relationships.push(path);
    await writeLines(
      createWriteStream(path),
      (function* () {
        yield group.header.map((h) => csvField(h)).join(",");
        for (const index of group.rows) {
          const rel = dataset.relationships[index]!;
          const cells = [csvField(rel.start), csvField(rel.end), csvField(rel.type)];
          for (const c of group.columns) {
            const value =
              c.key === "evidence"
                ? rel.supports.map((s) => s.quote)
                : c.key === "articles"
                  ? rel.supports.map((s) => s.article)
                  : rel.properties[c.key];
            cells.push(cellOf(value, delimiter));
          }
          yield cells.join(",");
        }
      })(),
    );
  }
  return files;
}
