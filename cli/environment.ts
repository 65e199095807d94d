/**
 * The environment variables Guanxi reads, defined once: each command's `--help` lists the ones it
 * reads, with their defaults; `guanxi --help` lists them all. The README's configuration table says
 * the same.
 */
import type { Command } from "commander";

interface EnvironmentVariable {
  name: string;
  meaning: string;
  default: string;
  /** Commands that read it; "*" for every command that talks to Neo4j. */
  commands: readonly string[] | "*";
}

const DB_COMMANDS = [
  "start",
  "ingest",
  "index",
  "query",
  "export",
  "analyse",
  "run-script",
  "serve",
  "doctor",
  "schema",
];

export const ENVIRONMENT: readonly EnvironmentVariable[] = [
  {
    name: "NEO4J_URI",
    meaning: "your own Neo4j (bolt://, neo4j://, neo4j+s://…)",
    default: "the bundled database",
    commands: DB_COMMANDS,
  },
  {
    name: "NEO4J_USERNAME",
    meaning: "user name (NEO4J_USER is read too)",
    default: "neo4j",
    commands: DB_COMMANDS,
  },
  {
    name: "NEO4J_PASSWORD",
    meaning: "password",
    default: "bundled: generated, kept in <data dir>/password",
    commands: [...DB_COMMANDS, "db"],
  },
  {
    name: "NEO4J_DATABASE",
    meaning: "database name",
    default: "the server's default",
    commands: DB_COMMANDS,
  },
  {
    name: "GUANXI_HOME",
    meaning: "where Guanxi keeps its files (bundled database build and data)",
    default: "a clone: .guanxi/; installed: ~/.local/share/guanxi",
    commands: [...DB_COMMANDS, "db"],
  },
  {
    name: "GUANXI_DATA_DIR",
    meaning: "data directory of the bundled database",
    default: "<home>/db",
    commands: [...DB_COMMANDS, "db"],
  },
  {
    name: "GUANXI_DB_PORT",
    meaning: "Bolt port of the bundled database",
    default: "7687",
    commands: [...DB_COMMANDS, "db"],
  },
  {
    name: "GUANXI_DB_HEAP",
    meaning: "heap of the bundled database",
    default: "1g",
    commands: ["start", "db"],
  },
  {
    name: "GUANXI_DB_PAGECACHE",
    meaning: "page cache of the bundled database",
    default: "256m",
    commands: ["start", "db"],
  },
  {
    name: "GUANXI_SCHEMA",
    meaning: "the schema file (--schema)",
    default: "a data set's own schema, else the news schema",
    commands: ["start", "ingest", "index", "export", "analyse", "serve", "doctor"],
  },
  {
    name: "GUANXI_QUERY_TIMEOUT_MS",
    meaning: "timeout of the explorer's analyst queries",
    default: "30000",
    commands: ["start", "serve"],
  },
  {
    name: "GUANXI_AGGREGATE_ABOVE",
    meaning: "elements of a first view above which the explorer shows counts per label instead (off: never)",
    default: "50000",
    commands: ["start", "serve"],
  },
  {
    name: "GUANXI_QUERY_MAX_BYTES",
    meaning: "largest result (as JSON) of an analyst query",
    default: "33554432",
    commands: ["start", "serve", "query", "export", "analyse"],
  },
  {
    name: "GUANXI_MAX_PROPERTY_BYTES",
    meaning: "largest text or list one property may hold at ingest",
    default: "1048576",
    commands: ["ingest"],
  },
];

function table(variables: readonly EnvironmentVariable[]): string {
  const width = Math.max(...variables.map((v) => v.name.length));
  return variables.map((v) => `  ${v.name.padEnd(width)}  ${v.meaning} (default: ${v.default})`).join("\n");
}

/** Adds an "Environment:" section to each command's help, and the whole list to the program's. */
export function describeEnvironment(program: Command): void {
  for (const command of program.commands) {
    const read = ENVIRONMENT.filter((v) => v.commands === "*" || v.commands.includes(command.name()));
    if (read.length > 0) command.addHelpText("after", `\nEnvironment:\n${table(read)}`);
  }
  program.addHelpText("after", `\nEnvironment:\n${table(ENVIRONMENT)}`);
}
