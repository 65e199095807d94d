/** `guanxi serve [--port P] [--host H]`: the explorer and its API for a team, on the configured Neo4j. */
import { existsSync } from "node:fs";
import { join } from "node:path";
import { InvalidArgumentError, type Command } from "commander";
import { resolveConnection } from "../core/connection.ts";
import { GraphDb } from "../core/graph-db.ts";
import { DEFAULT_PORT, WEB_DIST, startServer } from "../server/serve.ts";

const LOOPBACK = new Set(["127.0.0.1", "localhost", "::1"]);

function port(text: string): number {
  const n = Number(text);
  if (!Number.isInteger(n) || n < 0 || n > 65535) throw new InvalidArgumentError("must be a port number");
  return n;
}

export function registerServeCommand(program: Command): void {
  program
    .command("serve")
    .description("serve the explorer and its API (default 127.0.0.1; another host is an explicit choice)")
    .option("--port <port>", "HTTP port", port, DEFAULT_PORT)
    .option("--host <host>", "address to listen on", "127.0.0.1")
    .action(async (opts: { port: number; host: string }) => {
      const db = await GraphDb.connect(resolveConnection());
      if (!existsSync(join(WEB_DIST, "index.html"))) {
        console.warn("The explorer is not built (run `npm run build`); serving the API only.");
      }
      if (!LOOPBACK.has(opts.host)) {
        console.warn(
          `Listening on ${opts.host}: anyone who can reach it can read the database through the API.`,
        );
      }
      const server = await startServer({ db, port: opts.port, host: opts.host });
      console.log(`Guanxi explorer at ${server.url}`);
      const stop = async () => {
        await server.close();
        await db.close();
        process.exit(0);
      };
      process.once("SIGINT", () => void stop());
      process.once("SIGTERM", () => void stop());
    });
}
