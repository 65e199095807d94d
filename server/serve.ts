/** Starts the API (and the built explorer) on a port; `close()` stops it. */
import type { GraphSchema } from "../core/schema/graph-schema.ts";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import type { GraphDb } from "../core/node/graph-db.ts";
import { LOOPBACK_HOSTS, buildServer } from "./app.ts";
import type { DatabaseAvailability } from "./db-availability.ts";

export const WEB_DIST = join(dirname(fileURLToPath(import.meta.url)), "..", "dist", "web");
export const DEFAULT_PORT = 4173;
export const DEFAULT_HOST = "127.0.0.1";

export interface RunningServer {
  url: string;
  close(): Promise<void>;
}

/** True for an address only this machine can reach. */
export function isLoopback(host: string): boolean {
  const h = host.replace(/^\[|\]$/g, "").toLowerCase();
  return LOOPBACK_HOSTS.includes(h) || /^127(\.\d{1,3}){3}$/.test(h);
}

export async function startServer(options: {
  db: GraphDb;
  port?: number;
  host?: string;
  staticDir?: string;
  logger?: boolean;
  /** See ServerOptions.overviewMaxLimit. */
  overviewMaxLimit?: number;
  /** The active schema (default: the news schema). */
  schema?: GraphSchema;
  /** See ServerOptions.availability. */
  availability?: DatabaseAvailability;
  /** See ServerOptions.viewsDir. */
  viewsDir?: string;
}): Promise<RunningServer> {
  const host = options.host ?? DEFAULT_HOST;
  const app = buildServer({
    db: options.db,
    staticDir: options.staticDir ?? WEB_DIST,
    logger: options.logger ?? false,
    overviewMaxLimit: options.overviewMaxLimit,
    ...(options.schema ? { schema: options.schema } : {}),
    ...(options.availability ? { availability: options.availability } : {}),
    ...(options.viewsDir ? { viewsDir: options.viewsDir } : {}),
    // On loopback only the loopback names are answered (no DNS rebinding); elsewhere any name reaching it.
    allowedHosts: isLoopback(host) ? [...LOOPBACK_HOSTS, host.replace(/^\[|\]$/g, "")] : "any",
  });
  await app.listen({ port: options.port ?? DEFAULT_PORT, host });
  const address = app.server.address();
  const port = typeof address === "object" && address ? address.port : options.port;
  const shown = host.includes(":") ? `[${host}]` : host;
  return { url: `http://${shown}:${port}/`, close: () => app.close() };
}
