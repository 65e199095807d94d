/**
 * Reads CSV in the layout Neo4j users know from `neo4j-admin import`: a header with `:ID` (and
 * `:LABEL`) makes a nodes file, one with `:START_ID`, `:END_ID` and `:TYPE` a relationships file.
 * Columns are `name:type` (`since:date`, `count:int`, `aliases:string[]`); lists split on `;`.
 * An untyped column takes the model's type for that property, or text.
 */
import { parse } from "csv-parse/sync";
import type { InputProblem } from "../core/errors.ts";
import {
  isNodeLabel,
  isRelationshipType,
  nodePropertySpecs,
  relationshipPropertySpecs,
} from "../core/model.ts";
import type { PropertyType } from "../core/model.ts";
import { csvColumnType, parseCsvValue } from "../core/property-values.ts";
import type { RawRecord, ReadResult } from "./raw-record.ts";

type Role = "id" | "label" | "start" | "end" | "type" | "ignore" | "property";

interface Column {
  index: number;
  header: string;
  role: Role;
  /** Property name (for role "property"). */
  name: string;
  /** Declared type, when the header gives one. */
  type?: PropertyType;
}

const ROLE_OF: Record<string, Role> = {
  ID: "id",
  LABEL: "label",
  START_ID: "start",
  END_ID: "end",
  TYPE: "type",
  IGNORE: "ignore",
};

function parseHeader(file: string, header: string[]): { columns: Column[]; problems: InputProblem[] } {
  const columns: Column[] = [];
  const problems: InputProblem[] = [];
  header.forEach((raw, index) => {
    const text = raw.trim();
    const colon = text.lastIndexOf(":");
    const name = colon === -1 ? text : text.slice(0, colon);
    // `:ID(Group)` names an id space; Guanxi ids are global, so the group is only read past.
    const suffix = colon === -1 ? "" : text.slice(colon + 1).replace(/\(.*\)$/, "");
    const role = ROLE_OF[suffix.toUpperCase()];
    if (role) {
      columns.push({ index, header: text, role, name: role === "id" ? "id" : name });
      return;
    }
    if (!name) {
      problems.push({
        file,
        line: 1,
        field: text || `column ${index + 1}`,
        message: "a column needs a name",
      });
      return;
    }
    if (suffix === "") {
      columns.push({ index, header: text, role: "property", name });
      return;
    }
    const type = csvColumnType(suffix);
    if (!type) {
      problems.push({
        file,
        line: 1,
        field: text,
        message: `unknown column type "${suffix}" (use string, int, float, boolean, date, or a list such as string[])`,
      });
      return;
    }
    columns.push({ index, header: text, role: "property", name, type });
  });
  return { columns, problems };
}

export function readCsvFile(file: string, text: string): ReadResult {
  const problems: InputProblem[] = [];
  const records: RawRecord[] = [];
  let rows: { record: string[]; info: { lines: number } }[];
  try {
    rows = parse(text.replace(/^\uFEFF/, ""), {
      info: true,
      skip_empty_lines: true,
      relax_column_count: true,
    }) as unknown as typeof rows;
  } catch (error) {
    const e = error as { lines?: number; message: string };
    return { records, problems: [{ file, line: e.lines, message: `malformed CSV: ${e.message}` }] };
  }
  const [headerRow, ...dataRows] = rows;
  if (!headerRow) return { records, problems: [{ file, line: 1, message: "the CSV file is empty" }] };

  const header = parseHeader(file, headerRow.record);
  problems.push(...header.problems);
  const roles = new Set(header.columns.map((c) => c.role));
  const kind = roles.has("id") ? "node" : roles.has("start") || roles.has("end") ? "relationship" : undefined;
  if (!kind) {
    problems.push({
      file,
      line: 1,
      message: "the header needs :ID (a nodes file) or :START_ID, :END_ID and :TYPE (a relationships file)",
    });
    return { records, problems };
  }
  const needed: Role[] = kind === "node" ? ["id", "label"] : ["start", "end", "type"];
  for (const role of needed) {
    if (!roles.has(role)) {
      const name = Object.entries(ROLE_OF).find(([, r]) => r === role)![0];
      problems.push({ file, line: 1, message: `a ${kind}s file needs a :${name} column` });
    }
  }
  if (problems.length > 0) return { records, problems };

  // Typed columns the model does not know, per label or type: one shared object, not one per row.
  const declaredByOwner = new Map<string, Record<string, PropertyType> | undefined>();
  const declaredTypesFor = (owner: string, specs: Record<string, unknown>) => {
    if (!declaredByOwner.has(owner)) {
      const typed = header.columns.filter((c) => c.role === "property" && c.type && !specs[c.name]);
      declaredByOwner.set(
        owner,
        typed.length ? Object.fromEntries(typed.map((c) => [c.name, c.type!])) : undefined,
      );
    }
    return declaredByOwner.get(owner);
  };

  dataRows.forEach(({ record: cells, info }, index) => {
    const location = { file, line: info.lines, record: index + 1 };
    if (
      cells.length !== header.columns.length + header.problems.length &&
      cells.length !== headerRow.record.length
    ) {
      problems.push({
        ...location,
        message: `has ${cells.length} columns, the header has ${headerRow.record.length}`,
      });
      return;
    }
    const fields: Record<string, unknown> = {};
    for (const c of header.columns) {
      if (c.role !== "property" && c.role !== "ignore")
        fields[c.name === "id" ? "id" : c.role] = cells[c.index]!.trim();
    }
    // The row's label or type decides the type of untyped columns.
    const owner = String(kind === "node" ? fields.label : fields.type);
    const specs =
      kind === "node"
        ? isNodeLabel(owner)
          ? nodePropertySpecs(owner)
          : {}
        : isRelationshipType(owner)
          ? relationshipPropertySpecs(owner)
          : {};
    const declaredTypes = declaredTypesFor(owner, specs);
    for (const c of header.columns) {
      if (c.role !== "property") continue;
      const cell = cells[c.index]!;
      if (cell === "") continue; // neo4j-admin reads an empty cell as "no value"
      const value = parseCsvValue(c.type ?? specs[c.name]?.type ?? "string", cell);
      if (value instanceof Error) problems.push({ ...location, field: c.header, message: value.message });
      else fields[c.name] = value;
    }
    records.push({ kind, location, fields, ...(declaredTypes ? { declaredTypes } : {}) });
  });
  return { records, problems };
}
