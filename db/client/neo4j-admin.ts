/**
 * `neo4j-admin database import full` run from the bundled Neo4j's own jars (the launcher's lib folder), on
 * a Neo4j home laid out as the launcher has it (DATA_DIR/neo4j): the `neo4j` database's store is written to
 * HOME/data/databases/neo4j and HOME/data/transactions/neo4j, which must not exist yet.
 */
import { spawn } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { LAUNCHER_LIB, ensureLauncherBuilt, javaCommand } from "./bundled-db.ts";

export interface AdminImportOptions {
  /** The Neo4j home (DATA_DIR/neo4j for the bundled database). */
  home: string;
  nodes: string[];
  relationships: string[];
  arrayDelimiter?: string;
  /** A folder for neo4j-admin's configuration and report (created). */
  workDir: string;
  /** Java heap of the importer (default 1g; GUANXI_IMPORT_HEAP). */
  heap?: string;
  /** Off-heap memory of the importer (default 1g; GUANXI_IMPORT_OFF_HEAP). */
  offHeap?: string;
  /** Lines of the importer's output as they come. */
  onLine?: (line: string) => void;
}

export interface AdminImportRun {
  code: number | null;
  output: string;
}

export async function neo4jAdminImportFull(options: AdminImportOptions): Promise<AdminImportRun> {
  await ensureLauncherBuilt();
  const conf = join(options.workDir, "conf");
  mkdirSync(conf, { recursive: true });
  writeFileSync(join(conf, "neo4j.conf"), "");
  const heap = options.heap ?? process.env.GUANXI_IMPORT_HEAP ?? "1g";
  const offHeap = options.offHeap ?? process.env.GUANXI_IMPORT_OFF_HEAP ?? "1g";
  const args = [
    `-Xmx${heap}`,
    "-cp",
    join(LAUNCHER_LIB, "*"),
    "org.neo4j.cli.AdminTool",
    "database",
    "import",
    "full",
    ...options.nodes.map((f) => `--nodes=${f}`),
    ...options.relationships.map((f) => `--relationships=${f}`),
    ...(options.arrayDelimiter ? [`--array-delimiter=${options.arrayDelimiter}`] : []),
    "--multiline-fields=true",
    "--skip-bad-relationships=false",
    "--skip-duplicate-nodes=false",
    `--max-off-heap-memory=${offHeap}`,
    `--report-file=${join(options.workDir, "import.report")}`,
    "neo4j",
  ];
  return new Promise((resolve, reject) => {
    const child = spawn(javaCommand(), args, {
      cwd: options.workDir,
      env: { ...process.env, NEO4J_HOME: options.home, NEO4J_CONF: conf },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    const take = (d: Buffer) => {
      const text = d.toString();
      output += text;
      if (output.length > 200_000) output = output.slice(-100_000);
      if (options.onLine) for (const line of text.split("\n")) if (line.trim()) options.onLine(line);
    };
    child.stdout.on("data", take);
    child.stderr.on("data", take);
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, output }));
  });
}
