/**
 * A Cypher script that recreates the subgraph in an empty Neo4j: Guanxi's schema first (the statements
 * `guanxi ingest` runs, core/schema/schema-statements.ts, for every label written), then, in one transaction, batches of `:param rows => […]` followed by
 * `UNWIND $rows AS row MERGE … SET … += row.props`. Values only ever travel as parameters; labels and
 * relationship types are checked against a safe identifier rule and backquoted. Derived properties
 * (pinyin) are written too, so the database equals one built by `guanxi ingest`.
 *
 * Runs with `cypher-shell -f FILE` (statements end with `;`, `:param`/`:begin`/`:commit` are its
 * commands) or `guanxi run-script FILE`.
 */
import { derivedNodeProperties } from "../core/derived-properties.ts";
import type { GraphSchema } from "../core/schema/graph-schema.ts";
import { mergePlans, schemaStatements, searchIndexPlan } from "../core/schema/schema-statements.ts";
import { isIsoDate } from "../core/property-values.ts";
import { writeCypherLiteral, type CypherValue } from "./cypher-literal.ts";
import type { ValueType } from "./property-types.ts";
import type { PreparedGraph, TypedProperty } from "./prepare.ts";
import { ExportError, type ExportSource } from "./types.ts";

/** Rows per `:param` batch. */
export const SCRIPT_BATCH_SIZE = 500;

/** Letters (any script), digits and underscores, not starting with a digit. */
const SAFE_IDENTIFIER = /^[\p{L}_][\p{L}\p{N}_]*$/u;

export function safeIdentifier(name: string, what: "label" | "relationship type"): string {
  if (!SAFE_IDENTIFIER.test(name))
    throw new ExportError(
      `cannot write a Cypher script: the ${what} ${JSON.stringify(name)} is not a plain identifier (letters, digits, _)`,
    );
  return "`" + name + "`";
}

/** The schema statements `guanxi ingest` runs for `schema`, extended to every label the script writes. */
export function scriptSchemaStatements(schema: GraphSchema, labels: readonly string[]): string[] {
  const all = [...new Set([...schema.labels, ...labels])];
  return schemaStatements(all, mergePlans(searchIndexPlan(schema), { labels: all, properties: [] }));
}

function scalar(value: unknown, type: ValueType): CypherValue {
  if (type === "json") return { kind: "string", value: JSON.stringify(value) };
  if (typeof value === "string")
    return type === "date" && isIsoDate(value) ? { kind: "date", value } : { kind: "string", value };
  if (typeof value === "boolean") return { kind: "boolean", value };
  if (typeof value === "number") {
    if (!Number.isFinite(value))
      throw new ExportError(`cannot write a Cypher script: ${value} is not a number Cypher can write`);
    return type === "float" || type === "float[]" ? { kind: "float", value } : { kind: "int", value };
  }
  return { kind: "string", value: JSON.stringify(value) };
}

function cypherValue(p: TypedProperty): CypherValue {
  if (Array.isArray(p.value) && p.type !== "json")
    return { kind: "list", items: p.value.map((item) => scalar(item, p.type)) };
  return scalar(p.value, p.type);
}

/** Control characters and line separators: a backquoted name cannot escape them, and a line break would end the `:param` line. */
// eslint-disable-next-line no-control-regex
const UNWRITABLE_IN_NAME = /[\u0000-\u001f\u007f\u2028\u2029]/u;

/** A property key as the script can carry it; one with a line break or control character is refused. */
export function scriptPropertyKey(key: string): string {
  if (UNWRITABLE_IN_NAME.test(key))
    throw new ExportError(
      `cannot write a Cypher script: the property key ${JSON.stringify(key)} contains a line break or control character, which a Cypher name cannot hold; rename the property first`,
    );
  return key;
}

function propsMap(properties: readonly TypedProperty[], extra: Record<string, unknown> = {}): CypherValue {
  const entries: [string, CypherValue][] = properties.map((p) => [scriptPropertyKey(p.key), cypherValue(p)]);
  for (const [key, value] of Object.entries(extra)) {
    entries.push([key, cypherValue({ key, value, type: Array.isArray(value) ? "string[]" : "string" })]);
  }
  return { kind: "map", entries };
}

function batches<T>(items: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    if (!groups.has(k)) groups.set(k, []);
    groups.get(k)!.push(item);
  }
  return groups;
}

/** Comment text on one line: a line break would end the comment and start a statement. */
function commentText(text: string): string {
  return text.replace(/[\r\n\u2028\u2029]+/g, " ");
}

export function writeCypherScript(
  graph: PreparedGraph,
  source: ExportSource,
  exportedAt: Date,
  schema: GraphSchema,
): string {
  const out: string[] = [
    `// Guanxi export: ${graph.nodes.length} nodes, ${graph.edges.length} relationships, ${exportedAt.toISOString()}.`,
  ];
  const description = source.description ?? source.query;
  if (description) out.push(`// From: ${commentText(description)}`);
  out.push(
    "// Recreates the subgraph in an empty Neo4j: `cypher-shell -a URI -u USER -f THIS_FILE` or `guanxi run-script THIS_FILE`.",
    "// Values are parameters (:param); the statements never contain data.",
    "",
    ...scriptSchemaStatements(
      schema,
      graph.nodes.map((n) => n.node.label),
    ).map((s) => `${s};`),
  );
  // Nodes: MERGE on id under the domain label, other labels set after.
  const nodeGroups = groupBy(graph.nodes, (n) =>
    JSON.stringify([n.node.label, ...n.node.labels.filter((l) => l !== n.node.label)]),
  );
  const statements: string[] = [];
  for (const [group, nodes] of nodeGroups) {
    const [label, ...others] = JSON.parse(group) as string[];
    const extra = others.map((l) => ` SET n:${safeIdentifier(l, "label")}`).join("");
    const statement = `UNWIND $rows AS row MERGE (n:${safeIdentifier(label!, "label")} {id: row.id})${extra} SET n += row.props;`;
    for (const batch of batches(nodes, SCRIPT_BATCH_SIZE)) {
      const rows: CypherValue = {
        kind: "list",
        items: batch.map((n) => ({
          kind: "map",
          entries: [
            ["id", { kind: "string", value: n.key }],
            [
              "props",
              propsMap(
                n.properties.filter((p) => p.key !== "id"),
                derivedNodeProperties(n.node.properties, n.node.labels, schema),
              ),
            ],
          ],
        })),
      };
      statements.push(`:param rows => ${writeCypherLiteral(rows)}`, statement);
    }
  }
  // Relationships: MATCH both ends on their label and id, MERGE the relationship (Guanxi's identity).
  const edgeGroups = groupBy(graph.edges, (e) =>
    JSON.stringify([e.source.node.label, e.edge.type, e.target.node.label]),
  );
  for (const [group, edges] of edgeGroups) {
    const [from, type, to] = JSON.parse(group) as [string, string, string];
    const statement =
      `UNWIND $rows AS row MATCH (a:${safeIdentifier(from, "label")} {id: row.start}) ` +
      `MATCH (b:${safeIdentifier(to, "label")} {id: row.end}) ` +
      `MERGE (a)-[r:${safeIdentifier(type, "relationship type")}]->(b) SET r += row.props;`;
    for (const batch of batches(edges, SCRIPT_BATCH_SIZE)) {
      const rows: CypherValue = {
        kind: "list",
        items: batch.map((e) => ({
          kind: "map",
          entries: [
            ["start", { kind: "string", value: e.source.key }],
            ["end", { kind: "string", value: e.target.key }],
            ["props", propsMap(e.properties)],
          ],
        })),
      };
      statements.push(`:param rows => ${writeCypherLiteral(rows)}`, statement);
    }
  }
  if (statements.length > 0) out.push("", ":begin", ...statements, ":commit");
  return out.join("\n") + "\n";
}
