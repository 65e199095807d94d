/** Every failure as an ApiErrorResponse with the right status: clear messages, never a stack trace. */
import type { FastifyError } from "fastify";
import type { ApiErrorResponse } from "../core/api-types.ts";
import { DatabaseError } from "../core/errors.ts";

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly position?: { line: number; column: number; offset: number },
  ) {
    super(message);
    this.name = "ApiError";
  }
}

/** Neo4j puts the place of a syntax error in its message: "(line 1, column 10 (offset: 9))". */
function cypherPosition(message: string): ApiError["position"] {
  const m = /line (\d+), column (\d+) \(offset: (\d+)\)/.exec(message);
  return m ? { line: Number(m[1]), column: Number(m[2]), offset: Number(m[3]) } : undefined;
}

function fromDatabase(error: DatabaseError): ApiError {
  const code = error.code ?? "";
  if (
    /ServiceUnavailable|SessionExpired|Security\./.test(code) ||
    /Cannot reach Neo4j|refused the credentials/.test(error.message)
  ) {
    return new ApiError(
      503,
      "database-unavailable",
      "The database is not available right now. Try again in a moment.",
    );
  }
  if (/TransactionTimedOut|Terminated/.test(code) || /ran out of time/.test(error.message)) {
    return new ApiError(
      504,
      "timeout",
      `${error.message} Narrow the query: add a LIMIT, match fewer nodes or bound variable-length paths.`,
    );
  }
  if (code.startsWith("Neo.ClientError.")) {
    return new ApiError(400, "cypher-error", error.message, cypherPosition(error.message));
  }
  return new ApiError(500, "database-error", "The database could not answer this request.");
}

export function toApiError(error: unknown): ApiError {
  if (error instanceof ApiError) return error;
  if (error instanceof DatabaseError) return fromDatabase(error);
  const e = error as FastifyError;
  if (e.validation) return new ApiError(400, "bad-request", `Invalid request: ${e.message}.`);
  if (e.code === "FST_ERR_CTP_INVALID_JSON_BODY" || (e.statusCode === 400 && e instanceof SyntaxError)) {
    return new ApiError(400, "bad-request", "The request body is not valid JSON.");
  }
  if (e.code === "FST_ERR_CTP_BODY_TOO_LARGE")
    return new ApiError(413, "bad-request", "The request body is too large.");
  if (e.code === "FST_ERR_CTP_INVALID_MEDIA_TYPE") {
    return new ApiError(415, "bad-request", "Send the request body as application/json.");
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
    },
  };
}
