/** Opens the configured database for a command, turning configuration and connection failures into messages. */
import { resolveConnection } from "../core/node/connection.ts";
import { GraphDb } from "../core/node/graph-db.ts";

export async function openDatabase(): Promise<GraphDb> {
  return GraphDb.connect(resolveConnection());
}

/** Runs `work` with an open database and always closes it. */
export async function withDatabase<T>(work: (db: GraphDb) => Promise<T>): Promise<T> {
  const db = await openDatabase();
  try {
    return await work(db);
  } finally {
    await db.close();
  }
}
