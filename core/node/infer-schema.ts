/**
 * `guanxi schema infer`: a schema document from a live database — labels, relationship types with the labels
 * they join, property types and which are always present, from Neo4j's own schema procedures
 * (db.schema.nodeTypeProperties / relTypeProperties) and one scan of the relationships for their ends.
 */
import { loadCypher } from "./cypher-files.ts";
import type { GraphDb } from "./graph-db.ts";
import type { PropertySpec, PropertyType } from "../model.ts";
import { SCHEMA_FORMAT, SCHEMA_VERSION, type SchemaDocument } from "../schema/document.ts";
import {
  CAPTION_CANDIDATES,
  DERIVED_NODE_PROPERTIES,
  KEY_PROPERTY,
  PROVENANCE_PROPERTIES,
} from "../schema/graph-schema.ts";

/** Neo4j's property type names → Guanxi's; others are read as text. */
const NEO4J_TYPES: Record<string, PropertyType> = {
  String: "string",
  Long: "int",
  Integer: "int",
  Double: "float",
  Float: "float",
  Boolean: "boolean",
  Date: "date",
  StringArray: "string[]",
  LongArray: "int[]",
  DoubleArray: "float[]",
};

/** One type for what Neo4j saw: numbers widen to float, anything else mixed is text. */
export function propertyTypeOf(neo4jTypes: readonly string[]): { type: PropertyType; note?: string } {
  const mapped = [...new Set(neo4jTypes.map((t) => NEO4J_TYPES[t]))];
  const unknown = neo4jTypes.filter((t) => !NEO4J_TYPES[t]);
  if (unknown.length > 0)
    return { type: "string", note: `Neo4j type ${unknown.join("/")}; Guanxi reads and writes it as text.` };
  if (mapped.length === 1) return { type: mapped[0]! };
  const set = new Set(mapped);
  if (set.size === 2 && set.has("int") && set.has("float")) return { type: "float" };
  if (set.size === 2 && set.has("int[]") && set.has("float[]")) return { type: "float[]" };
  return { type: "string", note: `Held as ${neo4jTypes.join(" and ")}; read as text.` };
}

interface Seen {
  types: Set<string>;
  /** Node types (label combinations) holding it, and how many of them always do. */
  holders: number;
  mandatory: number;
}

function specs(
  props: Map<string, Seen>,
  holders: number,
  skip: readonly string[],
): Record<string, PropertySpec> {
  const out: Record<string, PropertySpec> = {};
  for (const [name, seen] of [...props].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    if (skip.includes(name)) continue;
    const { type, note } = propertyTypeOf([...seen.types]);
    out[name] = {
      type,
      description: note ?? "Inferred from the database.",
      ...(seen.mandatory === holders && seen.holders === holders ? { required: true } : {}),
    };
  }
  return out;
}

function plainName(relType: string): string {
  // db.schema.relTypeProperties writes ":`ACTED_IN`".
  return relType
    .replace(/^:/, "")
    .replace(/^`(.*)`$/, "$1")
    .replace(/``/g, "`");
}

export async function inferSchema(db: GraphDb, name = "inferred"): Promise<SchemaDocument> {
  const nodeRows = (await db.read(loadCypher("schema/node-type-properties"))).rows;
  const relRows = (await db.read(loadCypher("schema/rel-type-properties"))).rows;
  const endRows = (await db.read(loadCypher("schema/relationship-ends"))).rows;

  // Per label: its properties over every node type (label combination) that has the label.
  const labelProps = new Map<string, Map<string, Seen>>();
  const labelTypes = new Map<string, Set<string>>();
  for (const row of nodeRows) {
    const labels = (row.nodeLabels as string[]) ?? [];
    const combo = [...labels].sort().join(":");
    for (const label of labels) {
      if (!labelProps.has(label)) labelProps.set(label, new Map());
      if (!labelTypes.has(label)) labelTypes.set(label, new Set());
      labelTypes.get(label)!.add(combo);
      const property = row.propertyName as string | null;
      if (!property) continue;
      const props = labelProps.get(label)!;
      const seen = props.get(property) ?? { types: new Set(), holders: 0, mandatory: 0 };
      for (const t of (row.propertyTypes as string[]) ?? []) seen.types.add(t);
      seen.holders += 1;
      if (row.mandatory === true) seen.mandatory += 1;
      props.set(property, seen);
    }
  }

  const relProps = new Map<string, Map<string, Seen>>();
  for (const row of relRows) {
    const type = plainName(String(row.relType));
    if (!relProps.has(type)) relProps.set(type, new Map());
    const property = row.propertyName as string | null;
    if (!property) continue;
    const seen = {
      types: new Set((row.propertyTypes as string[]) ?? []),
      holders: 1,
      mandatory: row.mandatory === true ? 1 : 0,
    };
    relProps.get(type)!.set(property, seen);
  }

  const ends = new Map<string, { from: Set<string>; to: Set<string> }>();
  for (const row of endRows) {
    const type = String(row.type);
    const entry = ends.get(type) ?? { from: new Set(), to: new Set() };
    for (const l of (row.from as string[]) ?? []) entry.from.add(l);
    for (const l of (row.to as string[]) ?? []) entry.to.add(l);
    ends.set(type, entry);
  }

  const labels: SchemaDocument["labels"] = {};
  for (const label of [...labelProps.keys()].sort()) {
    const props = labelProps.get(label)!;
    const holders = labelTypes.get(label)!.size;
    const properties = specs(props, holders, [...DERIVED_NODE_PROPERTIES, KEY_PROPERTY]);
    const textKeys = Object.entries(properties).filter(([, s]) => s.type === "string");
    const caption =
      CAPTION_CANDIDATES.find((c) => properties[c]?.type === "string") ??
      textKeys.find(([, s]) => s.required)?.[0] ??
      textKeys[0]?.[0];
    labels[label] = {
      description: "Inferred from the database.",
      ...(caption ? { caption } : {}),
      properties,
    };
  }

  const provenanceKeys = Object.keys(PROVENANCE_PROPERTIES);
  const relationshipTypes: SchemaDocument["relationshipTypes"] = {};
  let anyEvidence = false;
  for (const type of [...new Set([...relProps.keys(), ...ends.keys()])].sort()) {
    const props = relProps.get(type) ?? new Map<string, Seen>();
    const end = ends.get(type);
    if (!end) continue; // a type with no relationships left
    const evidence = props.get("evidence");
    anyEvidence ||= evidence !== undefined;
    relationshipTypes[type] = {
      description: "Inferred from the database.",
      from: [...end.from].sort(),
      to: [...end.to].sort(),
      properties: specs(props, 1, provenanceKeys),
      provenance: evidence ? (evidence.mandatory === 1 ? "required" : "optional") : "none",
    };
  }
  const hasArticles = [...relProps.values()].some((p) => p.has("articles") || p.has("article"));
  const documentLabel = anyEvidence && hasArticles && labels.Article ? "Article" : undefined;
  if (!documentLabel) {
    // Evidence without a known source-document label can still be kept, but not required of an article.
    for (const def of Object.values(relationshipTypes))
      if (def.provenance === "required") def.provenance = "optional";
  }
  return {
    format: SCHEMA_FORMAT,
    version: SCHEMA_VERSION,
    name,
    description: `Inferred by \`guanxi schema infer\` on ${new Date().toISOString().slice(0, 10)}.`,
    labels,
    relationshipTypes,
    ...(documentLabel ? { provenance: { documentLabel } } : {}),
  };
}
