/**
 * Validates raw records against the active schema and assembles a Dataset. Reports every problem in one
 * pass, each with file, line, record and field: a relationship whose properties are wrong still has its
 * ends checked, so a user never fixes one error to meet the next. The caller writes nothing unless the
 * list is empty.
 */
import type { InputLocation, InputProblem } from "../core/errors.ts";
import { relationshipKey } from "../core/model.ts";
import type {
  Dataset,
  NodeLabel,
  NodeRecord,
  Properties,
  PropertySpec,
  PropertyType,
  RelationshipRecord,
  Support,
} from "../core/model.ts";
import {
  checkPropertySize,
  DEFAULT_MAX_PROPERTY_BYTES,
  maxPropertyBytesFromEnv,
} from "../core/property-size.ts";
import { checkFreeValue, checkValue } from "../core/property-values.ts";
import { DEFAULT_SCHEMA, type GraphSchema } from "../core/schema/graph-schema.ts";
import type { RawRecord } from "./raw-record.ts";

/** The label sets of existing nodes with each id (one entry per node), for ends not in the input. */
export type ExistingNodeLookup = (ids: string[]) => Promise<Map<string, string[][]>>;

export interface ValidationOptions {
  schema?: GraphSchema;
  lookupExisting?: ExistingNodeLookup;
  /** Largest text or list a property may hold, in UTF-8 bytes (default DEFAULT_MAX_PROPERTY_BYTES). */
  maxPropertyBytes?: number;
}

export interface ValidationResult {
  dataset: Dataset;
  problems: InputProblem[];
}

/** 1 MiB (GUANXI_MAX_PROPERTY_BYTES): a news story is tens of kilobytes; a larger value is almost always a mistake. */
export { DEFAULT_MAX_PROPERTY_BYTES };

/** Fields of a relationship record that are not properties, or are provenance (handled apart). */
const RELATIONSHIP_FIELDS = ["type", "start", "end"];
const PROVENANCE_FIELDS = ["evidence", "article", "articles"];

function at(raw: RawRecord, field?: string): InputLocation {
  const line =
    field !== undefined && raw.fieldLines && Object.hasOwn(raw.fieldLines, field)
      ? raw.fieldLines[field]
      : raw.location.line;
  return { ...raw.location, line, ...(field !== undefined ? { field } : {}) };
}

function withArticle(label: string): string {
  return `${/^[AEIOU]/.test(label) ? "an" : "a"} ${label}`;
}

function list(items: readonly string[], max = 20): string {
  return items.length > max
    ? `${items.slice(0, max).join(", ")}, … (${items.length} in all)`
    : items.join(", ");
}

function declared(raw: RawRecord): { declaredTypes?: Record<string, PropertyType> } {
  return raw.declaredTypes ? { declaredTypes: raw.declaredTypes } : {};
}

function sameProperties(a: Properties, b: Properties): boolean {
  return JSON.stringify(Object.entries(a).sort()) === JSON.stringify(Object.entries(b).sort());
}

/** Control characters (NUL, line breaks, …) in an identifier: invisible, and they break every export. */
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/u;

class Validator {
  readonly problems: InputProblem[] = [];
  private readonly schema: GraphSchema;
  private readonly maxBytes: number;

  constructor(options: ValidationOptions) {
    this.schema = options.schema ?? DEFAULT_SCHEMA;
    this.maxBytes = options.maxPropertyBytes ?? maxPropertyBytesFromEnv(process.env);
  }

  problem(location: InputLocation, message: string): void {
    this.problems.push({ ...location, message });
  }

  unknownLabel(label: string): string {
    return `unknown label "${label}": the schema "${this.schema.name}" has ${list(this.schema.labels)}. To ingest it, add "${label}" under "labels" in a schema file and pass it with --schema FILE (or GUANXI_SCHEMA); \`guanxi schema infer\` writes one from a database`;
  }

  unknownType(type: string): string {
    return `unknown relationship type "${type}": the schema "${this.schema.name}" has ${list(this.schema.relationshipTypes)}. To ingest it, add "${type}" under "relationshipTypes" (with "from" and "to" labels) in a schema file and pass it with --schema FILE`;
  }

  identifier(raw: RawRecord, field: string, what: string): string | undefined {
    const value = raw.fields[field];
    if (value !== undefined && value !== null && typeof value !== "string") {
      this.problem(
        at(raw, field),
        `${what} must be text, got ${typeof value === "number" ? `the number ${value}: write it in quotes` : Array.isArray(value) ? "a list" : typeof value}`,
      );
      return undefined;
    }
    if (typeof value !== "string" || value.trim() === "") {
      this.problem(at(raw, field), `missing ${what}: it must be non-empty text`);
      return undefined;
    }
    if (CONTROL.test(value)) {
      this.problem(
        at(raw, field),
        `${what} ${JSON.stringify(value)} contains a control character (NUL, line break, tab…); ids must be printable text`,
      );
      return undefined;
    }
    return value;
  }

  properties(
    raw: RawRecord,
    specs: Record<string, PropertySpec>,
    skip: readonly string[],
  ): { properties: Properties; ok: boolean } {
    const before = this.problems.length;
    const properties: Properties = {};
    for (const [name, spec] of Object.entries(specs)) {
      if (skip.includes(name)) continue;
      if (spec.required && (raw.fields[name] === undefined || raw.fields[name] === "")) {
        this.problem(at(raw, name), `missing required ${spec.type} property`);
      }
    }
    for (const [name, value] of Object.entries(raw.fields)) {
      if (skip.includes(name)) continue;
      const spec = specs[name];
      if (spec?.derived) {
        this.problem(at(raw, name), "is computed by Guanxi at ingest: remove it from the input");
        continue;
      }
      if (name === "__proto__") {
        this.problem(
          at(raw, name),
          'the key "__proto__" is refused: JavaScript tools reading the graph would drop it',
        );
        continue;
      }
      if (name.trim() === "" || CONTROL.test(name)) {
        this.problem(
          at(raw, name),
          `property key ${JSON.stringify(name)} is empty or contains a control character`,
        );
        continue;
      }
      const problem = spec ? checkValue(spec, value) : checkFreeValue(value);
      if (problem) {
        this.problem(at(raw, name), problem);
        continue;
      }
      if (Array.isArray(value) && value.some((v) => typeof v === "string" && v.trim() === "")) {
        this.problem(at(raw, name), "a list item is empty text: remove it");
        continue;
      }
      if (
        (Array.isArray(value) ? value : [value]).some((v) => typeof v === "string" && v.includes("\u0000"))
      ) {
        this.problem(
          at(raw, name),
          "contains a NUL character: remove it (no tool reading the graph keeps it)",
        );
        continue;
      }
      const tooLarge = checkPropertySize(value, this.maxBytes);
      if (tooLarge) {
        this.problem(at(raw, name), `${tooLarge.message} (or --max-property-bytes)`);
        continue;
      }
      properties[name] = value as Properties[string];
    }
    return { properties, ok: this.problems.length === before };
  }

  node(raw: RawRecord): NodeRecord | undefined {
    const before = this.problems.length;
    const labels = this.labels(raw);
    const id = this.identifier(raw, "id", "id");
    const known = labels?.filter((l) => this.schema.hasLabel(l)) ?? [];
    const specs = this.schema.nodePropertySpecsFor(known);
    const { properties } = this.properties(raw, specs, ["label", "labels", "id"]);
    if (this.problems.length > before || !labels || id === undefined) return undefined;
    return { labels, id, properties: { id, ...properties }, ...declared(raw) };
  }

  private labels(raw: RawRecord): string[] | undefined {
    const { label, labels } = raw.fields;
    const field = labels !== undefined ? "labels" : "label";
    let given: unknown[];
    if (labels !== undefined) given = Array.isArray(labels) ? labels : [labels];
    else if (label !== undefined) given = [label];
    else given = [];
    const names = given.filter((l): l is string => typeof l === "string" && l.trim() !== "");
    if (names.length === 0 || names.length !== given.length) {
      this.problem(
        at(raw, field),
        names.length === 0 ? "missing label" : "every label must be non-empty text",
      );
      return undefined;
    }
    let ok = true;
    for (const name of names) {
      if (!this.schema.hasLabel(name)) {
        this.problem(at(raw, field), this.unknownLabel(name));
        ok = false;
      }
    }
    return ok ? [...new Set(names)] : undefined;
  }

  /** Provenance of a relationship record, by its type's rule; undefined when it is wrong (reported). */
  supports(raw: RawRecord, type: string | undefined): Support[] | undefined {
    const { evidence, article, articles } = raw.fields;
    const rule =
      type !== undefined && this.schema.hasRelationshipType(type) ? this.schema.provenance(type) : "optional";
    const given = evidence !== undefined || article !== undefined || articles !== undefined;
    if (rule === "none") {
      if (!given) return [];
      this.problem(
        at(raw, evidence !== undefined ? "evidence" : article !== undefined ? "article" : "articles"),
        `${type} carries no evidence in the schema "${this.schema.name}" (provenance: none)`,
      );
      return undefined;
    }
    if (!given) {
      if (rule === "required") {
        this.problem(
          at(raw, "evidence"),
          `missing evidence: ${type} requires the sentence(s) that support it and the article they are quoted from ("evidence" and "article")`,
        );
        return undefined;
      }
      return [];
    }
    const before = this.problems.length;
    let quotes: string[] = [];
    if (evidence === undefined) {
      this.problem(
        at(raw, "evidence"),
        "missing evidence: quote the sentence(s) the article supports the fact with",
      );
    } else if (!Array.isArray(evidence) || evidence.some((e) => typeof e !== "string")) {
      this.problem(at(raw, "evidence"), "must be a list of quoted sentences (text)");
    } else if (evidence.length === 0) {
      this.problem(at(raw, "evidence"), "evidence is empty: quote the sentence(s) that support the fact");
    } else if (evidence.some((e) => String(e).trim() === "")) {
      const blank = evidence.findIndex((e) => String(e).trim() === "") + 1;
      this.problem(
        at(raw, "evidence"),
        `evidence is empty: sentence ${blank} of ${evidence.length} is blank; quote a sentence or remove it`,
      );
    } else {
      quotes = evidence as string[];
      const tooLarge = checkPropertySize(quotes, this.maxBytes);
      if (tooLarge) this.problem(at(raw, "evidence"), tooLarge.message);
    }
    let sources: string[] = [];
    const needsDocument = this.schema.documentLabel !== undefined;
    if (article !== undefined && articles !== undefined) {
      this.problem(
        at(raw, "articles"),
        'give either "article" (one for all the evidence) or "articles" (one per sentence), not both',
      );
    } else if (article !== undefined) {
      if (typeof article !== "string" || article.trim() === "")
        this.problem(at(raw, "article"), "must be the id of the article the evidence is quoted from");
      else sources = quotes.map(() => article);
    } else if (articles !== undefined) {
      if (!Array.isArray(articles) || articles.some((a) => typeof a !== "string" || a.trim() === ""))
        this.problem(at(raw, "articles"), "must be a list of article ids, one per evidence sentence");
      else if (quotes.length > 0 && articles.length !== quotes.length)
        this.problem(
          at(raw, "articles"),
          `has ${articles.length} article ids for ${quotes.length} evidence sentences: give one per sentence`,
        );
      else sources = articles as string[];
    } else if (needsDocument) {
      this.problem(
        at(raw, "article"),
        `missing article: the id of the ${this.schema.documentLabel} the evidence is quoted from`,
      );
    } else {
      sources = quotes.map(() => "");
    }
    if (this.problems.length > before) return undefined;
    return dedupeSupports(quotes.map((quote, i) => ({ quote, article: sources[i] ?? "" })));
  }
}

function dedupeSupports(supports: Support[]): Support[] {
  const seen = new Set<string>();
  return supports.filter((s) => {
    const key = `${s.article}\u0000${s.quote}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

interface PendingRelationship {
  raw: RawRecord;
  type: string;
  start: string;
  end: string;
  properties: Properties;
  supports: Support[];
  /** False when a property or provenance problem was reported: the ends are still checked. */
  ok: boolean;
}

/** An input node as relationships find it: by id space and id. */
interface InputNode {
  record: NodeRecord;
  location: InputLocation & { idSpace?: string };
}

const refOf = (space: string | undefined, id: string) => `${space ?? ""}\u0000${id}`;

/**
 * Checks every record. Relationship ends and `article` references missing from the input are looked
 * up in the database through `lookupExisting`, so a file may link to nodes ingested earlier.
 */
export async function validateRecords(
  records: RawRecord[],
  options: ValidationOptions = {},
): Promise<ValidationResult> {
  const validation = new RecordValidation(options);
  for (const raw of records) validation.add(raw);
  return validation.finish();
}

/** What a relationship's later checks need of its raw record: not its fields (they are read already). */
function slim(raw: RawRecord): RawRecord {
  return {
    kind: raw.kind,
    location: raw.location,
    fields: raw.fields.articles !== undefined ? { articles: true } : {},
    ...(raw.fieldLines ? { fieldLines: raw.fieldLines } : {}),
    ...(raw.declaredTypes ? { declaredTypes: raw.declaredTypes } : {}),
    ...(raw.spaces ? { spaces: raw.spaces } : {}),
  };
}

/**
 * Validation fed one record at a time, as a streaming reader reads them (`add`), then finished once all
 * are in (`finish`: relationship ends, duplicates). It keeps each valid node and relationship and what
 * the checks need, never the raw records. Records may come in any order: ends are resolved at the end.
 */
export class RecordValidation {
  private readonly schema: GraphSchema;
  private readonly v: Validator;
  // Nodes, by (id space, id); and the (primary label, id) each will be stored under.
  private readonly nodes = new Map<string, InputNode>();
  private readonly stored = new Map<string, InputNode>();
  private readonly invalidRefs = new Set<string>();
  private readonly pending: PendingRelationship[] = [];

  constructor(private readonly options: ValidationOptions = {}) {
    this.schema = options.schema ?? DEFAULT_SCHEMA;
    this.v = new Validator(options);
  }

  add(raw: RawRecord): void {
    if (raw.kind === "node") this.addNode(raw);
    else if (raw.kind === "relationship") this.addRelationship(raw);
  }

  private addNode(raw: RawRecord): void {
    const { v, nodes, stored, invalidRefs } = this;
    const node = v.node(raw);
    const space = raw.spaces?.id;
    if (!node) {
      if (typeof raw.fields.id === "string") invalidRefs.add(refOf(space, raw.fields.id));
      return;
    }
    const ref = refOf(space, node.id);
    const seen = nodes.get(ref);
    if (seen) {
      const sameLabels = seen.record.labels.join(";") === node.labels.join(";");
      if (!sameLabels || !sameProperties(seen.record.properties, node.properties)) {
        const first = seen.location;
        v.problem(
          at(raw, "id"),
          `duplicate id "${node.id}"${space ? ` in id space ${space}` : ""} with different ${sameLabels ? "properties" : `labels (${node.labels.join(";")} here, ${seen.record.labels.join(";")})`} than ${first.file}:${first.line ?? "?"} record ${first.record ?? "?"}`,
        );
      }
      return;
    }
    const key = `${node.labels[0]}\u0000${node.id}`;
    const clash = stored.get(key);
    if (clash) {
      v.problem(
        at(raw, "id"),
        `id "${node.id}" names two different ${node.labels[0]} nodes (also ${clash.location.file}:${clash.location.line ?? "?"} record ${clash.location.record ?? "?"}, in another id space); Guanxi keeps ids unique per label`,
      );
      return;
    }
    const entry = { record: node, location: { ...raw.location, ...(space ? { idSpace: space } : {}) } };
    nodes.set(ref, entry);
    stored.set(key, entry);
  }

  private addRelationship(raw: RawRecord): void {
    const { v, schema } = this;
    const before = v.problems.length;
    const typeValue = raw.fields.type;
    let type: string | undefined;
    if (typeof typeValue !== "string" || typeValue.trim() === "")
      v.problem(at(raw, "type"), "missing relationship type");
    else if (!schema.hasRelationshipType(typeValue)) v.problem(at(raw, "type"), v.unknownType(typeValue));
    else type = typeValue;
    const start = v.identifier(raw, "start", "start node id");
    const end = v.identifier(raw, "end", "end node id");
    const specs = schema.relationshipPropertySpecs(type ?? "");
    const { properties } = v.properties(raw, specs, [...RELATIONSHIP_FIELDS, ...PROVENANCE_FIELDS]);
    const supports = v.supports(raw, type);
    if (type === undefined || start === undefined || end === undefined) return;
    this.pending.push({
      raw: slim(raw),
      type,
      start,
      end,
      properties,
      supports: supports ?? [],
      ok: v.problems.length === before,
    });
  }

  /** Every record is in: resolves the ends, merges duplicates, and gives the data set and all problems. */
  async finish(): Promise<ValidationResult> {
    const { schema, v, nodes, invalidRefs, pending, options } = this;
    // Ends and articles not in the input are looked up in the database, all at once.
    const inInput = (space: string | undefined, id: string) =>
      nodes.has(refOf(space, id)) || invalidRefs.has(refOf(space, id));
    const wanted = new Set<string>();
    for (const rel of pending) {
      if (!inInput(rel.raw.spaces?.start, rel.start)) wanted.add(rel.start);
      if (!inInput(rel.raw.spaces?.end, rel.end)) wanted.add(rel.end);
      for (const s of rel.supports) if (s.article !== "" && !articleInInput(s.article)) wanted.add(s.article);
    }
    function articleInInput(id: string): boolean {
      return nodes.has(refOf(undefined, id)) || invalidRefs.has(refOf(undefined, id));
    }
    // Ids of input nodes (outside id spaces), to find one already used by a node of another label.
    for (const { record, location } of nodes.values()) if (!location.idSpace) wanted.add(record.id);
    const existing =
      wanted.size > 0 && options.lookupExisting
        ? await options.lookupExisting([...wanted])
        : new Map<string, string[][]>();

    for (const { record, location } of nodes.values()) {
      if (location.idSpace) continue;
      const other = (existing.get(record.id) ?? []).find((labels) => !labels.includes(record.labels[0]!));
      if (other)
        v.problem(
          {
            file: location.file,
            ...(location.line !== undefined ? { line: location.line } : {}),
            ...(location.record !== undefined ? { record: location.record } : {}),
            field: "id",
          },
          `id "${record.id}" already names ${withArticle(other.join(":"))} node in the database; here it is ${withArticle(record.labels[0]!)}. One id names one node: choose another id`,
        );
    }

    /** The labels of the node a relationship end names, or a reason it names none. */
    const resolve = (space: string | undefined, id: string): string[] | "invalid" | string => {
      const own = nodes.get(refOf(space, id));
      if (own) return own.record.labels;
      if (invalidRefs.has(refOf(space, id))) return "invalid";
      let found = existing.get(id) ?? [];
      if (space !== undefined) found = found.filter((labels) => labels.includes(space));
      const where = space ? ` in id space ${space}` : "";
      if (found.length === 0) return `no node with id "${id}"${where} in the input or the database`;
      if (found.length > 1)
        return `id "${id}" names ${found.length} nodes in the database (${found.map((l) => l.join(":")).join(", ")}); use an id space (:START_ID(Label)) to say which`;
      return found[0]!;
    };

    const relationships = new Map<string, { record: RelationshipRecord; location: InputLocation }>();
    for (let i = 0; i < pending.length; i++) {
      const rel = pending[i]!;
      // Released as it is checked: what stays is the relationship record (and the first's location).
      pending[i] = undefined as unknown as PendingRelationship;
      const { raw, type } = rel;
      const allowed = schema.allowedEnds(type);
      let ok = rel.ok;
      const endLabels: Record<"start" | "end", NodeLabel | undefined> = { start: undefined, end: undefined };
      for (const [end, allowedLabels] of [
        ["start", allowed.from],
        ["end", allowed.to],
      ] as const) {
        const id = rel[end];
        const found = resolve(raw.spaces?.[end], id);
        if (found === "invalid") {
          ok = false; // the node's own problem is reported already
        } else if (typeof found === "string") {
          v.problem(at(raw, end), found);
          ok = false;
        } else {
          const label = found.find((l) => allowedLabels.includes(l));
          if (!label) {
            const shown = found.filter((l) => schema.hasLabel(l)).join(":") || found.join(":");
            v.problem(
              at(raw, end),
              `${type} cannot ${end === "start" ? "start at" : "end at"} ${withArticle(shown)} ("${id}"); allowed: ${allowedLabels.join(", ")}`,
            );
            ok = false;
          } else endLabels[end] = label;
        }
      }
      const documentLabel = schema.documentLabel;
      if (documentLabel !== undefined) {
        for (const article of new Set(rel.supports.map((s) => s.article))) {
          const found = resolve(undefined, article);
          if (found === "invalid") ok = false;
          else if (typeof found === "string") {
            v.problem(
              at(raw, raw.fields.articles !== undefined ? "articles" : "article"),
              `no ${documentLabel} with id "${article}" in the input or the database`,
            );
            ok = false;
          } else if (!found.includes(documentLabel)) {
            v.problem(
              at(raw, raw.fields.articles !== undefined ? "articles" : "article"),
              `"${article}" is ${withArticle(found.join(":"))}, not ${withArticle(documentLabel)}`,
            );
            ok = false;
          }
        }
      }
      if (!ok) continue;
      const record: RelationshipRecord = {
        type,
        start: rel.start,
        end: rel.end,
        startLabel: endLabels.start!,
        endLabel: endLabels.end!,
        properties: rel.properties,
        supports: rel.supports,
        ...declared(raw),
      };
      const key = relationshipKey(record);
      const seen = relationships.get(key);
      if (!seen) relationships.set(key, { record, location: raw.location });
      else if (!sameProperties(seen.record.properties, record.properties)) {
        const first = seen.location;
        const [a, b] = [seen.record.properties, record.properties];
        const differs = [...new Set([...Object.keys(a), ...Object.keys(b)])].find(
          (k) => JSON.stringify(a[k]) !== JSON.stringify(b[k]),
        );
        v.problem(
          at(raw, differs),
          `duplicate relationship (${rel.start})-[:${type}]->(${rel.end}) with different properties than ${first.file}:${first.line ?? "?"} record ${first.record ?? "?"}${differs !== undefined ? ` (${differs}: ${JSON.stringify(b[differs]) ?? "not given"} here, ${JSON.stringify(a[differs]) ?? "not given"} there)` : ""} (only the evidence of one fact may differ: it accumulates)`,
        );
      } else {
        // The same fact from another record: its evidence adds to the first's.
        seen.record.supports = dedupeSupports([...seen.record.supports, ...record.supports]);
      }
    }

    pending.length = 0;
    const dataset: Dataset = {
      nodes: [...nodes.values()].map((n) => n.record),
      relationships: [...relationships.values()].map((r) => r.record),
    };
    // Report in reading order, whichever pass found the problem.
    const problems = v.problems;
    problems.sort(
      (a, b) =>
        a.file.localeCompare(b.file) || (a.line ?? 0) - (b.line ?? 0) || (a.record ?? 0) - (b.record ?? 0),
    );
    return { dataset, problems };
  }
}
