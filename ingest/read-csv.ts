/**
 * Reads CSV in the layout Neo4j users know from `neo4j-admin database import`: a header with `:ID` makes a
 * nodes file (labels in `:LABEL`, several joined by the array delimiter: `Person;Director`), one with
 * `:START_ID`, `:END_ID` and `:TYPE` a relationships file. Id spaces (`:ID(Person)`, `:START_ID(Person)`)
 * keep ids unique per space; `:IGNORE` columns are skipped; columns are `name:type` (`since:date`,
 * `count:int`, `aliases:string[]`). An untyped column takes the schema's type for that property, or text.
 * `--delimiter` and `--array-delimiter` as neo4j-admin has them; quoted fields may span lines; a UTF-8
 * byte-order mark is read past.
 */
import { parse } from "csv-parse/sync";
import type { InputProblem } from "../core/errors.ts";
import type { PropertySpec, PropertyType } from "../core/model.ts";
import { csvColumnType, parseCsvValue } from "../core/property-values.ts";
import { DEFAULT_SCHEMA, KEY_PROPERTY, type GraphSchema } from "../core/schema/graph-schema.ts";
import type { RawRecord, ReadResult } from "./raw-record.ts";

type Role = "id" | "label" | "start" | "end" | "type" | "ignore" | "property";

interface Column {
  index: number;
  header: string;
  role: Role;
  /** Property name (for role "property", and a named :ID column). */
  name: string;
  /** Declared type, when the header gives one. */
  type?: PropertyType;
  /** Id space of an :ID, :START_ID or :END_ID column. */
  space?: string;
}

export interface CsvOptions {
  schema?: GraphSchema;
  /** Field delimiter (default `,`; `TAB` or `\t` for tabs), as neo4j-admin's --delimiter. */
  delimiter?: string;
  /** Separator of list items and of several labels (default `;`), as neo4j-admin's --array-delimiter. */
  arrayDelimiter?: string;
}

const ROLE_OF: Record<string, Role> = {
  ID: "id",
  LABEL: "label",
  START_ID: "start",
  END_ID: "end",
  TYPE: "type",
  IGNORE: "ignore",
};

/** neo4j-admin's names for delimiters: a single character, `TAB`, or an escape such as `\t`. */
export function delimiterOption(text: string, what: string): string {
  if (/^tab$/i.test(text) || text === "\\t") return "\t";
  if (text.length === 1) return text;
  throw new Error(`${what} must be one character (or TAB), got ${JSON.stringify(text)}`);
}

function parseHeader(file: string, header: string[]): { columns: Column[]; problems: InputProblem[] } {
  const columns: Column[] = [];
  const problems: InputProblem[] = [];
  const seen = new Map<string, number>();
  header.forEach((raw, index) => {
    const text = raw.trim();
    const where = { file, line: 1, field: text || `column ${index + 1}` };
    // name:suffix(space) — the name may itself hold colons only before the last one.
    const match = /^(.*?)(?::([A-Za-z_]+(?:\[\])?)(?:\(([^)]*)\))?)?$/.exec(text);
    const name = (match?.[1] ?? text).trim();
    const suffix = match?.[2] ?? "";
    const space = match?.[3];
    const role = ROLE_OF[suffix.toUpperCase()];
    if (role === "ignore") {
      columns.push({ index, header: text, role, name });
      return;
    }
    const key = role && role !== "property" ? `:${role}` : name;
    if (seen.has(key)) {
      problems.push({
        ...where,
        message: `column ${index + 1} repeats ${role ? `the :${suffix.toUpperCase()} column` : `property "${name}"`} of column ${seen.get(key)! + 1}: every column must be distinct`,
      });
      return;
    }
    seen.set(key, index);
    if (role) {
      const column: Column = { index, header: text, role, name };
      if (space !== undefined && space !== "") {
        if (role === "id" || role === "start" || role === "end") column.space = space;
        else problems.push({ ...where, message: `only :ID, :START_ID and :END_ID take an id space` });
      }
      columns.push(column);
      return;
    }
    if (!name) {
      problems.push({ ...where, message: "a column needs a name" });
      return;
    }
    if (suffix === "") {
      columns.push({ index, header: text, role: "property", name });
      return;
    }
    const type = csvColumnType(suffix);
    if (!type) {
      problems.push({
        ...where,
        message: `unknown column type "${suffix}" (use string, int, long, float, double, boolean, date, or a list such as string[])`,
      });
      return;
    }
    columns.push({ index, header: text, role: "property", name, type });
  });
  return { columns, problems };
}

/**
 * csv-parse's error, told as a user needs it: the line where the bad field starts (an unclosed quote is
 * reported at the end of the file; it opened where the last complete record ended) and its column's name.
 */
function malformedCsv(file: string, text: string, options: CsvOptions, error: unknown): InputProblem {
  const e = error as {
    code?: string;
    lines?: number;
    index?: number;
    bytes_records?: number;
    message: string;
  };
  let line = e.lines;
  let message = e.message.replace(/ on field \d+ at line \d+/, "");
  if (e.code === "CSV_QUOTE_NOT_CLOSED" && e.bytes_records !== undefined) {
    const before = Buffer.from(text.replace(/^\uFEFF/, "")).subarray(0, e.bytes_records);
    line = before.filter((b) => b === 10).length + 1;
    message = 'a quoted field is never closed: a value that holds a quote must double it ("")';
  } else if (e.code === "INVALID_OPENING_QUOTE")
    message =
      'a quote inside an unquoted value: put the whole value in double quotes and double the quote ("")';
  let field: string | undefined;
  if (e.index !== undefined) {
    let header: string[] | undefined;
    try {
      header = (
        parse(text.replace(/^\uFEFF/, ""), { to_line: 1, delimiter: options.delimiter ?? "," }) as string[][]
      )[0];
    } catch {
      header = undefined; // the header itself is malformed
    }
    field = line !== 1 && header?.[e.index] !== undefined ? header[e.index]!.trim() : `column ${e.index + 1}`;
  }
  return {
    file,
    ...(line !== undefined ? { line } : {}),
    ...(field ? { field } : {}),
    message: `malformed CSV: ${message}`,
  };
}

/** One row as csv-parse gives it with `info: true`. */
export interface CsvRow {
  record: string[];
  info: { lines: number; empty_lines: number };
}

/**
 * Turns CSV rows, the header first, into records one at a time: the whole-text reader and the streaming
 * reader share it, so both give the same records and problems. `add` returns false when reading should
 * stop (the header is wrong).
 */
export class CsvRecordBuilder {
  readonly problems: InputProblem[] = [];
  private headerRow: CsvRow | undefined;
  private previous: CsvRow["info"] | undefined;
  private index = 0;
  private convert: ((row: CsvRow, line: number, record: number) => RawRecord | undefined) | undefined;

  constructor(
    private readonly file: string,
    private readonly options: CsvOptions = {},
    /** Where each record goes; the problems stay in `problems`. */
    private readonly emit: (record: RawRecord) => void,
  ) {}

  add(row: CsvRow): boolean {
    if (!this.headerRow) {
      this.headerRow = row;
      this.previous = row.info;
      this.convert = this.headerConverter(row);
      return this.convert !== undefined;
    }
    // csv-parse counts lines to a record's end; a quoted field over several lines starts earlier.
    const previous = this.previous!;
    const line = previous.lines + 1 + (row.info.empty_lines - previous.empty_lines);
    this.previous = row.info;
    const record = this.convert!(row, line, ++this.index);
    if (record) this.emit(record);
    return true;
  }

  /** After the last row: an empty file is a problem. */
  finish(): void {
    if (!this.headerRow) this.problems.push({ file: this.file, line: 1, message: "the CSV file is empty" });
  }

  private headerConverter(headerRow: CsvRow) {
    const { file, options, problems } = this;
    const schema = options.schema ?? DEFAULT_SCHEMA;
    const arrayDelimiter = options.arrayDelimiter ?? ";";
    const header = parseHeader(file, headerRow.record);
    problems.push(...header.problems);
    const roles = new Set(header.columns.map((c) => c.role));
    const kind = roles.has("id")
      ? "node"
      : roles.has("start") || roles.has("end")
        ? "relationship"
        : undefined;
    if (!kind) {
      problems.push({
        file,
        line: 1,
        message:
          "the header needs :ID (a nodes file) or :START_ID, :END_ID and :TYPE (a relationships file)" +
          (headerRow.record.length === 1 && /[;\t|]/.test(headerRow.record[0]!)
            ? `; the header is one column — is the delimiter "${options.delimiter ?? ","}" right? (--delimiter)`
            : ""),
      });
      return undefined;
    }
    const needed: Role[] = kind === "node" ? ["id", "label"] : ["start", "end", "type"];
    for (const role of needed) {
      if (!roles.has(role)) {
        const name = Object.entries(ROLE_OF).find(([, r]) => r === role)![0];
        problems.push({
          file,
          line: 1,
          field: `:${name}`,
          message: `a ${kind}s file needs a :${name} column`,
        });
      }
    }
    if (problems.length > 0) return undefined;

    const byRole = (role: Role) => header.columns.find((c) => c.role === role);
    const idColumn = byRole("id");
    const spaces: RawRecord["spaces"] = {};
    if (idColumn?.space) spaces.id = idColumn.space;
    if (byRole("start")?.space) spaces.start = byRole("start")!.space;
    if (byRole("end")?.space) spaces.end = byRole("end")!.space;
    const hasSpaces = Object.keys(spaces).length > 0;
    // A named id column (`personId:ID(Person)`) is also stored under its name, as neo4j-admin does.
    const idAlsoAs =
      idColumn && idColumn.name !== "" && idColumn.name !== KEY_PROPERTY ? idColumn.name : undefined;

    // Typed columns the schema does not know, per label or type: one shared object, not one per row.
    const declaredByOwner = new Map<string, Record<string, PropertyType> | undefined>();
    const declaredTypesFor = (owner: string, specs: Record<string, PropertySpec>) => {
      if (!declaredByOwner.has(owner)) {
        const typed = header.columns.filter((c) => c.role === "property" && c.type && !specs[c.name]);
        declaredByOwner.set(
          owner,
          typed.length ? Object.fromEntries(typed.map((c) => [c.name, c.type!])) : undefined,
        );
      }
      return declaredByOwner.get(owner);
    };

    return ({ record: cells }: CsvRow, line: number, recordNumber: number): RawRecord | undefined => {
      const location = { file, line, record: recordNumber };
      if (cells.length !== headerRow.record.length) {
        problems.push({
          ...location,
          message: `has ${cells.length} columns, the header has ${headerRow.record.length}${cells.length > headerRow.record.length ? ` (a "${options.delimiter ?? ","}" inside a value? put that value in double quotes)` : ""}`,
        });
        return undefined;
      }
      const fields: Record<string, unknown> = {};
      for (const c of header.columns) {
        const cell = cells[c.index]!;
        if (c.role === "id") fields.id = cell.trim();
        else if (c.role === "label")
          fields.labels = cell
            .split(arrayDelimiter)
            .map((l) => l.trim())
            .filter((l) => l !== "");
        else if (c.role === "start" || c.role === "end" || c.role === "type") fields[c.role] = cell.trim();
      }
      if (idAlsoAs && fields.id !== "") fields[idAlsoAs] = fields.id;
      // The row's labels or type decide the type of untyped columns.
      const owner = kind === "node" ? ((fields.labels as string[]) ?? []).join(";") : String(fields.type);
      const specs =
        kind === "node"
          ? schema.nodePropertySpecsFor(((fields.labels as string[]) ?? []).filter((l) => schema.hasLabel(l)))
          : schema.relationshipPropertySpecs(owner);
      const declaredTypes = declaredTypesFor(owner, specs);
      for (const c of header.columns) {
        if (c.role !== "property") continue;
        const cell = cells[c.index]!;
        if (cell === "") continue; // neo4j-admin reads an empty cell as "no value"
        const value = parseCsvValue(c.type ?? specs[c.name]?.type ?? "string", cell, arrayDelimiter);
        if (value instanceof Error) problems.push({ ...location, field: c.header, message: value.message });
        // Defined, not assigned: a column named "__proto__" is a field like any other (refused by validation).
        else
          Object.defineProperty(fields, c.name, {
            value,
            enumerable: true,
            writable: true,
            configurable: true,
          });
      }
      return {
        kind,
        location,
        fields,
        ...(declaredTypes ? { declaredTypes } : {}),
        ...(hasSpaces ? { spaces } : {}),
      };
    };
  }
}

/** csv-parse's options for Guanxi's CSV, whole text or streamed. */
export function csvParseOptions(options: CsvOptions) {
  return {
    info: true,
    skip_empty_lines: true,
    relax_column_count: true,
    delimiter: options.delimiter ?? ",",
  } as const;
}

export function readCsvFile(file: string, text: string, options: CsvOptions = {}): ReadResult {
  const records: RawRecord[] = [];
  let rows: CsvRow[];
  try {
    rows = parse(text.replace(/^\uFEFF/, ""), csvParseOptions(options)) as unknown as CsvRow[];
  } catch (error) {
    return { records, problems: [malformedCsv(file, text, options, error)] };
  }
  const builder = new CsvRecordBuilder(file, options, (record) => records.push(record));
  for (const row of rows) if (!builder.add(row)) break;
  builder.finish();
  return { records, problems: builder.problems };
}
