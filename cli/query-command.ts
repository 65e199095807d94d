/**
 * `guanxi query "CYPHER"|- [--param k=v …] [--format table|json|jsonl|csv]`: read-only Cypher from the
 * shell. `-` reads the statement from standard input; the default format is a table on a terminal and
 * JSON lines (one object per row) when the output goes to a pipe or a file.
 */
import { InvalidArgumentError, Option, type Command } from "commander";
import { readIsolated, resultMaxBytesFromEnv } from "../core/node/query-isolation.ts";
import { assertReadOnly } from "../core/node/read-only-query.ts";
import { withDatabase } from "./connect.ts";
import { readStdin } from "./stdin.ts";
import { OUTPUT_FORMATS, formatResult, type OutputFormat } from "./format-result.ts";

/** `k=v`: the value is read as JSON when it parses (numbers, booleans, lists), else as text. */
export function parseParam(text: string, previous: Record<string, unknown> = {}): Record<string, unknown> {
  const eq = text.indexOf("=");
  if (eq <= 0) throw new InvalidArgumentError(`expected NAME=VALUE, got "${text}"`);
  const name = text.slice(0, eq).trim().replace(/^\$/, "");
  if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name))
    throw new InvalidArgumentError(`"${name}" is not a valid parameter name`);
  const raw = text.slice(eq + 1);
  let value: unknown = raw;
  try {
    value = JSON.parse(raw);
  } catch {
    // plain text
  }
  return { ...previous, [name]: value };
}

export const QUERY_TIMEOUT_MS = 60_000;

export function registerQueryCommand(program: Command): void {
  program
    .command("query")
    .description("run read-only Cypher and print the result")
    .argument("<cypher>", "the Cypher statement, or - to read it from standard input")
    .option(
      "-p, --param <name=value>",
      "a query parameter, repeatable (value read as JSON when it parses)",
      parseParam,
      {},
    )
    .addOption(
      new Option("-f, --format <format>", "output format (default: table on a terminal, else jsonl)").choices(
        OUTPUT_FORMATS,
      ),
    )
    .action(async (statement: string, opts: { param: Record<string, unknown>; format?: OutputFormat }) => {
      const cypher = statement === "-" ? await readStdin("the Cypher statement") : statement;
      const format = opts.format ?? (process.stdout.isTTY ? "table" : "jsonl");
      await withDatabase(async (db) => {
        const queryType = await assertReadOnly(db, cypher, opts.param);
        // In a worker thread, with a deadline and a byte budget (core/node/query-isolation.ts).
        const { columns, rows } = await readIsolated(db.config, cypher, opts.param, {
          rowLimit: Number.MAX_SAFE_INTEGER,
          timeoutMs: QUERY_TIMEOUT_MS,
          maxBytes: resultMaxBytesFromEnv(),
        });
        const result = { columns: rows.length > 0 ? columns : [], rows, queryType, counters: {} };
        const text = formatResult(result, format);
        if (text !== "") process.stdout.write(text + "\n"); // JSON lines of no rows: nothing at all
      });
    });
}
