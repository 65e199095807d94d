/** GET /api/health: the API is up and the database answers. */
import type { FastifyInstance } from "fastify";
import type { GraphDb } from "../../core/graph-db.ts";

export function registerHealthRoutes(app: FastifyInstance, db: GraphDb): void {
  app.get("/api/health", async () => {
    await db.read("RETURN 1", {}, { timeoutMs: 5_000 });
    return { ok: true };
  });
}
