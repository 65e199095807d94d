/**
 * `guanxi analyse --query CYPHER|- (or --file F) --metric M [--types T,…] [--weight P] [--top N]
 * [--format table|csv|json]`: one network metric (core/analysis, the code the explorer's panel runs)
 * on the graph in a read-only query's result, for scripts and notebooks.
 *
 * The graph: every node, relationship and path the query returns (plus the end nodes of returned
 * relationships). When the result holds nodes but no relationship at all, the relationships among
 * those nodes are read from the database, so `MATCH (n:Organisation) RETURN n` analyses the
 * organisations' network; a query that returns relationships gets exactly those.
 */
import { readFile } from "node:fs/promises";
import { InvalidArgumentError, Option, type Command } from "commander";
import type { Subgraph } from "../core/api-types.ts";
import {
  AnalysisRefused,
  METRICS,
  defaultCountedTypes,
  graphOfSubgraph,
  runMetric,
  type MetricId,
  type MetricResult,
} from "../core/analysis/index.ts";
import { loadCypher } from "../core/node/cypher-files.ts";
import type { GraphDb } from "../core/node/graph-db.ts";
import { activeSchema } from "../core/node/load-schema.ts";
import type { PlainValue } from "../core/plain-values.ts";
import type { GraphSchema } from "../core/schema/graph-schema.ts";
import { InputError } from "../core/errors.ts";
import { relationshipOfColumns, toGraphEdge } from "../core/subgraph.ts";
import { collectSubgraph } from "../export/db/collect-subgraph.ts";
import { decodeInput } from "../ingest/decode.ts";
import { withDatabase } from "./connect.ts";
import { formatResult } from "./format-result.ts";
import { QUERY_TIMEOUT_MS, parseParam } from "./query-command.ts";
import { SCHEMA_OPTION, schemaFile } from "./schema-option.ts";
import { readStdin } from "./stdin.ts";

/** The metrics as the command line spells them. */
export const CLI_METRICS: Readonly<Record<string, MetricId>> = {
  pagerank: "pagerank",
  betweenness: "betweenness",
  closeness: "closeness",
  degree: "degree",
  "in-degree": "inDegree",
  "out-degree": "outDegree",
  "weighted-degree": "weightedDegree",
  louvain: "louvain",
  components: "components",
  kcore: "kcore",
};

export const ANALYSE_FORMATS = ["table", "csv", "json"] as const;
type AnalyseFormat = (typeof ANALYSE_FORMATS)[number];

/** Relationships among a nodes-only result that are read, at most. */
export const AMONG_LIMIT = 1_000_000;

/** A command line that cannot be run as given (exit code 2), said after parsing. */
export class AnalyseUsageError extends Error {
  override name = "AnalyseUsageError";
}

export { AnalysisRefused };

interface AnalyseOptions {
  query?: string;
  file?: string;
  param: Record<string, unknown>;
  metric: string;
  types?: string[];
  allTypes: boolean;
  weight?: string;
  top?: number;
  format?: AnalyseFormat;
  schema?: string;
  resolution?: number;
  seed?: number;
  betweennessLimit?: number;
}

function positiveInt(text: string): number {
  const n = Number(text);
  if (!Number.isSafeInteger(n) || n < 1) throw new InvalidArgumentError("must be a positive integer");
  return n;
}

function positiveNumber(text: string): number {
  const n = Number(text);
  if (!Number.isFinite(n) || n <= 0) throw new InvalidArgumentError("must be a positive number");
  return n;
}

function typeList(text: string): string[] {
  const types = text
    .split(",")
    .map((t) => t.trim())
    .filter((t) => t !== "");
  if (types.length === 0) throw new InvalidArgumentError("expected relationship types, e.g. MEMBER_OF,SPANS");
  return types;
}

async function readCypher(opts: AnalyseOptions): Promise<string> {
  if (opts.query !== undefined && opts.file !== undefined)
    throw new AnalyseUsageError("give the Cypher once: --query or --file, not both");
  if (opts.query === "-") return readStdin("the Cypher statement");
  if (opts.query !== undefined) {
    if (opts.query.trim() === "") throw new AnalyseUsageError("--query is empty: give a Cypher statement");
    return opts.query;
  }
  if (opts.file === undefined)
    throw new AnalyseUsageError("give the Cypher: --query CYPHER, --query - (standard input) or --file FILE");
  let bytes: Uint8Array;
  try {
    bytes = await readFile(opts.file);
  } catch (error) {
    const code = (error as { code?: string }).code;
    throw new InputError([
      { file: opts.file, message: code === "ENOENT" ? "no such file" : `cannot read it: ${String(error)}` },
    ]);
  }
  const { text, problem } = decodeInput(opts.file, bytes);
  if (problem) throw new InputError([problem]);
  if (!text?.trim()) throw new InputError([{ file: opts.file, message: "is empty: expected Cypher" }]);
  return text;
}

/** The query's graph; relationships among its nodes when it returned nodes only. */
async function queryGraph(
  db: GraphDb,
  cypher: string,
  params: Record<string, unknown>,
  schema: GraphSchema,
): Promise<{ subgraph: Subgraph; rows: number; among: boolean; truncated: boolean }> {
  const { subgraph, rows } = await collectSubgraph(db, cypher, params, QUERY_TIMEOUT_MS, schema);
  if (subgraph.edges.length > 0 || subgraph.nodes.length === 0)
    return { subgraph, rows, among: false, truncated: false };
  const keys = subgraph.nodes.map((n) => n.key);
  const among = await db.read(
    loadCypher("explore/relationships-among"),
    { keys, limit: AMONG_LIMIT + 1 },
    { timeoutMs: QUERY_TIMEOUT_MS },
  );
  const edges = among.rows.slice(0, AMONG_LIMIT).map((row) => toGraphEdge(relationshipOfColumns(row)));
  return {
    subgraph: { nodes: subgraph.nodes, edges },
    rows,
    among: true,
    truncated: among.rows.length > AMONG_LIMIT,
  };
}

/** The counted types: as given (each must be in the result or the schema), else the schema's default. */
function countedTypes(opts: AnalyseOptions, schema: GraphSchema, present: Set<string>): string[] | null {
  if (opts.allTypes) {
    if (opts.types) throw new AnalyseUsageError("give --types or --all-types, not both");
    return null;
  }
  if (!opts.types) return defaultCountedTypes(schema, present);
  const unknown = opts.types.filter((t) => !present.has(t) && !schema.hasRelationshipType(t));
  if (unknown.length > 0)
    throw new AnalyseUsageError(
      `--types: ${unknown.map((t) => JSON.stringify(t)).join(", ")} is neither in the query's result nor in the schema ` +
        `(the result holds: ${[...present].sort().join(", ") || "no relationships"})`,
    );
  return opts.types;
}

/** Scores highest first; partitions by group, then name; ties by name, then id. */
function ordered(subgraph: Subgraph, result: MetricResult) {
  const rows = subgraph.nodes
    .filter((n) => result.values[n.key] !== undefined)
    .map((n) => ({ node: n, value: result.values[n.key]! }));
  const byName = (a: (typeof rows)[number], b: (typeof rows)[number]) =>
    a.node.name.localeCompare(b.node.name) ||
    (a.node.id ?? a.node.key).localeCompare(b.node.id ?? b.node.key);
  return rows.sort((a, b) =>
    result.kind === "score" ? b.value - a.value || byName(a, b) : a.value - b.value || byName(a, b),
  );
}

/** Six significant digits for the table; the JSON and CSV keep every digit. */
function shortNumber(value: number): number {
  return Number.isInteger(value) ? value : Number(value.toPrecision(6));
}

function summary(result: MetricResult, among: boolean, truncated: boolean): string {
  const spec = METRICS[result.metric];
  const parts = [
    `${spec.label} on ${result.nodes} node${result.nodes === 1 ? "" : "s"} and ${result.relationships} relationship${result.relationships === 1 ? "" : "s"}`,
    `types counted: ${result.types.join(", ") || "none"}`,
  ];
  if (result.groups !== undefined) parts.push(`${result.groups} group${result.groups === 1 ? "" : "s"}`);
  if (result.modularity !== undefined) parts.push(`modularity ${result.modularity.toFixed(3)}`);
  parts.push(`${result.ms} ms`);
  const lines = [parts.join("; ")];
  if (among)
    lines.push(
      `the query returned nodes only: the relationships among them were read${truncated ? ` (the first ${AMONG_LIMIT.toLocaleString("en")})` : ""}`,
    );
  return lines.join("\n");
}

export function registerAnalyseCommand(program: Command): void {
  program
    .command("analyse")
    .alias("analyze")
    .description("compute a network metric (PageRank, betweenness, Louvain, …) on a read-only query's graph")
    .option("-q, --query <cypher>", "read-only Cypher, or - to read it from standard input")
    .option("--file <path>", "read the Cypher from a file")
    .option(
      "-p, --param <name=value>",
      "a query parameter, repeatable (value read as JSON when it parses)",
      parseParam,
      {},
    )
    .addOption(
      new Option("-m, --metric <metric>", "the metric")
        .choices(Object.keys(CLI_METRICS))
        .makeOptionMandatory(),
    )
    .option(
      "--types <types>",
      "relationship types counted, comma-separated (default: all in the result but the schema's document links, e.g. MENTIONS)",
      typeList,
    )
    .option("--all-types", "count every relationship type, document links included", false)
    .option(
      "--weight <property>",
      "numeric relationship property used as weight by weighted-degree, pagerank and louvain (missing: 1)",
    )
    .option("--top <n>", "print only the first N nodes", positiveInt)
    .addOption(
      new Option("-f, --format <format>", "output format (default: table on a terminal, else json)").choices(
        ANALYSE_FORMATS,
      ),
    )
    .option(...SCHEMA_OPTION)
    .option(
      "--resolution <r>",
      "louvain: resolution (default 1; higher gives more, smaller communities)",
      positiveNumber,
    )
    .option("--seed <n>", "louvain: seed of the random order (default 1)", positiveInt)
    .option(
      "--betweenness-limit <n>",
      "betweenness: refuse above this many nodes × relationships (default 25,000,000)",
      positiveInt,
    )
    .action(async (opts: AnalyseOptions) => {
      const metric = CLI_METRICS[opts.metric]!;
      const format = opts.format ?? (process.stdout.isTTY ? "table" : "json");
      const cypher = await readCypher(opts);
      const { schema } = activeSchema(schemaFile(opts));
      const { subgraph, rows, among, truncated } = await withDatabase((db) =>
        queryGraph(db, cypher, opts.param, schema),
      );
      const present = new Set(subgraph.edges.map((e) => e.type));
      const types = countedTypes(opts, schema, present);
      if (opts.weight && types !== null) {
        const weighted = subgraph.edges.some(
          (e) => types.includes(e.type) && typeof e.properties[opts.weight!] === "number",
        );
        if (!weighted)
          process.stderr.write(
            `warning: no counted relationship has a numeric "${opts.weight}": every weight is 1\n`,
          );
      }
      const result = runMetric(graphOfSubgraph(subgraph), {
        metric,
        types,
        weightProperty: opts.weight ?? null,
        ...(opts.resolution !== undefined ? { resolution: opts.resolution } : {}),
        ...(opts.seed !== undefined ? { seed: opts.seed } : {}),
        ...(opts.betweennessLimit !== undefined ? { betweennessLimit: opts.betweennessLimit } : {}),
      });
      if (subgraph.nodes.length === 0)
        process.stderr.write(
          `guanxi: the query returned no nodes (${rows} row${rows === 1 ? "" : "s"}): nothing to analyse\n`,
        );
      const ranked = ordered(subgraph, result);
      const shown = opts.top !== undefined ? ranked.slice(0, opts.top) : ranked;
      const records = shown.map(({ node, value }) => ({
        id: node.id ?? null,
        name: node.name,
        label: node.label,
        elementId: node.key,
        [metric]: value,
      }));
      if (format === "json") process.stdout.write(JSON.stringify(records, null, 2) + "\n");
      else {
        const tableRows: Record<string, PlainValue>[] =
          format === "table"
            ? records.map((r, i) => ({
                "#": i + 1,
                name: r.name,
                label: r.label,
                id: r.id,
                [metric]: shortNumber(r[metric] as number),
              }))
            : records;
        const columns = Object.keys(tableRows[0] ?? { id: 0, name: 0, label: 0, elementId: 0, [metric]: 0 });
        process.stdout.write(
          formatResult({ columns, rows: tableRows, queryType: "r", counters: {} }, format) + "\n",
        );
      }
      process.stderr.write(summary(result, among, truncated) + "\n");
    });
}
