/** `guanxi serve [--port P] [--host H]`: the explorer and its API on the configured Neo4j. */
import { existsSync } from "node:fs";
import { join } from "node:path";
import { InvalidArgumentError, type Command } from "commander";
import { ConfigError, resolveConnection } from "../core/node/connection.ts";
import { GraphDb } from "../core/node/graph-db.ts";
import { activeSchema } from "../core/node/load-schema.ts";
import { SCHEMA_OPTION, schemaFile } from "./schema-option.ts";
import { DEFAULT_HOST, DEFAULT_PORT, WEB_DIST, isLoopback, startServer } from "../server/serve.ts";

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
    .option(...SCHEMA_OPTION)
    .option("--allow-ingest", "let the explorer write reviewed article drafts (POST /api/drafts/ingest)")
    .action(async (opts: { port: number; host: string; schema?: string; allowIngest?: boolean }) => {
      const { schema } = activeSchema(schemaFile(opts));
      const db = await GraphDb.connect(resolveConnection());
      const hasApp = existsSync(join(WEB_DIST, "index.html"));
      if (!hasApp) {
        console.warn("The explorer is not built: run `npm run build` first. Serving the API only.");
      }
      if (opts.allowIngest && !isLoopback(opts.host)) {
        console.warn(
          `Warning: --allow-ingest on ${opts.host}: anyone who can reach this address can write reviewed drafts into the database.`,
        );
      }
      if (!isLoopback(opts.host)) {
        console.warn(
          `Warning: listening on ${opts.host}, not loopback: anyone who can reach this address can read the whole database through the API, without a password.`,
        );
      }
      let server;
      try {
        server = await startServer({
          db,
          port: opts.port,
          host: opts.host,
          schema,
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
