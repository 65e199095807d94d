/** Test access to the explorer API in-process (fastify's inject: no port), over the run's real Neo4j. */
import type { FastifyInstance } from "fastify";
import type { GraphDb } from "../../core/node/graph-db.ts";
import { buildServer } from "../../server/app.ts";
import { connectWithSeed } from "./database.ts";

export interface JsonResponse<T> {
  status: number;
  body: T;
}

/** One request; the answer's status and its JSON body. */
export async function injectJson<T>(
  app: FastifyInstance,
  method: "GET" | "POST",
  url: string,
  payload?: object,
): Promise<JsonResponse<T>> {
  const response = await app.inject({ method, url, ...(payload !== undefined ? { payload } : {}) });
  return { status: response.statusCode, body: response.json() as T };
}

/** The elementId (the API's node key) of the node with Guanxi id `id`. */
export async function keyOf(db: GraphDb, id: string): Promise<string> {
  const { rows } = await db.read("MATCH (n {id: $id}) RETURN elementId(n) AS key", { id });
  if (!rows[0]) throw new Error(`no node with id ${id} in the test database`);
  return String(rows[0].key);
}

/** The database emptied and seeded, and an API over it; close both with `close()`. */
export async function seededApi(): Promise<{ db: GraphDb; app: FastifyInstance; close(): Promise<void> }> {
  const { db } = await connectWithSeed();
  const app = buildServer({ db });
  return {
    db,
    app,
    close: async () => {
      await app.close();
      await db.close();
    },
  };
}
