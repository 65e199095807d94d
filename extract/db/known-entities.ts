/** Known entities from the database: every named node but the source documents (one read). */
import { loadCypher } from "../../core/node/cypher-files.ts";
import type { GraphDb } from "../../core/node/graph-db.ts";
import type { GraphSchema } from "../../core/schema/graph-schema.ts";
import type { KnownEntity } from "../known.ts";

export async function knownFromDatabase(db: GraphDb, schema: GraphSchema): Promise<KnownEntity[]> {
  const { rows } = await db.read(loadCypher("extract/known-entities"));
  const out: KnownEntity[] = [];
  for (const row of rows) {
    const labels = (row.labels as string[]) ?? [];
    const label = schema.primaryLabel(labels);
    if (!label || label === schema.documentLabel) continue;
    const name =
      typeof row.name === "string" ? row.name : typeof row.nameEn === "string" ? row.nameEn : undefined;
    if (!name) continue;
    out.push({
      id: String(row.id),
      label,
      name,
      aliases: Array.isArray(row.aliases) ? row.aliases.map(String) : [],
      ...(typeof row.nameEn === "string" ? { nameEn: row.nameEn } : {}),
      ...(typeof row.role === "string" ? { role: row.role } : {}),
      places: Array.isArray(row.places) ? row.places.map(String) : [],
    });
  }
  return out;
}
