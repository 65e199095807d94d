/**
 * Validates raw records against the domain model and assembles a Dataset. Reports every problem,
 * each with file, line, record and field; the caller writes nothing unless the list is empty.
 */
import type { InputProblem, InputLocation } from "../core/errors.ts";
import {
  RELATIONSHIP_SPECS,
  isNodeLabel,
  isRelationshipType,
  nodePropertySpecs,
  relationshipKey,
  relationshipPropertySpecs,
  NODE_LABELS,
  RELATIONSHIP_TYPES,
} from "../core/model.ts";
import type {
  Dataset,
  NodeLabel,
  NodeRecord,
  Properties,
  PropertySpec,
  PropertyType,
  RelationshipRecord,
} from "../core/model.ts";
import { checkFreeValue, checkValue } from "../core/property-values.ts";
import type { RawRecord } from "./raw-record.ts";

/** Labels of ids that already exist in the database, for relationship ends not in the input. */
export type ExistingNodeLookup = (ids: string[]) => Promise<Map<string, NodeLabel>>;

export interface ValidationResult {
  dataset: Dataset;
  problems: InputProblem[];
  /** Label of every node the data set names or links to (its own and those found in the database). */
  labels: Map<string, NodeLabel>;
}

interface Located<T> {
  record: T;
  location: InputLocation;
}

function at(raw: RawRecord, field?: string): InputLocation {
  const line = field !== undefined ? (raw.fieldLines?.[field] ?? raw.location.line) : raw.location.line;
  return { ...raw.location, line, ...(field !== undefined ? { field } : {}) };
}

function checkProperties(
  raw: RawRecord,
  specs: Record<string, PropertySpec>,
  skip: readonly string[],
  problems: InputProblem[],
): Properties {
  const properties: Properties = {};
  for (const [name, spec] of Object.entries(specs)) {
    if (spec.required && (raw.fields[name] === undefined || raw.fields[name] === "")) {
      problems.push({ ...at(raw, name), message: `missing required ${spec.type} property` });
    }
  }
  for (const [name, value] of Object.entries(raw.fields)) {
    if (skip.includes(name)) continue;
    const spec = specs[name];
    if (spec?.derived) {
      problems.push({
        ...at(raw, name),
        message: "is computed by Guanxi at ingest: remove it from the input",
      });
      continue;
    }
    const problem = spec ? checkValue(spec, value) : checkFreeValue(value);
    if (problem) problems.push({ ...at(raw, name), message: problem });
    else properties[name] = value as Properties[string];
  }
  return properties;
}

function withArticle(label: string): string {
  return `${/^[AEIOU]/.test(label) ? "an" : "a"} ${label}`;
}

function declared(raw: RawRecord): { declaredTypes?: Record<string, PropertyType> } {
  return raw.declaredTypes ? { declaredTypes: raw.declaredTypes } : {};
}

function sameProperties(a: Properties, b: Properties): boolean {
  return JSON.stringify(Object.entries(a).sort()) === JSON.stringify(Object.entries(b).sort());
}

function validateNode(raw: RawRecord, problems: InputProblem[]): NodeRecord | undefined {
  const before = problems.length;
  const label = raw.fields.label;
  if (typeof label !== "string" || label === "") {
    problems.push({ ...at(raw, "label"), message: "missing label" });
  } else if (!isNodeLabel(label)) {
    problems.push({
      ...at(raw, "label"),
      message: `unknown label "${label}" (known: ${NODE_LABELS.join(", ")})`,
    });
  }
  const id = raw.fields.id;
  if (typeof id !== "string" || id.trim() === "") {
    problems.push({ ...at(raw, "id"), message: "missing id: every node needs a non-empty text id" });
  }
  if (problems.length > before || !isNodeLabel(String(label))) return undefined;
  const properties = checkProperties(raw, nodePropertySpecs(label as NodeLabel), ["label"], problems);
  if (problems.length > before) return undefined;
  return { label: label as NodeLabel, id: id as string, properties, ...declared(raw) };
}

function validateRelationship(raw: RawRecord, problems: InputProblem[]): RelationshipRecord | undefined {
  const before = problems.length;
  const type = raw.fields.type;
  if (typeof type !== "string" || type === "") {
    problems.push({ ...at(raw, "type"), message: "missing relationship type" });
  } else if (!isRelationshipType(type)) {
    problems.push({
      ...at(raw, "type"),
      message: `unknown relationship type "${type}" (known: ${RELATIONSHIP_TYPES.join(", ")})`,
    });
  }
  for (const end of ["start", "end"] as const) {
    const value = raw.fields[end];
    if (typeof value !== "string" || value.trim() === "") {
      problems.push({ ...at(raw, end), message: `missing ${end} node id` });
    }
  }
  if (problems.length > before || !isRelationshipType(String(type))) return undefined;
  const rtype = type as RelationshipType;
  const properties = checkProperties(
    raw,
    relationshipPropertySpecs(rtype),
    ["type", "start", "end"],
    problems,
  );
  const evidence = properties.evidence;
  if (Array.isArray(evidence) && (evidence.length === 0 || evidence.some((e) => String(e).trim() === ""))) {
    problems.push({
      ...at(raw, "evidence"),
      message: "evidence is empty: quote the sentence(s) that support the fact",
    });
  }
  if (problems.length > before) return undefined;
  return {
    type: rtype,
    start: raw.fields.start as string,
    end: raw.fields.end as string,
    properties,
    ...declared(raw),
  };
}

type RelationshipType = RelationshipRecord["type"];

/**
 * Checks every record. Relationship ends and `article` references missing from the input are looked
 * up in the database through `lookupExisting`, so a file may link to nodes ingested earlier.
 */
export async function validateRecords(
  records: RawRecord[],
  lookupExisting?: ExistingNodeLookup,
): Promise<ValidationResult> {
  const problems: InputProblem[] = [];
  const nodes = new Map<string, Located<NodeRecord>>();
  const relationships = new Map<string, Located<RelationshipRecord>>();

  // Ids of nodes that failed validation: already reported, so links to them are not reported again.
  const invalidIds = new Set<string>();
  for (const raw of records.filter((r) => r.kind === "node")) {
    const node = validateNode(raw, problems);
    if (!node) {
      if (typeof raw.fields.id === "string") invalidIds.add(raw.fields.id);
      continue;
    }
    const seen = nodes.get(node.id);
    if (!seen) nodes.set(node.id, { record: node, location: raw.location });
    else if (seen.record.label !== node.label || !sameProperties(seen.record.properties, node.properties)) {
      const first = seen.location;
      problems.push({
        ...at(raw, "id"),
        message: `duplicate id "${node.id}" with different ${seen.record.label !== node.label ? "label" : "properties"} than ${first.file}:${first.line ?? "?"} record ${first.record ?? "?"}`,
      });
    }
  }

  const validRelationships: Located<RelationshipRecord>[] = [];
  for (const raw of records.filter((r) => r.kind === "relationship")) {
    const rel = validateRelationship(raw, problems);
    if (rel) validRelationships.push({ record: rel, location: raw.location });
  }

  // Resolve every referenced id to a label: from the input first, then from the database.
  const labelOf = new Map<string, NodeLabel>([...nodes].map(([id, n]) => [id, n.record.label]));
  const referenced = new Set<string>();
  for (const { record } of validRelationships) {
    for (const id of [record.start, record.end, String(record.properties.article)]) {
      if (!labelOf.has(id)) referenced.add(id);
    }
  }
  if (referenced.size > 0 && lookupExisting) {
    for (const [id, label] of await lookupExisting([...referenced])) labelOf.set(id, label);
  }

  for (const { record: rel, location } of validRelationships) {
    const where = { ...location };
    const spec = RELATIONSHIP_SPECS[rel.type];
    let ok = true;
    for (const [end, allowed] of [
      ["start", spec.from],
      ["end", spec.to],
    ] as const) {
      const id = rel[end];
      const label = labelOf.get(id);
      if (!label && invalidIds.has(id)) {
        ok = false;
      } else if (!label) {
        problems.push({
          ...where,
          field: end,
          message: `no node with id "${id}" in the input or the database`,
        });
        ok = false;
      } else if (!allowed.includes(label)) {
        problems.push({
          ...where,
          field: end,
          message: `${rel.type} cannot ${end === "start" ? "start at" : "end at"} ${withArticle(label)} ("${id}"); allowed: ${allowed.join(", ")}`,
        });
        ok = false;
      }
    }
    const article = String(rel.properties.article);
    const articleLabel = labelOf.get(article);
    if (articleLabel !== "Article" && !invalidIds.has(article)) {
      problems.push({
        ...where,
        field: "article",
        message: articleLabel
          ? `"${article}" is ${withArticle(articleLabel)}, not an Article`
          : `no Article with id "${article}" in the input or the database`,
      });
      ok = false;
    }
    if (!ok) continue;
    const key = relationshipKey(rel);
    const seen = relationships.get(key);
    if (!seen) relationships.set(key, { record: rel, location });
    else if (!sameProperties(seen.record.properties, rel.properties)) {
      problems.push({
        ...where,
        message: `duplicate relationship (${rel.start})-[:${rel.type}]->(${rel.end}) with different properties than ${seen.location.file}:${seen.location.line ?? "?"} record ${seen.location.record ?? "?"}`,
      });
    }
  }

  const dataset: Dataset = {
    nodes: [...nodes.values()].map((n) => n.record),
    relationships: [...relationships.values()].map((r) => r.record),
  };
  // Report in reading order, whichever pass found the problem.
  problems.sort((a, b) => a.file.localeCompare(b.file) || (a.line ?? 0) - (b.line ?? 0));
  return { dataset, problems, labels: labelOf };
}
