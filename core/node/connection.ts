/**
 * Where Guanxi's Neo4j is. Production: NEO4J_URI / NEO4J_USERNAME / NEO4J_PASSWORD / NEO4J_DATABASE, the
 * names the Neo4j tools use (neo4j:// routing URIs, neo4j+s:// and neo4j+ssc:// for TLS included);
 * NEO4J_USER is read too, as older tools wrote it. Unset: the bundled database on 127.0.0.1, whose
 * password `guanxi db` keeps in its data directory, so a local user never types it.
 */
import {
  DEFAULT_BOLT_PORT,
  DEFAULT_DATA_DIR,
  readStoredPassword,
  passwordFile,
} from "../../db/client/bundled-db.ts";

export interface ConnectionConfig {
  uri: string;
  user: string;
  password: string;
  database?: string;
  /** True when pointing at the bundled database (no NEO4J_URI). */
  bundled: boolean;
  /**
   * No credentials of its own: every session authenticates as the analyst of the request
   * (core/node/analyst-auth.ts). `guanxi serve --auth neo4j`.
   */
  perAnalyst?: boolean;
}

export class ConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ConfigError";
  }
}

export function bundledDataDir(env: NodeJS.ProcessEnv = process.env): string {
  return env.GUANXI_DATA_DIR || DEFAULT_DATA_DIR;
}

export function resolveConnection(env: NodeJS.ProcessEnv = process.env): ConnectionConfig {
  const bundled = !env.NEO4J_URI;
  const uri = env.NEO4J_URI || `bolt://127.0.0.1:${env.GUANXI_DB_PORT || DEFAULT_BOLT_PORT}`;
  const dataDir = bundledDataDir(env);
  const password = env.NEO4J_PASSWORD || readStoredPassword(dataDir);
  if (!password) {
    throw new ConfigError(
      bundled
        ? `No password for the bundled database: ${passwordFile(dataDir)} does not exist yet. Start it once with \`npx guanxi db\`, or set NEO4J_PASSWORD.`
        : `NEO4J_URI is set to ${uri} but NEO4J_PASSWORD is not. Set NEO4J_PASSWORD (and NEO4J_USERNAME if not neo4j).`,
    );
  }
  return {
    uri,
    user: env.NEO4J_USERNAME || env.NEO4J_USER || "neo4j",
    password,
    ...(env.NEO4J_DATABASE ? { database: env.NEO4J_DATABASE } : {}),
    bundled,
  };
}

/**
 * The connection of a server whose analysts sign in with their own Neo4j accounts (`--auth neo4j`):
 * the address and database only; no user or password is read or held.
 */
export function perAnalystConnection(env: NodeJS.ProcessEnv = process.env): ConnectionConfig {
  return {
    uri: env.NEO4J_URI || `bolt://127.0.0.1:${env.GUANXI_DB_PORT || DEFAULT_BOLT_PORT}`,
    user: "",
    password: "",
    ...(env.NEO4J_DATABASE ? { database: env.NEO4J_DATABASE } : {}),
    bundled: !env.NEO4J_URI,
    perAnalyst: true,
  };
}
