/** `neo4j-admin database import full` from the bundled Neo4j's jars (db/target/lib), into a fresh home. */
import { neo4jAdminImportFull, type AdminImportRun } from "../../db/client/neo4j-admin.ts";

export type ImportRun = AdminImportRun;

/**
 * Imports into the `neo4j` database of `home` (the layout the launcher uses: DATA_DIR/neo4j), as
 * `neo4j-admin database import full --nodes=… --relationships=… --multiline-fields=true neo4j` would.
 */
export function neo4jAdminImport(
  home: string,
  files: { nodes: string; relationships: string },
): Promise<ImportRun> {
  return neo4jAdminImportFull({
    home,
    nodes: [files.nodes],
    relationships: [files.relationships],
    workDir: home,
    heap: "384m",
    offHeap: "256m",
  });
}
