/**
 * Start-up warming: right after the server listens, it asks itself (fastify's `inject`, no socket) what
 * the explorer asks on its first view and first clicks — the overview and the schema, then a node's
 * details, an expansion, a relationship, a search. Neo4j compiles and caches the plans of those
 * statements, the driver opens its connections, and V8 compiles the routes' code, so the analyst's
 * first click does not pay for it. It runs in the background (never delays `listening`), one step at a
 * time, and gives way as soon as a real request arrives: on a small machine warming beside the
 * analyst's own first requests would only slow them down, and those requests warm what they use.
 * Every failure is ignored: an empty database, a database that is away, a request refused.
 */
import { randomUUID } from "node:crypto";
import type { FastifyInstance } from "fastify";
import type { OverviewResponse } from "../core/api-types.ts";

/** The first view's size the explorer asks for (web/src/features/overview OVERVIEW_LIMIT). */
const EXPLORER_OVERVIEW_LIMIT = 400;
const MARK = "x-guanxi-warm-up";

export interface WarmUp {
  /** Resolves when the warming is done or gave way; never rejects. */
  done: Promise<void>;
}

/**
 * Registers the hook that tells the warming's own requests from real ones (call before the server
 * listens); `start()` then warms in the background until done, `stopped()` or a real request.
 */
export function prepareWarmUp(app: FastifyInstance): { start(stopped: () => boolean): WarmUp } {
  const token = randomUUID();
  let realRequest = false;
  app.addHook("onRequest", async (request) => {
    if (request.headers[MARK] !== token) realRequest = true;
  });
  const ask = async (method: "GET" | "POST", url: string, payload?: unknown): Promise<unknown> => {
    const response = await app.inject({
      method,
      url,
      headers: {
        host: "localhost",
        [MARK]: token,
        ...(payload ? { "content-type": "application/json" } : {}),
      },
      ...(payload ? { payload: JSON.stringify(payload) } : {}),
    });
    return response.statusCode === 200 ? (response.json() as unknown) : undefined;
  };
  return {
    start(stopped) {
      const run = async () => {
        const overviewUrl = `/api/overview?limit=${EXPLORER_OVERVIEW_LIMIT}`;
        const overview = (await ask("GET", overviewUrl)) as OverviewResponse | undefined;
        if (!overview) return;
        const node = [...overview.nodes].sort((a, b) => (b.degree ?? 0) - (a.degree ?? 0))[0];
        const edge = overview.edges[0];
        const name = node ? [...node.name].slice(0, 2).join("") : "";
        type Step = [method: "GET" | "POST", url: string, payload?: unknown];
        const steps: Step[] = [
          ["GET", "/api/schema"],
          ["GET", overviewUrl],
        ];
        if (node) {
          steps.push(["GET", `/api/nodes/${encodeURIComponent(node.key)}`]);
          steps.push(["POST", "/api/expand", { key: node.key }]);
        }
        if (edge) steps.push(["GET", `/api/relationships/${encodeURIComponent(edge.key)}`]);
        if (name.trim()) steps.push(["GET", `/api/search?q=${encodeURIComponent(name)}`]);
        for (const [method, url, payload] of steps) {
          if (stopped() || realRequest) return;
          await ask(method, url, payload);
        }
      };
      return { done: run().catch(() => {}) };
    },
  };
}
