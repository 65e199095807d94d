/**
 * Runs a Cypher script the way cypher-shell runs a file (Node only; `guanxi run-script`): statements end
 * with `;` at the end of a line, `//` lines are comments, `:param name => literal` and `:param {…}` set
 * parameters (data literals only, see export/cypher-literal.ts — nothing is evaluated), `:begin` …
 * `:commit` run their statements in one transaction (all or nothing); other statements run on their own.
 */
import type { GraphDb, Params } from "../../core/node/graph-db.ts";
import { toDriverProperty } from "../../core/node/graph-db.ts";
import { CypherLiteralError, parseCypherLiteral, type CypherValue } from "../cypher-literal.ts";

export class ScriptError extends Error {
  constructor(file: string, line: number, message: string, options?: { cause?: unknown }) {
    super(`${file}:${line}: ${message}`, options);
    this.name = "ScriptError";
  }
}

export type ScriptStep =
  | { kind: "param"; line: number; params: Record<string, CypherValue> }
  | { kind: "begin"; line: number }
  | { kind: "commit"; line: number }
  | { kind: "statement"; line: number; cypher: string };

function paramCommand(file: string, line: number, rest: string): Record<string, CypherValue> {
  try {
    const arrow = /^([A-Za-z_][A-Za-z0-9_]*|`(?:[^`]|``)+`)\s*=>\s*([\s\S]+)$/.exec(rest);
    if (arrow) {
      const name = arrow[1]!.startsWith("`") ? arrow[1]!.slice(1, -1).replace(/``/g, "`") : arrow[1]!;
      return { [name]: parseCypherLiteral(arrow[2]!) };
    }
    const map = parseCypherLiteral(rest);
    if (map.kind !== "map")
      throw new ScriptError(file, line, ":param needs `name => value` or a map {name: value}");
    return Object.fromEntries(map.entries);
  } catch (error) {
    if (error instanceof CypherLiteralError) throw new ScriptError(file, line, `:param: ${error.message}`);
    throw error;
  }
}

/** The script's steps in order; throws ScriptError naming the line of anything it does not run. */
export function parseScript(file: string, text: string): ScriptStep[] {
  const steps: ScriptStep[] = [];
  let buffer: string[] = [];
  let start = 0;
  text.split(/\r?\n/).forEach((raw, index) => {
    const lineNo = index + 1;
    const line = raw.trim();
    if (buffer.length === 0) {
      if (line === "" || line.startsWith("//")) return;
      if (line.startsWith(":")) {
        const command = line.split(/\s+/)[0]!;
        const argument = line.slice(command.length).trim();
        switch (command.toLowerCase()) {
          case ":param":
          case ":params":
            steps.push({ kind: "param", line: lineNo, params: paramCommand(file, lineNo, argument) });
            return;
          case ":begin":
            steps.push({ kind: "begin", line: lineNo });
            return;
          case ":commit":
            steps.push({ kind: "commit", line: lineNo });
            return;
          default:
            throw new ScriptError(
              file,
              lineNo,
              `unsupported command ${command} (supported: :param, :begin, :commit)`,
            );
        }
      }
      start = lineNo;
    }
    buffer.push(raw);
    if (line.endsWith(";")) {
      const cypher = buffer.join("\n").trim().replace(/;$/, "");
      steps.push({ kind: "statement", line: start, cypher });
      buffer = [];
    }
  });
  if (buffer.length > 0) throw new ScriptError(file, start, "the last statement does not end with ;");
  return steps;
}

const INT = { type: "int", description: "" } as const;
const DATE = { type: "date", description: "" } as const;

/** A literal as the driver must receive it: integers as Neo4j integers, floats as floats, dates as dates. */
function toParam(value: CypherValue): unknown {
  switch (value.kind) {
    case "null":
      return null;
    case "boolean":
    case "string":
    case "float":
      return value.value;
    case "int":
      return toDriverProperty(INT, value.value);
    case "date":
      return toDriverProperty(DATE, value.value);
    case "list":
      return value.items.map(toParam);
    case "map":
      return Object.fromEntries(value.entries.map(([k, v]) => [k, toParam(v)]));
  }
}

export interface ScriptReport {
  statements: number;
  /** Neo4j's update counters, summed (nodesCreated, relationshipsCreated, propertiesSet, …). */
  counters: Record<string, number>;
}

export async function runCypherScript(db: GraphDb, file: string, text: string): Promise<ScriptReport> {
  const steps = parseScript(file, text);
  const params: Params = {};
  const report: ScriptReport = { statements: 0, counters: {} };
  const count = (counters: Record<string, number>) => {
    report.statements++;
    for (const [k, v] of Object.entries(counters)) report.counters[k] = (report.counters[k] ?? 0) + v;
  };
  const fail = (step: ScriptStep, error: unknown): never => {
    throw new ScriptError(file, step.line, (error as Error).message, { cause: error });
  };
  let transaction:
    { line: number; statements: { step: ScriptStep; cypher: string; params: Params }[] } | undefined;
  for (const step of steps) {
    switch (step.kind) {
      case "param":
        for (const [name, value] of Object.entries(step.params)) params[name] = toParam(value);
        break;
      case "begin":
        if (transaction) throw new ScriptError(file, step.line, ":begin inside an open transaction");
        transaction = { line: step.line, statements: [] };
        break;
      case "statement":
        if (transaction) {
          transaction.statements.push({ step, cypher: step.cypher, params: { ...params } });
        } else {
          try {
            // One statement, one transaction (as cypher-shell). Not runAutoCommit: it would turn
            // whole-number floats into integers; these parameters are already typed.
            const cypher = step.cypher;
            count(await db.writeTransaction(async (tx) => (await tx.run(cypher, params)).counters));
          } catch (error) {
            fail(step, error);
          }
        }
        break;
      case "commit": {
        if (!transaction) throw new ScriptError(file, step.line, ":commit without :begin");
        const open = transaction;
        transaction = undefined;
        let current: ScriptStep = step;
        try {
          const results = await db.writeTransaction(async (tx) => {
            const counters: Record<string, number>[] = [];
            for (const s of open.statements) {
              current = s.step;
              counters.push((await tx.run(s.cypher, s.params)).counters);
            }
            return counters;
          });
          results.forEach(count);
        } catch (error) {
          fail(current, error);
        }
        break;
      }
    }
  }
  if (transaction)
    throw new ScriptError(file, transaction.line, ":begin without :commit; nothing of it was written");
  return report;
}
