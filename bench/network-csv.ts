/** Writes a data set as `neo4j-admin import` CSV: the layout `guanxi ingest` and `LOAD CSV` read. */
import { closeSync, mkdirSync, openSync, writeSync } from "node:fs";
import { join } from "node:path";
import type { Dataset, Properties, PropertyType, PropertyValue, RelationshipRecord } from "../core/model.ts";
import { csvField } from "../core/csv-field.ts";
import { DEFAULT_SCHEMA } from "../core/schema/graph-schema.ts";

export interface CsvColumn {
  name: string;
  type: PropertyType;
  header: string;
}

function inferType(value: PropertyValue): PropertyType {
  const scalar = (v: unknown): PropertyType =>
    typeof v === "number"
      ? Number.isInteger(v)
        ? "int"
        : "float"
      : typeof v === "boolean"
        ? "boolean"
        : "string";
  if (Array.isArray(value)) return `${value.length > 0 ? scalar(value[0]) : "string"}[]` as PropertyType;
  return scalar(value);
}

/** Columns for the properties present, in model order (then unknown ones, sorted), typed by the model. */
function propertyColumns(
  present: Map<string, PropertyValue>,
  modelSpecs: Record<string, { type: PropertyType }>[],
  skip: readonly string[],
): CsvColumn[] {
  const types = new Map<string, PropertyType>();
  for (const specs of modelSpecs) {
    for (const [name, spec] of Object.entries(specs)) {
      const known = types.get(name);
      if (known && known !== spec.type) throw new Error(`property ${name} is both ${known} and ${spec.type}`);
      types.set(name, spec.type);
    }
  }
  const names = [
    ...[...types.keys()].filter((n) => present.has(n)),
    ...[...present.keys()].filter((n) => !types.has(n)).sort(),
  ].filter((n) => !skip.includes(n));
  return names.map((name) => {
    const type = types.get(name) ?? inferType(present.get(name)!);
    return { name, type, header: type === "string" ? name : `${name}:${type}` };
  });
}

const quote = (text: string): string => csvField(text);

function cell(value: PropertyValue | undefined, column: string): string {
  if (value === undefined) return "";
  if (Array.isArray(value)) {
    const items = value.map(String);
    for (const item of items) {
      if (item.includes(";") || item.trim() !== item || item === "")
        throw new Error(
          `list item ${JSON.stringify(item)} of ${column} cannot be written as a ;-separated cell`,
        );
    }
    return quote(items.join(";"));
  }
  return quote(String(value));
}

/** Writes rows in ~1 MB chunks. */
function writeLines(path: string, header: string, rows: Iterable<string>): void {
  const fd = openSync(path, "w");
  try {
    let buffer = header + "\n";
    for (const row of rows) {
      buffer += row + "\n";
      if (buffer.length > 1 << 19) {
        writeSync(fd, buffer);
        buffer = "";
      }
    }
    writeSync(fd, buffer);
  } finally {
    closeSync(fd);
  }
}

/**
 * Writes `nodes.csv` and `relationships.csv` in the `neo4j-admin import` layout Guanxi reads
 * (ingest/read-csv.ts): `id:ID,:LABEL,name,…` and `:START_ID,:END_ID,:TYPE,evidence:string[],article,…`,
 * typed columns (`count:int`, `aliases:string[]`), lists separated by `;`, cells quoted as needed.
 */
export function writeNeo4jAdminCsv(dataset: Dataset, dir: string): { nodes: string; relationships: string } {
  mkdirSync(dir, { recursive: true });
  const columns = csvColumns(dataset);
  const nodeColumns = columns.nodes;
  const nodesPath = join(dir, "nodes.csv");
  writeLines(
    nodesPath,
    ["id:ID", ":LABEL", ...nodeColumns.map((c) => c.header)].join(","),
    (function* () {
      for (const n of dataset.nodes) {
        yield [
          quote(n.id),
          n.labels.join(";"),
          ...nodeColumns.map((c) => cell(n.properties[c.name], c.name)),
        ].join(",");
      }
    })(),
  );

  const relColumns = columns.relationships;
  const relsPath = join(dir, "relationships.csv");
  writeLines(
    relsPath,
    [":START_ID", ":END_ID", ":TYPE", ...relColumns.map((c) => c.header)].join(","),
    (function* () {
      for (const r of dataset.relationships) {
        yield [
          quote(r.start),
          quote(r.end),
          r.type,
          ...relColumns.map((c) => cell(inputProperties(r)[c.name], c.name)),
        ].join(",");
      }
    })(),
  );
  return { nodes: nodesPath, relationships: relsPath };
}

/**
 * A relationship's properties as an input file gives them: its provenance as `evidence` and `article`
 * (the generator quotes one article per relationship).
 */
export function inputProperties(r: RelationshipRecord): Properties {
  if (r.supports.length === 0) return r.properties;
  return { ...r.properties, evidence: r.supports.map((s) => s.quote), article: r.supports[0]!.article };
}

/** The typed CSV columns writeNeo4jAdminCsv uses, for statements that read the files back (LOAD CSV). */
export function csvColumns(dataset: Dataset): { nodes: CsvColumn[]; relationships: CsvColumn[] } {
  const nodeProps = new Map<string, PropertyValue>();
  for (const n of dataset.nodes)
    for (const [k, v] of Object.entries(n.properties)) if (!nodeProps.has(k)) nodeProps.set(k, v);
  const relProps = new Map<string, PropertyValue>();
  for (const r of dataset.relationships)
    for (const [k, v] of Object.entries(inputProperties(r))) if (!relProps.has(k)) relProps.set(k, v);
  return {
    nodes: propertyColumns(
      nodeProps,
      DEFAULT_SCHEMA.labels.map((l) => DEFAULT_SCHEMA.nodePropertySpecs(l)),
      ["id"],
    ),
    relationships: propertyColumns(
      relProps,
      DEFAULT_SCHEMA.relationshipTypes.map((t) => DEFAULT_SCHEMA.relationshipPropertySpecs(t)),
      [],
    ),
  };
}
