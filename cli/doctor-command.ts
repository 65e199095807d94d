/**
 * `guanxi doctor`: what Guanxi sees of its database — the server's version and edition, the database, the
 * active schema, which of Guanxi's constraints and search index exist, labels the index or the key
 * constraints leave out (a database Guanxi did not create) — and what to run for each thing missing.
 * Exit code 0 when all is well, 1 when something is missing or the server cannot be reached.
 */
import type { Command } from "commander";
import { resolveConnection } from "../core/node/connection.ts";
import { loadCypher } from "../core/node/cypher-files.ts";
import { GraphDb } from "../core/node/graph-db.ts";
import { activeSchema } from "../core/node/load-schema.ts";
import { keyConstraintStatement } from "../core/schema/schema-statements.ts";
import { databaseLabels, readSearchIndex } from "../core/node/search-index.ts";
import { SCHEMA_OPTION, schemaFile } from "./schema-option.ts";

/** Neo4j 5.26 is what Guanxi is built and tested on; `CALL (x) { … }` subqueries need 5.23 or later. */
const MINIMUM_VERSION = [5, 23];

export interface DoctorReport {
  ok: boolean;
  server: { uri: string; name: string; version: string; edition: string; supported: boolean };
  database: string;
  schema: { name: string; source: string };
  counts: { nodes: number; relationships: number };
  keyConstraints: { label: string; present: boolean }[];
  /** Labels in the database with no uniqueness constraint on `id` (their nodes were not written by Guanxi). */
  labelsWithoutKey: string[];
  searchIndex: { present: boolean; state?: string; labels: string[]; unindexedLabels: string[] };
  /** What to do, one line each; empty when all is well. */
  fixes: string[];
}

function versionAtLeast(version: string, minimum: number[]): boolean {
  const parts = version.split(/[.-]/).map(Number);
  for (let i = 0; i < minimum.length; i++) {
    const have = parts[i] ?? 0;
    if (Number.isNaN(have)) return true; // an unusual version string: do not guess
    if (have !== minimum[i]) return have > minimum[i]!;
  }
  return true;
}

export async function diagnose(
  db: GraphDb,
  schemaChoice: ReturnType<typeof activeSchema>,
): Promise<DoctorReport> {
  const { schema, source } = schemaChoice;
  const component = (await db.read(loadCypher("doctor/components"))).rows[0] ?? {};
  const database = String((await db.read(loadCypher("doctor/database"))).rows[0]?.name ?? "?");
  const totals = (await db.read(loadCypher("explore/totals"))).rows[0] ?? {};
  const constraints = (await db.read(loadCypher("doctor/constraints"))).rows;
  const labels = await databaseLabels(db);
  const index = await readSearchIndex(db);

  const hasKey = (label: string) => constraints.some((c) => c.label === label && c.property === "id");
  const keyConstraints = schema.labels.map((label) => ({ label, present: hasKey(label) }));
  const labelsWithoutKey = labels.filter((l) => !hasKey(l));
  const unindexedLabels = labels.filter((l) => !index?.labels.includes(l));
  const version = String(component.version ?? "?");
  const fixes: string[] = [];
  const missingKeys = keyConstraints.filter((k) => !k.present && labels.includes(k.label));
  if (missingKeys.length > 0)
    fixes.push(
      `Key constraints missing for ${missingKeys.map((k) => k.label).join(", ")}: \`npx guanxi ingest\` of any file applies the schema, or run ${keyConstraintStatement(missingKeys[0]!.label)}`,
    );
  if (!index)
    fixes.push("No search index: run `npx guanxi index` (search scans the first 100,000 nodes until then).");
  else if (index.state !== "ONLINE")
    fixes.push(`The search index is ${index.state}: wait for it, or run \`npx guanxi index\` again.`);
  else if (unindexedLabels.length > 0)
    fixes.push(`Search does not cover ${unindexedLabels.join(", ")}: run \`npx guanxi index\`.`);
  const supported = versionAtLeast(version, MINIMUM_VERSION);
  if (!supported)
    fixes.push(
      `Neo4j ${version} is older than ${MINIMUM_VERSION.join(".")}: Guanxi needs 5.23 or later (5.26 LTS is what it is tested on).`,
    );
  return {
    ok: fixes.length === 0,
    server: {
      uri: db.config.uri,
      name: String(component.name ?? "Neo4j"),
      version,
      edition: String(component.edition ?? "?"),
      supported,
    },
    database,
    schema: { name: schema.name, source },
    counts: { nodes: Number(totals.nodes ?? 0), relationships: Number(totals.relationships ?? 0) },
    keyConstraints,
    labelsWithoutKey,
    searchIndex: {
      present: index !== undefined,
      ...(index ? { state: index.state } : {}),
      labels: index?.labels ?? [],
      unindexedLabels,
    },
    fixes,
  };
}

function text(report: DoctorReport): string {
  const mark = (ok: boolean) => (ok ? "ok  " : "MISS");
  const lines = [
    `Server     ${report.server.name} ${report.server.version} ${report.server.edition} at ${report.server.uri}${report.server.supported ? "" : " (too old)"}`,
    `Database   ${report.database}: ${report.counts.nodes.toLocaleString("en")} nodes, ${report.counts.relationships.toLocaleString("en")} relationships`,
    `Schema     "${report.schema.name}" (${report.schema.source})`,
    "Key constraints (unique id per label of the schema):",
    ...report.keyConstraints.map((k) => `  ${mark(k.present)} ${k.label}`),
    `Search index entity_names: ${report.searchIndex.present ? `${report.searchIndex.state}, ${report.searchIndex.labels.join(", ")}` : "missing"}`,
  ];
  if (report.labelsWithoutKey.length > 0)
    lines.push(
      `Labels without Guanxi's id key (not written by Guanxi): ${report.labelsWithoutKey.join(", ")}`,
    );
  lines.push(report.ok ? "All is well." : "To do:", ...report.fixes.map((f) => `  - ${f}`));
  return lines.join("\n") + "\n";
}

export function registerDoctorCommand(program: Command): void {
  program
    .command("doctor")
    .description(
      "check the connection, the server, Guanxi's constraints and search index, and say what to fix",
    )
    .option(...SCHEMA_OPTION)
    .option("--format <format>", "text or json", "text")
    .action(async (opts: { schema?: string; format: string }) => {
      const choice = activeSchema(schemaFile(opts));
      const db = await GraphDb.connect(resolveConnection());
      try {
        const report = await diagnose(db, choice);
        process.stdout.write(opts.format === "json" ? JSON.stringify(report, null, 2) + "\n" : text(report));
        if (!report.ok) process.exitCode = 1;
      } finally {
        await db.close();
      }
    });
}
