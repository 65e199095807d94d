/**
 * GET /api/health: the API is up and the database answers. Quick either way: while the database is known
 * to be restarting or away it says so at once, else one ping that waits at most PING_TIMEOUT_MS (no retries).
 */
import type { FastifyInstance } from "fastify";
import type { GraphDb } from "../../core/node/graph-db.ts";
import { PING_TIMEOUT_MS, type DatabaseAvailability } from "../db-availability.ts";

export function registerHealthRoutes(
  app: FastifyInstance,
  db: GraphDb,
  availability: DatabaseAvailability,
): void {
  app.get("/api/health", async () => {
    const refusal = availability.refusal();
    if (refusal) throw refusal;
    await db.ping(PING_TIMEOUT_MS);
    return { ok: true };
  });
}
