/**
 * `guanxi start` (`npm start`): the one command a new user runs. With NEO4J_URI unset it starts the
 * bundled database, ingests the seed data set into an empty database, and keeps running until
 * Ctrl-C; with NEO4J_URI set it uses that server instead.
 */
import { existsSync } from "node:fs";
import { join } from "node:path";
import type { Command } from "commander";
import { DEFAULT_BOLT_PORT, ensurePassword } from "../db/client/bundled-db.ts";
import {
  ConfigError,
  bundledDataDir,
  resolveConnection,
  type ConnectionConfig,
} from "../core/node/connection.ts";
import { IS_SOURCE_CHECKOUT, packagePath } from "../core/node/install-paths.ts";
import { loadCypher } from "../core/node/cypher-files.ts";
import { DbSupervisor } from "../core/node/db-supervisor.ts";
import { GraphDb } from "../core/node/graph-db.ts";
import { SEED_DATASET, ingestFiles } from "../ingest/ingest.ts";
import { DatabaseAvailability } from "../server/db-availability.ts";
import { activeSchema } from "../core/node/load-schema.ts";
import { DEFAULT_PORT, WEB_DIST, startServer } from "../server/serve.ts";
import { SCHEMA_OPTION, schemaFile } from "./schema-option.ts";
import { summarise } from "./ingest-command.ts";

const VITE_CONFIG = packagePath("vite.config.ts");

/**
 * In a clone the explorer is built from web/ on every start (a second or two), so it always matches the
 * sources; an installed package ships it built (dist/web/) and has no Vite.
 */
async function explorerReady(): Promise<void> {
  if (IS_SOURCE_CHECKOUT) {
    const { build } = await import("vite");
    await build({ configFile: VITE_CONFIG, logLevel: "warn" });
  } else if (!existsSync(join(WEB_DIST, "index.html"))) {
    throw new ConfigError(`The explorer is missing from this installation (${WEB_DIST}): reinstall Guanxi.`);
  }
}

async function ingestSeedIfEmpty(db: GraphDb): Promise<void> {
  const { rows } = await db.read(loadCypher("explore/totals"));
  if (Number(rows[0]?.nodes ?? 0) > 0) {
    console.log("The database already holds data; the seed data set was not re-ingested.");
    return;
  }
  console.log("Empty database: ingesting the seed data set…");
  console.log(summarise(await ingestFiles(db, [SEED_DATASET])));
}

function howToQuery(config: ConnectionConfig): string {
  const example = `npx guanxi query "MATCH (a:Alliance)-[r:SPANS]->(x) RETURN a.name, type(r), x.name"`;
  const env = config.bundled ? "" : `NEO4J_URI=${config.uri} NEO4J_PASSWORD=… `;
  return [`Query it from another terminal, for example:`, `  ${env}${example}`].join("\n");
}

export function registerStartCommand(program: Command): void {
  program
    .command("start")
    .description("start Guanxi: the bundled database (unless NEO4J_URI is set) with the seed data set")
    .option(
      "--db-port <port>",
      "Bolt port of the bundled database (default: GUANXI_DB_PORT, else 7687)",
      process.env.GUANXI_DB_PORT || String(DEFAULT_BOLT_PORT),
    )
    .option("--port <port>", "HTTP port of the explorer", String(DEFAULT_PORT))
    .option(...SCHEMA_OPTION)
    .action(async (opts: { dbPort: string; port: string; schema?: string }) => {
      const { schema } = activeSchema(schemaFile(opts));
      let supervisor: DbSupervisor | undefined;
      if (!process.env.NEO4J_URI) {
        const dataDir = bundledDataDir();
        // Supervised: if the database dies, it is said here and started again (core/node/db-supervisor.ts).
        supervisor = await DbSupervisor.start(
          {
            port: Number(opts.dbPort),
            dataDir,
            password: ensurePassword(dataDir, process.env.NEO4J_PASSWORD),
            log: (line) => console.log(line),
          },
          { log: (line) => console.log(line) },
        );
        const bundled = supervisor.db;
        console.log(`Neo4j (bundled) is running at ${bundled.uri}, data in ${bundled.dataDir}`);
      }
      const bundled = supervisor?.db;
      const config = bundled
        ? { uri: bundled.uri, user: bundled.user, password: bundled.password, bundled: true }
        : resolveConnection();
      const db = await GraphDb.connect(config);
      await ingestSeedIfEmpty(db);
      await explorerReady();
      const availability = new DatabaseAvailability((ms) => db.ping(ms));
      supervisor?.onChange((state) => availability.set(state));
      const server = await startServer({
        db,
        port: Number(opts.port),
        staticDir: WEB_DIST,
        availability,
        schema,
        // One local analyst: the explorer may write reviewed drafts (POST /api/drafts/ingest).
        allowDraftIngest: true,
      });
      console.log(howToQuery(config));
      console.log(`\nGuanxi explorer: ${server.url}  (Ctrl-C stops it)`);
      const stop = async () => {
        await server.close();
        await db.close();
        await supervisor?.stop();
        process.exit(0);
      };
      process.once("SIGINT", () => void stop());
      process.once("SIGTERM", () => void stop());
    });
}
