/**
 * Distinct exit codes, so scripts can tell a typo from a refused query from a dead server. Listed in
 * `guanxi --help` and the README.
 */
import { CommanderError } from "commander";
import { AnalysisRefused } from "../core/analysis/run-metric.ts";
import { AnalyseUsageError } from "./analyse-command.ts";
import { ConfigError } from "../core/node/connection.ts";
import { DatabaseError, InputError } from "../core/errors.ts";
import { QueryDeadlineError, ResultTooLargeError } from "../core/node/query-isolation.ts";
import { QueryParameterError, ReadOnlyViolation } from "../core/node/read-only-query.ts";
import { SchemaFileError } from "../core/node/load-schema.ts";
import { ScriptError } from "../export/db/run-cypher-script.ts";
import { ExportError } from "../export/types.ts";
import { TokenError } from "../server/team/tokens.ts";
import { BulkRefusedError } from "../ingest/bulk-csv.ts";

export const EXIT = {
  ok: 0,
  /** Anything not below (a bug, an unexpected failure). */
  failure: 1,
  /** Wrong command line: unknown option, missing argument, bad value, bad configuration. */
  usage: 2,
  /** Input that failed validation (data files, schema files): nothing was written. */
  validation: 3,
  /** Refused by Guanxi's rules: a query that writes, ran out of time or returned too much; an analysis too large; a refused bulk load. */
  refused: 4,
  /** Neo4j rejected the Cypher (syntax, semantics, a failing statement of a script). */
  cypher: 5,
  /** Neo4j could not be reached or refused the credentials (connection, TLS, auth, unknown database). */
  connection: 6,
} as const;

export const EXIT_HELP = `
Exit codes:
  0  success
  1  unexpected failure
  2  usage: unknown option, missing argument, bad value or configuration
  3  validation: the input (data or schema file) has problems; nothing was written
  4  refused: the query writes, ran out of time or returned too much; an analysis is too
     large; ingest --bulk into a running or non-empty database
  5  Cypher error reported by Neo4j
  6  connection: Neo4j unreachable, TLS, authentication or unknown database`;

const CONNECTION_CODES =
  /^(ServiceUnavailable|SessionExpired|TLS|Neo\.ClientError\.Security\.|Neo\.ClientError\.Database\.DatabaseNotFound)/;

/** The exit code for an error that ended a command, and whether its message is for the user. */
export function exitCodeFor(error: unknown): { code: number; known: boolean } {
  if (error instanceof CommanderError)
    return { code: error.exitCode === 0 ? EXIT.ok : EXIT.usage, known: true };
  if (error instanceof InputError || error instanceof SchemaFileError)
    return { code: EXIT.validation, known: true };
  if (
    error instanceof ConfigError ||
    error instanceof QueryParameterError ||
    error instanceof ExportError ||
    error instanceof TokenError ||
    error instanceof AnalyseUsageError
  )
    return { code: EXIT.usage, known: true };
  if (
    error instanceof ReadOnlyViolation ||
    error instanceof QueryDeadlineError ||
    error instanceof ResultTooLargeError ||
    error instanceof AnalysisRefused ||
    error instanceof BulkRefusedError
  )
    return { code: EXIT.refused, known: true };
  // A script's statement that Neo4j rejected is a Cypher error; an unreadable file or an unsupported
  // `:command` is the script's own problem.
  if (error instanceof ScriptError)
    return error.cause instanceof DatabaseError
      ? { code: cypherOrConnection(error.cause), known: true }
      : { code: EXIT.validation, known: true };
  if (error instanceof DatabaseError) return { code: cypherOrConnection(error), known: true };
  return { code: EXIT.failure, known: false };
}

function cypherOrConnection(error: DatabaseError): number {
  const code = error.code ?? "";
  if (CONNECTION_CODES.test(code) || /^Cannot reach Neo4j/.test(error.message)) return EXIT.connection;
  if (/TransactionTimedOut|Terminated/.test(code)) return EXIT.refused;
  if (/^Neo\.ClientError\.(Statement|Procedure|Schema)\./.test(code)) return EXIT.cypher;
  return EXIT.failure;
}
