/** `guanxi run-script FILE`: runs a Cypher script (such as `guanxi export --format cypher` writes) as cypher-shell would. */
import { readFile } from "node:fs/promises";
import type { Command } from "commander";
import { ExportError } from "../export/types.ts";
import { runCypherScript } from "../export/db/run-cypher-script.ts";
import { withDatabase } from "./connect.ts";

const COUNTER_NAMES: [string, string][] = [
  ["nodesCreated", "nodes created"],
  ["relationshipsCreated", "relationships created"],
  ["propertiesSet", "properties set"],
  ["labelsAdded", "labels added"],
  ["constraintsAdded", "constraints added"],
  ["indexesAdded", "indexes added"],
];

export function registerRunScriptCommand(program: Command): void {
  program
    .command("run-script")
    .description(
      "run a Cypher script file (:param, :begin/:commit, statements ending with ;) against the database",
    )
    .argument("<file>", "the script, e.g. one written by `guanxi export --format cypher`")
    .action(async (file: string) => {
      let text: string;
      try {
        text = await readFile(file, "utf8");
      } catch (error) {
        const code = (error as { code?: string }).code;
        throw new ExportError(`cannot read ${file}: ${code === "ENOENT" ? "no such file" : String(error)}`);
      }
      const report = await withDatabase((db) => runCypherScript(db, file, text));
      const counts = COUNTER_NAMES.filter(([k]) => report.counters[k]).map(
        ([k, name]) => `${report.counters[k]} ${name}`,
      );
      process.stdout.write(
        `Ran ${report.statements} statement${report.statements === 1 ? "" : "s"}${counts.length ? `: ${counts.join(", ")}` : ""}.\n`,
      );
    });
}
