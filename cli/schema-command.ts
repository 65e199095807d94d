/** `guanxi schema infer [-o FILE]` and `guanxi schema check FILE`: schemas as data. */
import { writeFile } from "node:fs/promises";
import type { Command } from "commander";
import { InputError } from "../core/errors.ts";
import { checkSchemaText } from "../core/schema/check-schema.ts";
import { inferSchema } from "../core/node/infer-schema.ts";
import { loadSchemaFile } from "../core/node/load-schema.ts";
import { withDatabase } from "./connect.ts";

export function registerSchemaCommand(program: Command): void {
  const schema = program
    .command("schema")
    .description("schemas as data: infer one from a database, check one");
  schema
    .command("infer")
    .description("write a schema from the connected database (labels, types, property types, required ones)")
    .option("-o, --output <file>", "write it to FILE (default: standard output)")
    .option("--name <name>", "the schema's name", "inferred")
    .action(async (opts: { output?: string; name: string }) => {
      const document = await withDatabase((db) => inferSchema(db, opts.name));
      if (Object.keys(document.labels).length === 0) {
        throw new InputError([
          {
            file: "(database)",
            message: "the database has no labelled nodes: nothing to infer a schema from",
          },
        ]);
      }
      const text = JSON.stringify(document, null, 2) + "\n";
      // What was inferred must pass the checks a hand-written schema does.
      const check = checkSchemaText(opts.output ?? "(inferred)", text);
      if (check.problems.length > 0) throw new InputError(check.problems);
      if (opts.output) {
        await writeFile(opts.output, text);
        const labels = Object.keys(document.labels).length;
        const types = Object.keys(document.relationshipTypes).length;
        process.stderr.write(`Wrote ${opts.output}: ${labels} labels, ${types} relationship types.\n`);
      } else process.stdout.write(text);
    });
  schema
    .command("check")
    .description("validate a schema file; every problem with file, line and field")
    .argument("<file>", "schema file (JSON)")
    .action((file: string) => {
      // The same reading `--schema FILE` does: strict UTF-8, then every check.
      const loaded = loadSchemaFile(file);
      if (!loaded.schema) throw new InputError(loaded.problems);
      const s = loaded.schema.schema;
      process.stdout.write(
        `${file}: the schema "${s.name}" is valid — ${s.labels.length} labels, ${s.relationshipTypes.length} relationship types.\n`,
      );
    });
}
