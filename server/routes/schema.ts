/** GET /api/schema: the labels, relationship types and property keys in the database, with counts. */
import type { GraphSchema } from "../../core/schema/graph-schema.ts";
import { timeSchemaOf } from "../../core/schema/time-properties.ts";
import type { FastifyInstance } from "fastify";
import type { SchemaResponse } from "../../core/api-types.ts";
import { loadCypher } from "../../core/node/cypher-files.ts";
import { DatabaseError } from "../../core/errors.ts";
import type { GraphDb } from "../../core/node/graph-db.ts";
import type { PlainValue } from "../../core/plain-values.ts";
import { EXPLORE_TIMEOUT } from "../graph-reads.ts";
import type { SearchStatusCache } from "../search-status.ts";

function counts(list: PlainValue | undefined, name: "label" | "type"): Map<string, number> {
  const out = new Map<string, number>();
  for (const item of Array.isArray(list) ? list : []) {
    const entry = item as Record<string, PlainValue>;
    out.set(String(entry[name]), Number(entry.count));
  }
  return out;
}

/** From the count store; a server that does not allow db.stats.retrieve gets the counts by scanning. */
async function readCounts(db: GraphDb): Promise<Record<string, PlainValue>> {
  try {
    return (await db.read(loadCypher("explore/schema-counts"), {}, EXPLORE_TIMEOUT)).rows[0] ?? {};
  } catch (error) {
    if (!(error instanceof DatabaseError) || !error.code?.startsWith("Neo.ClientError.")) throw error;
    return (await db.read(loadCypher("explore/schema-counts-scan"), {}, EXPLORE_TIMEOUT)).rows[0] ?? {};
  }
}

/** The active schema as the explorer needs it: names, descriptions, captions, allowed ends. */
function schemaSummary(schema: GraphSchema): SchemaResponse["schema"] {
  const doc = schema.document;
  return {
    name: schema.name,
    ...(schema.documentLabel ? { documentLabel: schema.documentLabel } : {}),
    labels: Object.fromEntries(
      Object.entries(doc.labels).map(([label, def]) => [
        label,
        {
          ...(def.description ? { description: def.description } : {}),
          ...(def.caption ? { caption: def.caption } : {}),
        },
      ]),
    ),
    relationshipTypes: Object.fromEntries(
      Object.entries(doc.relationshipTypes).map(([type, def]) => [
        type,
        {
          ...(def.description ? { description: def.description } : {}),
          from: def.from,
          to: def.to,
          ...(def.hierarchy ? { hierarchy: true } : {}),
        },
      ]),
    ),
    time: timeSchemaOf(doc),
  };
}

export function registerSchemaRoutes(
  app: FastifyInstance,
  db: GraphDb,
  schema: GraphSchema,
  status: SearchStatusCache,
): void {
  const summary = schemaSummary(schema);
  app.get("/api/schema", async () => {
    // Independent reads, all at once (the explorer asks for this beside its first view).
    const [tokensResult, row, totalsResult, search] = await Promise.all([
      db.read(loadCypher("explore/schema-tokens"), {}, EXPLORE_TIMEOUT),
      readCounts(db),
      db.read(loadCypher("explore/totals"), {}, EXPLORE_TIMEOUT),
      status.get(),
    ]);
    const tokens = tokensResult.rows[0] ?? {};
    const totalsRow = totalsResult.rows[0] ?? {};
    const labelCounts = counts(row.labels, "label");
    const typeCounts = counts(row.types, "type");
    const strings = (v: PlainValue | undefined) => (Array.isArray(v) ? v.map(String) : []);
    const byCount = <T extends { count: number }>(a: T, b: T) => b.count - a.count;
    const response: SchemaResponse = {
      totals: { nodes: Number(totalsRow.nodes ?? 0), relationships: Number(totalsRow.relationships ?? 0) },
      labels: strings(tokens.labels)
        .map((label) => ({ label, count: labelCounts.get(label) ?? 0 }))
        .sort((a, b) => byCount(a, b) || a.label.localeCompare(b.label)),
      relationshipTypes: strings(tokens.types)
        .map((type) => ({ type, count: typeCounts.get(type) ?? 0 }))
        .sort((a, b) => byCount(a, b) || a.type.localeCompare(b.type)),
      propertyKeys: strings(tokens.keys).sort(),
      schema: summary,
      search,
    };
    return response;
  });
}
