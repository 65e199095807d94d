/** Starts the API (and the built explorer) on a port; `close()` stops it. */
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import type { GraphDb } from "../core/graph-db.ts";
import { buildServer } from "./app.ts";

export const WEB_DIST = join(dirname(fileURLToPath(import.meta.url)), "..", "dist", "web");
export const DEFAULT_PORT = 4173;

export interface RunningServer {
  url: string;
  close(): Promise<void>;
}

export async function startServer(options: {
  db: GraphDb;
  port?: number;
  host?: string;
  staticDir?: string;
}): Promise<RunningServer> {
  const app = buildServer({ db: options.db, staticDir: options.staticDir ?? WEB_DIST });
  const host = options.host ?? "127.0.0.1";
  await app.listen({ port: options.port ?? DEFAULT_PORT, host });
  const address = app.server.address();
  const port = typeof address === "object" && address ? address.port : options.port;
  const shown = host.includes(":") ? `[${host}]` : host;
  return { url: `http://${shown}:${port}/`, close: () => app.close() };
}
