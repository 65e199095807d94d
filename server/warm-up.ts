/**
 * Start-up warming: right after the server listens, it asks itself (fastify's `inject`, no socket) what
 * the explorer asks on its first view and first clicks — the overview, the schema, a node's details, an
 * expansion, a relationship, a search. Neo4j compiles and caches the plans of those statements, the
 * driver opens its connections, and V8 compiles the routes' code, so the analyst's first click does
 * not pay for it. It runs in the background (never delays `listening`) and every failure is ignored: an
 * empty database, a database that is away, a request refused — the real request then simply pays.
 */
import type { FastifyInstance } from "fastify";
import type { OverviewResponse } from "../core/api-types.ts";

/** The first view's size the explorer asks for (web/src/features/overview OVERVIEW_LIMIT). */
const EXPLORER_OVERVIEW_LIMIT = 400;

async function ask(
  app: FastifyInstance,
  method: "GET" | "POST",
  url: string,
  payload?: unknown,
): Promise<unknown> {
  const response = await app.inject({
    method,
    url,
    headers: { host: "localhost", ...(payload ? { "content-type": "application/json" } : {}) },
    ...(payload ? { payload: JSON.stringify(payload) } : {}),
  });
  return response.statusCode === 200 ? (response.json() as unknown) : undefined;
}

/** Runs each first-view route once (twice for the overview); resolves when done, never rejects. */
export async function warmUp(app: FastifyInstance, stopped: () => boolean): Promise<void> {
  try {
    const overviewUrl = `/api/overview?limit=${EXPLORER_OVERVIEW_LIMIT}`;
    const [overview] = (await Promise.all([
      ask(app, "GET", overviewUrl),
      ask(app, "GET", "/api/schema"),
    ])) as [OverviewResponse | undefined, unknown];
    if (stopped() || !overview) return;
    const node = [...overview.nodes].sort((a, b) => (b.degree ?? 0) - (a.degree ?? 0))[0];
    const edge = overview.edges[0];
    const reads: Promise<unknown>[] = [ask(app, "GET", overviewUrl)];
    if (node) {
      reads.push(ask(app, "GET", `/api/nodes/${encodeURIComponent(node.key)}`));
      reads.push(ask(app, "POST", "/api/expand", { key: node.key }));
      const name = [...node.name].slice(0, 2).join("");
      if (name.trim()) reads.push(ask(app, "GET", `/api/search?q=${encodeURIComponent(name)}`));
    }
    if (edge) reads.push(ask(app, "GET", `/api/relationships/${encodeURIComponent(edge.key)}`));
    await Promise.all(reads);
  } catch {
    // Warming is a help, never a failure.
  }
}
