/**
 * May an analyst's query run? One answer for every way in (`guanxi query`, the explorer's API): Neo4j's
 * own classification (EXPLAIN runs nothing) must say read-only, and a few statements Neo4j counts as
 * reads are refused too. The read transaction the query then runs in refuses writes as well.
 */
import { GraphDb, type Params } from "./graph-db.ts";

export class ReadOnlyViolation extends Error {
  /** "read-only": the statement writes or changes the schema; "refused": a read Guanxi does not run. */
  readonly code: "read-only" | "refused";
  constructor(code: "read-only" | "refused", message: string) {
    super(message);
    this.name = "ReadOnlyViolation";
    this.code = code;
  }
}

/** Comments and string literals blanked out, so keywords are only looked for in the statement itself. */
function statementText(cypher: string): string {
  return cypher
    .replace(/\/\*[\s\S]*?\*\//g, " ")
    .replace(/\/\/[^\n]*/g, " ")
    .replace(/'(?:[^'\\]|\\.)*'|"(?:[^"\\]|\\.)*"|`[^`]*`/g, "''");
}

/**
 * Reads Neo4j classifies as read-only that analysts' queries should still not run: ending other
 * people's transactions, and LOAD CSV (files on the database server, or any URL it can reach).
 */
function refusedRead(cypher: string): string | undefined {
  const text = statementText(cypher);
  if (/\bTERMINATE\s+TRANSACTIONS?\b/i.test(text)) {
    return "Refused: TERMINATE TRANSACTIONS ends other users' queries; analyst queries do not run it.";
  }
  if (/\bLOAD\s+CSV\b/i.test(text)) {
    return "Refused: LOAD CSV reads files or URLs from the database server; import data with `guanxi ingest` instead.";
  }
  return undefined;
}

/** Throws ReadOnlyViolation unless the statement only reads; returns Neo4j's query type ('r'). */
export async function assertReadOnly(db: GraphDb, cypher: string, params: Params = {}): Promise<string> {
  const refusal = refusedRead(cypher);
  if (refusal) throw new ReadOnlyViolation("refused", refusal);
  const queryType = await db.queryType(cypher, params);
  if (!GraphDb.isReadOnly(queryType)) {
    const what = queryType === "s" ? "changes the schema" : "writes to the database";
    throw new ReadOnlyViolation(
      "read-only",
      `Refused: this query ${what} (Neo4j query type "${queryType}"). Guanxi runs analyst queries read-only; nothing was changed.`,
    );
  }
  return queryType;
}
