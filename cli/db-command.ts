/**
 * `guanxi db`: runs the bundled Neo4j in the foreground until Ctrl-C (or SIGTERM), for using Guanxi's
 * database from other terminals, Neo4j tools or scripts. The password never appears on screen: it is
 * kept in DIR/password (mode 0600), where Guanxi's other commands read it.
 */
import { InvalidArgumentError, type Command } from "commander";
import {
  DEFAULT_BOLT_PORT,
  ensureLauncherBuilt,
  ensurePassword,
  passwordFile,
  startBundledDb,
} from "../db/client/bundled-db.ts";
import { bundledDataDir } from "../core/node/connection.ts";
import { resolve } from "node:path";

function parsePort(value: string): number {
  const port = Number(value);
  if (!Number.isInteger(port) || port < 1 || port > 65535) {
    throw new InvalidArgumentError("must be a port number from 1 to 65535");
  }
  return port;
}

export function registerDbCommand(program: Command): void {
  program
    .command("db")
    .description("run the bundled Neo4j database in the foreground (Bolt on 127.0.0.1; Ctrl-C stops it)")
    .option(
      "--port <port>",
      "Bolt port on 127.0.0.1",
      parsePort,
      Number(process.env.GUANXI_DB_PORT) || DEFAULT_BOLT_PORT,
    )
    .option("--data <dir>", "data directory (GUANXI_DATA_DIR)", bundledDataDir())
    .option("--build-only", "build the launcher with Maven if needed, then exit (CI, provisioning)")
    .action(async (opts: { port: number; data: string; buildOnly?: boolean }) => {
      if (opts.buildOnly) {
        await ensureLauncherBuilt((line) => console.log(line));
        console.log("The bundled Neo4j is built.");
        return;
      }
      const dataDir = resolve(opts.data);
      const password = ensurePassword(dataDir, process.env.NEO4J_PASSWORD);
      const db = await startBundledDb({
        port: opts.port,
        dataDir,
        password,
        log: (line) => console.log(line),
      });
      let stopping = false;
      const stop = async (): Promise<void> => {
        if (stopping) return;
        stopping = true;
        await db.stop();
        process.exit(0);
      };
      process.once("SIGINT", () => void stop());
      process.once("SIGTERM", () => void stop());

      console.log(`Guanxi Neo4j is running at ${db.uri} (data in ${db.dataDir})`);
      console.log(
        `Connect with NEO4J_URI=${db.uri} NEO4J_USERNAME=neo4j; the password is in ${passwordFile(dataDir)}. Press Ctrl-C to stop.`,
      );

      const code = await db.exited;
      if (!stopping) {
        console.error(
          `guanxi: the bundled Neo4j stopped unexpectedly (exit code ${code}); see ${dataDir}/neo4j/logs/debug.log`,
        );
        process.exit(1);
      }
    });
}
