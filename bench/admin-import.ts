/**
 * `neo4j-admin database import full` alone on the benchmark's CSV, into a fresh Neo4j home: run by
 * bench/ingest-bench.ts in a child process (under /usr/bin/time) so that its peak memory is its own.
 * `node bin/run-ts.js bench/admin-import.ts HOME NODES.csv RELATIONSHIPS.csv`.
 */
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { neo4jAdminImportFull } from "../db/client/neo4j-admin.ts";

const [home, nodes, relationships] = process.argv.slice(2);
if (!home || !nodes || !relationships) {
  console.error("usage: bench/admin-import.ts HOME NODES.csv RELATIONSHIPS.csv");
  process.exit(2);
}
mkdirSync(join(home, "work"), { recursive: true });
const run = await neo4jAdminImportFull({
  home,
  nodes: [nodes],
  relationships: [relationships],
  workDir: join(home, "work"),
});
if (run.code !== 0) {
  console.error(run.output.trimEnd().split("\n").slice(-15).join("\n"));
  process.exit(1);
}
console.log(run.output.trimEnd().split("\n").slice(-6).join("\n"));
