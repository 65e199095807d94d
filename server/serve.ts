/** Starts the API (and the built explorer) on a port; `close()` stops it. */
import type { GraphSchema } from "../core/schema/graph-schema.ts";
import type { GraphDb } from "../core/node/graph-db.ts";
import { packagePath } from "../core/node/install-paths.ts";
import { ConfigError } from "../core/node/connection.ts";
import { LOOPBACK_HOSTS, buildServer } from "./app.ts";
import type { TeamOptions } from "./team/access.ts";
import type { DatabaseAvailability } from "./db-availability.ts";
import { prepareWarmUp } from "./warm-up.ts";

export const WEB_DIST = packagePath("dist", "web");
export const DEFAULT_PORT = 4173;
export const DEFAULT_HOST = "127.0.0.1";

export interface RunningServer {
  url: string;
  /** Resolves when the start-up warming (server/warm-up.ts) is done; at once when there is none. */
  warmed: Promise<void>;
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
  /** See ServerOptions.aggregateAbove. */
  aggregateAbove?: number;
  /** The active schema (default: the news schema). */
  schema?: GraphSchema;
  /** See ServerOptions.availability. */
  availability?: DatabaseAvailability;
  /** See ServerOptions.team. Anything but loopback needs authentication. */
  team?: TeamOptions;
  /** Host names the server answers to besides the loopback names (required off loopback). */
  allowedHosts?: readonly string[];
  /** Serve HTTPS with this certificate and key (PEM). */
  tls?: { cert: Buffer; key: Buffer };
  /** See ServerOptions.allowDraftIngest. */
  allowDraftIngest?: boolean;
  /** See ServerOptions.viewsDir. */
  viewsDir?: string;
  /**
   * Ask the first view's routes once in the background after listening (server/warm-up.ts), so the
   * first real request finds Neo4j's plans, the driver's connections and V8's code ready. Default: on
   * for a server without sign-in (with sign-in every request needs an analyst, and it is skipped).
   */
  warmUp?: boolean;
}): Promise<RunningServer> {
  const host = options.host ?? DEFAULT_HOST;
  const team = options.team ?? { auth: "none" };
  const bare = host.replace(/^\[|\]$/g, "");
  if (!isLoopback(host) && team.auth === "none") {
    throw new ConfigError(
      `Listening on ${host} (not loopback) needs authentication: create tokens with \`guanxi token create NAME\` and serve with --auth tokens.`,
    );
  }
  const wildcard = bare === "0.0.0.0" || bare === "::";
  const names = options.allowedHosts ?? [];
  if (!isLoopback(host) && wildcard && names.length === 0) {
    throw new ConfigError(
      `Listening on every interface (${host}): say which host names the server answers to with --allowed-host NAME (e.g. guanxi.example.org), so no other site can reach it through DNS rebinding.`,
    );
  }
  const app = buildServer({
    db: options.db,
    team: { ...team, secureCookies: team.secureCookies ?? options.tls !== undefined },
    ...(options.tls ? { https: options.tls } : {}),
    staticDir: options.staticDir ?? WEB_DIST,
    logger: options.logger ?? false,
    overviewMaxLimit: options.overviewMaxLimit,
    ...(options.aggregateAbove !== undefined ? { aggregateAbove: options.aggregateAbove } : {}),
    ...(options.schema ? { schema: options.schema } : {}),
    ...(options.availability ? { availability: options.availability } : {}),
    ...(options.viewsDir ? { viewsDir: options.viewsDir } : {}),
    ...(options.allowDraftIngest ? { allowDraftIngest: true } : {}),
    // Only the server's own names are answered, on every interface (no DNS rebinding).
    allowedHosts: [...LOOPBACK_HOSTS, ...(wildcard ? [] : [bare]), ...names],
  });
  const warming = (options.warmUp ?? true) && team.auth === "none" ? prepareWarmUp(app) : undefined;
  await app.listen({ port: options.port ?? DEFAULT_PORT, host });
  const address = app.server.address();
  const port = typeof address === "object" && address ? address.port : options.port;
  const shown = host.includes(":") ? `[${host}]` : host;
  const scheme = options.tls ? "https" : "http";
  let closing = false;
  const warmed = warming ? warming.start(() => closing).done : Promise.resolve();
  return {
    url: `${scheme}://${shown}:${port}/`,
    warmed,
    close: async () => {
      closing = true;
      await warmed; // never rejects; short, and it must not outlive the database connection
      await app.close();
    },
  };
}
