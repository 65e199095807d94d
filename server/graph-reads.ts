/** Reads shared by several routes: nodes by key with their degree, and the relationships among them. */
import { loadCypher } from "../core/cypher-files.ts";
import type { GraphDb } from "../core/graph-db.ts";
import type { PlainNode, PlainRelationship } from "../core/plain-values.ts";
import type { SubgraphBuilder } from "../core/subgraph.ts";

export async function addNodesByKey(db: GraphDb, builder: SubgraphBuilder, keys: string[]): Promise<void> {
  if (keys.length === 0) return;
  const { rows } = await db.read(loadCypher("explore/nodes-by-key"), { keys });
  for (const row of rows) builder.addNode(row.n as PlainNode, Number(row.degree));
}

/** Adds the relationships among `keys`; true when there were more than `limit`. */
export async function addRelationshipsAmong(
  db: GraphDb,
  builder: SubgraphBuilder,
  keys: string[],
  limit: number,
): Promise<boolean> {
  if (keys.length === 0) return false;
  const { rows } = await db.read(loadCypher("explore/relationships-among"), { keys, limit: limit + 1 });
  for (const row of rows.slice(0, limit)) builder.addEdge(row.r as PlainRelationship);
  return rows.length > limit;
}
