/** Every failure as an ApiErrorResponse with the right status: clear messages, never a stack trace. */
import type { FastifyError, FastifySchemaValidationError } from "fastify";
import type { ApiErrorResponse } from "../core/api-types.ts";
import { DatabaseError, cypherPosition, type CypherPosition, type InputProblem } from "../core/errors.ts";
import { currentAnalyst, isAuthenticationFailure } from "../core/node/analyst-auth.ts";
import { QueryDeadlineError, ResultTooLargeError } from "../core/node/query-isolation.ts";
import { QueryParameterError, ReadOnlyViolation } from "../core/node/read-only-query.ts";

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly position?: CypherPosition,
    /** Every problem of a refused input, as `guanxi ingest` names them. */
    readonly problems?: InputProblem[],
  ) {
    super(message);
    this.name = "ApiError";
  }
}

/** Fastify's route-level validation failure, told in words: which field of which part, and what is wrong. */
export function formatValidationErrors(errors: FastifySchemaValidationError[], part: string): Error {
  const where = (e: FastifySchemaValidationError) => `${part}${e.instancePath}`;
  const messages = errors.map((e) => {
    const p = e.params;
    switch (e.keyword) {
      case "additionalProperties":
        return `${where(e)} has an unknown field '${String(p.additionalProperty)}'`;
      case "enum":
        return `${where(e)} must be one of: ${(p.allowedValues as unknown[]).map(String).join(", ")}`;
      case "minLength":
        return p.limit === 1 ? `${where(e)} must not be empty` : `${where(e)} ${e.message}`;
      case "type":
        return `${where(e)} must be ${p.type === "integer" ? "integer (a whole number)" : String(p.type)}`;
      default:
        return `${where(e)} ${e.message ?? "is not valid"}`;
    }
  });
  return new Error(`Invalid request: ${messages.join("; ")}.`);
}

const CONNECTION_CODES = /ServiceUnavailable|SessionExpired|Security\.|DatabaseUnavailable/;
const TIMEOUT_CODES = /TransactionTimedOut|Terminated/;

function fromDatabase(error: DatabaseError): ApiError {
  const code = error.code ?? "";
  // An analyst signed in with their own Neo4j account whose credentials stopped working (a changed
  // password, a dropped user): theirs to fix by signing in again; the database is fine.
  if (currentAnalyst() && isAuthenticationFailure(error)) {
    return new ApiError(401, "unauthenticated", "Neo4j refused your credentials: sign in again.");
  }
  if (CONNECTION_CODES.test(code) || /Cannot reach Neo4j|refused the credentials/.test(error.message)) {
    // The DatabaseError names the server's address: that stays in the log, not in the response.
    return new ApiError(
      503,
      "database-unavailable",
      "The database is not available right now. Try again in a moment; the server's log says more.",
    );
  }
  if (TIMEOUT_CODES.test(code) || /ran out of time/.test(error.message)) {
    return new ApiError(
      504,
      "timeout",
      "The query ran out of time and was stopped. Narrow it: start from fewer nodes (a label, a property " +
        "value), bound variable-length paths (e.g. *..3), and return less (LIMIT).",
    );
  }
  if (code === "Neo.ClientError.Statement.AccessMode") {
    return new ApiError(
      403,
      "read-only",
      `Refused: this query writes to the database. Guanxi runs analyst queries read-only; nothing was changed.`,
    );
  }
  if (code.startsWith("Neo.ClientError.")) {
    const message = error.message.split("\n")[0]!;
    return new ApiError(400, "cypher-error", message, cypherPosition(message));
  }
  return new ApiError(500, "database-error", "The database could not answer this request.");
}

export function toApiError(error: unknown): ApiError {
  if (error instanceof ApiError) return error;
  if (error instanceof ReadOnlyViolation) return new ApiError(403, error.code, error.message);
  if (error instanceof QueryParameterError) return new ApiError(400, "bad-request", error.message);
  if (error instanceof ResultTooLargeError) return new ApiError(413, "too-large", error.message);
  if (error instanceof QueryDeadlineError) return new ApiError(504, "timeout", error.message);
  if (error instanceof DatabaseError) return fromDatabase(error);
  const e = error as FastifyError;
  if (e.validation) return new ApiError(400, "bad-request", e.message);
  if (e.code === "FST_ERR_CTP_INVALID_JSON_BODY" || (e.statusCode === 400 && e instanceof SyntaxError)) {
    return new ApiError(400, "bad-request", "The request body is not valid JSON.");
  }
  if (e.code === "FST_ERR_CTP_EMPTY_JSON_BODY") {
    return new ApiError(400, "bad-request", "The request body is empty: send a JSON object.");
  }
  if (e.code === "FST_ERR_CTP_BODY_TOO_LARGE") {
    return new ApiError(
      413,
      "too-large",
      "The request body is too large (at most 1 MB; 8 MB for saved views and POST /api/nodes/resolve).",
    );
  }
  if (e.code === "FST_ERR_CTP_INVALID_MEDIA_TYPE") {
    return new ApiError(415, "unsupported-media-type", "Send the request body as application/json.");
  }
  if (typeof e.statusCode === "number" && e.statusCode >= 400 && e.statusCode < 500) {
    return new ApiError(e.statusCode, "bad-request", e.message);
  }
  return new ApiError(500, "internal", "Something went wrong on the server; the details are in its log.");
}

export function errorBody(error: ApiError): ApiErrorResponse {
  return {
    error: {
      code: error.code,
      message: error.message,
      ...(error.position ? { position: error.position } : {}),
      ...(error.problems
        ? {
            problems: error.problems.map(({ line, record, field, message }) => ({
              ...(line !== undefined ? { line } : {}),
              ...(record !== undefined ? { record } : {}),
              ...(field !== undefined ? { field } : {}),
              message,
            })),
          }
        : {}),
    },
  };
}

export function notFound(key: string): ApiError {
  return new ApiError(404, "not-found", `No node with key "${key}": it may have been deleted.`);
}
