/** `neo4j-admin database import full` from the bundled Neo4j's jars (db/target/lib), into a fresh home. */
import { spawn } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import { delimiter, join } from "node:path";
import { REPO_ROOT } from "./database.ts";

export interface ImportRun {
  code: number | null;
  output: string;
}

/**
 * Imports into the `neo4j` database of `home` (the layout the launcher uses: DATA_DIR/neo4j), as
 * `neo4j-admin database import full --nodes=… --relationships=… --multiline-fields=true neo4j` would.
 */
export function neo4jAdminImport(
  home: string,
  files: { nodes: string; relationships: string },
): Promise<ImportRun> {
  const conf = join(home, "conf");
  mkdirSync(conf, { recursive: true });
  writeFileSync(join(conf, "neo4j.conf"), "");
  const args = [
    "-Xmx384m",
    "-cp",
    [join(REPO_ROOT, "db", "target", "lib", "*")].join(delimiter),
    "org.neo4j.cli.AdminTool",
    "database",
    "import",
    "full",
    `--nodes=${files.nodes}`,
    `--relationships=${files.relationships}`,
    "--multiline-fields=true",
    "--max-off-heap-memory=256m",
    `--report-file=${join(home, "import.report")}`,
    "neo4j",
  ];
  return new Promise((resolve, reject) => {
    const child = spawn(process.env.JAVA_HOME ? join(process.env.JAVA_HOME, "bin", "java") : "java", args, {
      cwd: home,
      env: { ...process.env, NEO4J_HOME: home, NEO4J_CONF: conf },
    });
    let output = "";
    child.stdout.on("data", (d: Buffer) => (output += d.toString()));
    child.stderr.on("data", (d: Buffer) => (output += d.toString()));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, output }));
  });
}
