/** The `guanxi` command line: one program, a module per command. */
import { Command, CommanderError } from "commander";
import { ConfigError } from "../core/node/connection.ts";
import { DatabaseError, InputError } from "../core/errors.ts";
import { QueryDeadlineError, ResultTooLargeError } from "../core/node/query-isolation.ts";
import { QueryParameterError, ReadOnlyViolation } from "../core/node/read-only-query.ts";
import { SchemaFileError } from "../core/node/load-schema.ts";
import { ScriptError } from "../export/db/run-cypher-script.ts";
import { ExportError } from "../export/types.ts";
import { registerDbCommand } from "./db-command.ts";
import { registerDoctorCommand } from "./doctor-command.ts";
import { registerExportCommand } from "./export-command.ts";
import { registerExtractCommand } from "./extract-command.ts";
import { registerIndexCommand } from "./index-command.ts";
import { registerIngestCommand } from "./ingest-command.ts";
import { registerQueryCommand } from "./query-command.ts";
import { registerRunScriptCommand } from "./run-script-command.ts";
import { registerSchemaCommand } from "./schema-command.ts";
import { registerServeCommand } from "./serve-command.ts";
import { registerStartCommand } from "./start-command.ts";

const program = new Command("guanxi")
  .description("Guanxi (关系): see who is linked to whom — a knowledge-graph explorer over Neo4j")
  .showHelpAfterError()
  .exitOverride();

registerDbCommand(program);
registerStartCommand(program);
registerIngestCommand(program);
registerExtractCommand(program);
registerSchemaCommand(program);
registerIndexCommand(program);
registerQueryCommand(program);
registerExportCommand(program);
registerRunScriptCommand(program);
registerServeCommand(program);
registerDoctorCommand(program);

const KNOWN_ERRORS = [
  SchemaFileError,
  InputError,
  DatabaseError,
  ConfigError,
  ReadOnlyViolation,
  QueryParameterError,
  QueryDeadlineError,
  ResultTooLargeError,
  ExportError,
  ScriptError,
];

try {
  await program.parseAsync(process.argv);
} catch (error) {
  if (error instanceof CommanderError) process.exit(error.exitCode);
  if (KNOWN_ERRORS.some((E) => error instanceof E)) {
    process.stderr.write(`guanxi: ${(error as Error).message}\n`);
    process.exit(1);
  }
  throw error;
}
