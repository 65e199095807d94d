/**
 * May an analyst's query run? One answer for every way in (`guanxi query`, `guanxi export`, the explorer's
 * API), decided from Neo4j's own EXPLAIN plan of the statement, never from its text: a keyword hidden by
 * a comment, a string or an unusual separator (U+001C, NBSP, …) is still an operator in the plan. Refused:
 * - LOAD CSV (files on the database server, or any URL it can reach);
 * - procedure calls other than the few read procedures in READ_PROCEDURES;
 * - commands (SHOW …, TERMINATE …, administration) and anything running on another database;
 * - CALL { … } IN TRANSACTIONS (it commits on its own);
 * - any statement Neo4j does not classify as a read.
 * The read transaction the query then runs in refuses writes as well.
 */
import type { ExplainedQuery, GraphDb, Params, PlanOperator } from "./graph-db.ts";
import { DatabaseError } from "../errors.ts";

export class ReadOnlyViolation extends Error {
  /** "read-only": the statement writes or changes the schema; "refused": a read Guanxi does not run. */
  readonly code: "read-only" | "refused";
  constructor(code: "read-only" | "refused", message: string) {
    super(message);
    this.name = "ReadOnlyViolation";
    this.code = code;
  }
}

/** A parameter value that cannot reach Neo4j as the analyst wrote it. */
export class QueryParameterError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "QueryParameterError";
  }
}

/** Procedures that only read the graph or describe it; every other procedure is refused. */
export const READ_PROCEDURES: ReadonlySet<string> = new Set([
  "db.labels",
  "db.relationshipTypes",
  "db.propertyKeys",
  "db.schema.visualization",
  "db.schema.nodeTypeProperties",
  "db.schema.relTypeProperties",
  "db.index.fulltext.queryNodes",
  "db.index.fulltext.queryRelationships",
  "dbms.components",
]);

/** The procedure a ProcedureCall operator calls: its details start with the name, `db.labels() :: (…)`. */
export function procedureName(details: string): string | undefined {
  const match = /^\s*([\p{L}\p{N}_.`]+)\s*\(/u.exec(details);
  return match?.[1]?.replace(/`/g, "");
}

function refusal(message: string): ReadOnlyViolation {
  return new ReadOnlyViolation("refused", `Refused: ${message}`);
}

/** Why an operator of the plan is refused, or undefined when it only reads. */
function refusedOperator(op: PlanOperator, database: string | undefined): ReadOnlyViolation | undefined {
  switch (op.operator) {
    case "LoadCSV":
      return refusal(
        "LOAD CSV reads files or URLs from the database server; import data with `guanxi ingest` instead.",
      );
    case "ProcedureCall": {
      const name = procedureName(op.details);
      if (name !== undefined && READ_PROCEDURES.has(name)) return undefined;
      return refusal(
        `the procedure ${name ?? "(unknown)"} is not one of the read procedures analyst queries may call (${[...READ_PROCEDURES].join(", ")}).`,
      );
    }
    case "TransactionApply":
    case "TransactionForeach":
      return refusal("CALL { … } IN TRANSACTIONS commits on its own; it cannot run in a read transaction.");
    case "AdministrationCommand":
      return refusal("administration commands (users, roles, databases) are not run from here.");
  }
  if (op.database !== undefined && database !== undefined && op.database !== database) {
    return refusal(
      `this query runs on the database "${op.database}"; analyst queries run on "${database}" only.`,
    );
  }
  if (op.operator === "TerminateTransactions") {
    return refusal("TERMINATE TRANSACTIONS ends other users' queries; analyst queries do not run it.");
  }
  if (/^(Show|Terminate)/.test(op.operator)) {
    const command = op.operator.replace(/([a-z])([A-Z])/g, "$1 $2").toUpperCase();
    return refusal(
      `${command} is a database command (it reads or ends other users' work, or the server's settings), not a graph query.`,
    );
  }
  return undefined;
}

/** Throws ReadOnlyViolation unless the plan only reads; returns Neo4j's query type. */
export function checkPlan(plan: ExplainedQuery, database: string | undefined): string {
  // A write is told as a write, whatever else the plan holds.
  if (plan.queryType === "w" || plan.queryType === "rw") throw notReadOnly(plan.queryType);
  for (const op of plan.operators) {
    const refused = refusedOperator(op, database);
    if (refused) throw refused;
  }
  // The allowed procedures include dbms.components, which Neo4j counts as "s" (a DBMS procedure).
  const onlyReadProcedures = plan.operators.some((op) => op.operator === "ProcedureCall");
  if (plan.queryType === "r" || (plan.queryType === "s" && onlyReadProcedures)) return plan.queryType;
  throw notReadOnly(plan.queryType);
}

function notReadOnly(queryType: string): ReadOnlyViolation {
  const what = queryType === "s" ? "changes the schema" : "writes to the database";
  return new ReadOnlyViolation(
    "read-only",
    `Refused: this query ${what} (Neo4j query type "${queryType}"). Guanxi runs analyst queries read-only; nothing was changed.`,
  );
}

/** 2^53: integers beyond it do not survive as JSON numbers (9007199254740993 reads as …992). */
function checkValue(value: unknown, where: string): void {
  if (typeof value === "number" && Number.isInteger(value) && !Number.isSafeInteger(value)) {
    throw new QueryParameterError(
      `Parameter ${where} is ${value}, beyond ±2^53 (9007199254740991): it cannot be passed exactly as a number. ` +
        `Pass it as text and convert it in the query, e.g. toInteger(${where}).`,
    );
  }
  if (Array.isArray(value)) value.forEach((item, i) => checkValue(item, `${where}[${i}]`));
  else if (value !== null && typeof value === "object") {
    for (const [key, item] of Object.entries(value)) checkValue(item, `${where}.${key}`);
  }
}

/** Throws QueryParameterError for a parameter that would reach Neo4j changed (a too-large integer). */
export function checkParams(params: Params): void {
  for (const [name, value] of Object.entries(params)) checkValue(value, `$${name}`);
}

const homeDatabases = new WeakMap<GraphDb, Promise<string | undefined>>();

/** The database analyst queries run on: the configured one, else the server's default (asked once). */
function homeDatabase(db: GraphDb): Promise<string | undefined> {
  if (db.config.database) return Promise.resolve(db.config.database);
  let home = homeDatabases.get(db);
  if (!home) {
    home = db.explain("RETURN 1").then((plan) => plan.operators[0]?.database);
    home.catch(() => homeDatabases.delete(db)); // asked again next time
    homeDatabases.set(db, home);
  }
  return home;
}

/** Throws ReadOnlyViolation (or QueryParameterError) unless the statement only reads; returns Neo4j's query type. */
export async function assertReadOnly(db: GraphDb, cypher: string, params: Params = {}): Promise<string> {
  checkParams(params);
  let plan: ExplainedQuery;
  try {
    plan = await db.explain(cypher, params);
  } catch (error) {
    // "EXPLAIN PROFILE …": Neo4j refuses two execution modes. (EXPLAIN EXPLAIN is accepted, and runs nothing.)
    if (error instanceof DatabaseError && /conflicting values for execution mode/i.test(error.message)) {
      throw refusal(
        "PROFILE is not run from here (its plan is not shown, and it runs in a mode of its own); remove the keyword to run the query.",
      );
    }
    throw error;
  }
  return checkPlan(plan, await homeDatabase(db));
}
