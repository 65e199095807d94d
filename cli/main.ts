/** The `guanxi` command line: one program, a module per command. */
import { Command, CommanderError } from "commander";
import { registerAnalyseCommand } from "./analyse-command.ts";
import { PACKAGE_VERSION } from "../core/node/install-paths.ts";
import { registerDbCommand } from "./db-command.ts";
import { describeEnvironment } from "./environment.ts";
import { EXIT_HELP, exitCodeFor } from "./exit-codes.ts";
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
import { registerTokenCommand } from "./token-command.ts";

const program = new Command("guanxi")
  .description("Guanxi (关系): see who is linked to whom — a knowledge-graph explorer over Neo4j")
  .version(PACKAGE_VERSION, "-V, --version", "print Guanxi's version")
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
registerAnalyseCommand(program);
registerRunScriptCommand(program);
registerServeCommand(program);
registerDoctorCommand(program);
registerTokenCommand(program);

describeEnvironment(program);
program.addHelpText("after", EXIT_HELP);

try {
  await program.parseAsync(process.argv);
} catch (error) {
  const { code, known } = exitCodeFor(error);
  if (error instanceof CommanderError) process.exit(code);
  if (!known) throw error;
  process.stderr.write(`guanxi: ${(error as Error).message}\n`);
  process.exit(code);
}
