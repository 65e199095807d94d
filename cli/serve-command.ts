/**
 * `guanxi serve [--port P] [--host H] [--auth none|tokens] [--allowed-host NAME…] [--tls-cert F --tls-key F]`:
 * the explorer and its API on the configured Neo4j; off loopback, for a team of signed-in analysts.
 */
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { InvalidArgumentError, Option, type Command } from "commander";
import { guanxiHome } from "../core/node/install-paths.ts";
import type { AuthMode, TeamOptions } from "../server/team/access.ts";
import { AuditLog } from "../server/team/audit-log.ts";
import { TokenStore, tokensFile } from "../server/team/tokens.ts";
import { ConfigError, perAnalystConnection, resolveConnection } from "../core/node/connection.ts";
import { GraphDb } from "../core/node/graph-db.ts";
import { activeSchema } from "../core/node/load-schema.ts";
import { SCHEMA_OPTION, schemaFile } from "./schema-option.ts";
import { DEFAULT_HOST, DEFAULT_PORT, WEB_DIST, isLoopback, startServer } from "../server/serve.ts";

const AUTH_MODES: readonly AuthMode[] = ["none", "tokens", "neo4j"];

interface ServeOptions {
  port: number;
  host: string;
  schema?: string;
  auth?: AuthMode;
  allowedHost: string[];
  tlsCert?: string;
  tlsKey?: string;
  auditLog?: string;
  auditParams?: boolean;
  queriesPerAnalyst: number;
  allowIngest?: boolean;
}

function readPem(file: string): Buffer {
  try {
    return readFileSync(file);
  } catch (error) {
    throw new ConfigError(`Cannot read ${file}: ${(error as Error).message}`);
  }
}

function positive(text: string): number {
  const n = Number(text);
  if (!Number.isSafeInteger(n) || n < 1) throw new InvalidArgumentError("must be a positive integer");
  return n;
}

function port(text: string): number {
  const n = Number(text);
  if (!Number.isInteger(n) || n < 0 || n > 65535) throw new InvalidArgumentError("must be a port number");
  return n;
}

export function registerServeCommand(program: Command): void {
  program
    .command("serve")
    .description("serve the explorer and its API (on 127.0.0.1: another host is an explicit choice)")
    .option("--port <port>", "HTTP port", port, DEFAULT_PORT)
    .option("--host <host>", "address to listen on", DEFAULT_HOST)
    .addOption(
      new Option(
        "--auth <mode>",
        "who may use it: none (loopback only), tokens (guanxi token create) or neo4j (each analyst's own Neo4j account)",
      ).choices(AUTH_MODES),
    )
    .option(
      "--allowed-host <name>",
      "a host name the server answers to (repeatable; needed on 0.0.0.0)",
      (name: string, all: string[]) => [...all, name],
      [] as string[],
    )
    .option("--tls-cert <file>", "serve HTTPS with this certificate (PEM)")
    .option("--tls-key <file>", "the certificate's private key (PEM)")
    .option(
      "--audit-log <file>",
      "the audit log (JSON lines; default with --auth tokens: <home>/audit/audit.log)",
    )
    .option("--audit-params", "write query parameter values to the audit log (default: names only)")
    .option("--queries-per-analyst <n>", "analyst queries one analyst may run at once", positive, 2)
    .option(...SCHEMA_OPTION)
    .option("--allow-ingest", "let the explorer write reviewed article drafts (POST /api/drafts/ingest)")
    .action(async (opts: ServeOptions) => {
      const { schema } = activeSchema(schemaFile(opts));
      const auth: AuthMode = opts.auth ?? (isLoopback(opts.host) ? "none" : "tokens");
      if (Boolean(opts.tlsCert) !== Boolean(opts.tlsKey))
        throw new ConfigError("HTTPS needs both --tls-cert and --tls-key.");
      const tls =
        opts.tlsCert && opts.tlsKey ? { cert: readPem(opts.tlsCert), key: readPem(opts.tlsKey) } : undefined;
      const home = guanxiHome();
      const tokens = new TokenStore(tokensFile(home));
      if (auth === "tokens" && tokens.list().length === 0)
        throw new ConfigError(
          `No analyst tokens yet (${tokens.file}): create one with \`guanxi token create NAME\` first.`,
        );
      const auditFile = opts.auditLog ?? (auth !== "none" ? join(home, "audit", "audit.log") : undefined);
      const audit = auditFile
        ? new AuditLog({ file: auditFile, includeParams: opts.auditParams === true })
        : undefined;
      const team: TeamOptions = {
        auth,
        tokens,
        queriesPerAnalyst: opts.queriesPerAnalyst,
        ...(audit ? { audit } : {}),
      };
      const db = await GraphDb.connect(auth === "neo4j" ? perAnalystConnection() : resolveConnection());
      const hasApp = existsSync(join(WEB_DIST, "index.html"));
      if (!hasApp) {
        console.warn("The explorer is not built: run `npm run build` first. Serving the API only.");
      }
      if (opts.allowIngest && !isLoopback(opts.host)) {
        console.warn(
          `Note: --allow-ingest on ${opts.host}: every signed-in analyst can write reviewed drafts into the database.`,
        );
      }
      if (!isLoopback(opts.host) && !tls)
        console.warn(
          `Warning: ${opts.host} is not loopback and this server speaks plain HTTP: put it behind a TLS proxy, or give --tls-cert and --tls-key.`,
        );
      let server;
      try {
        server = await startServer({
          db,
          port: opts.port,
          host: opts.host,
          schema,
          team,
          allowedHosts: opts.allowedHost,
          ...(tls ? { tls } : {}),
          ...(opts.allowIngest ? { allowDraftIngest: true } : {}),
        });
      } catch (error) {
        await db.close();
        const code = (error as { code?: string }).code;
        if (code === "EADDRINUSE") {
          throw new ConfigError(`Port ${opts.port} is in use: choose another with --port.`);
        }
        throw error;
      }
      console.log(`Guanxi ${hasApp ? "explorer" : "API"} at ${server.url}${hasApp ? "" : "api/health"}`);
      console.log(
        auth === "tokens"
          ? `Sign-in with analyst tokens (${tokens.list().length} in ${tokens.file}); audit log: ${auditFile}`
          : auth === "neo4j"
            ? `Sign-in with each analyst's own Neo4j account (the server holds no password); audit log: ${auditFile}`
            : "No sign-in: loopback only, for the analyst on this machine.",
      );
      console.log("Press Ctrl-C to stop.");
      const running = server;
      const stop = async () => {
        await running.close();
        await db.close();
        process.exit(0);
      };
      process.once("SIGINT", () => void stop());
      process.once("SIGTERM", () => void stop());
    });
}
