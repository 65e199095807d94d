/**
 * The one door to Neo4j. Runs Cypher through the driver's managed transactions, converts records to
 * plain values (plain-values.ts) and driver errors to messages that say what to do. Nothing else in
 * Guanxi imports neo4j-driver.
 */
import neo4j from "neo4j-driver";
import type {
  Driver,
  ManagedTransaction,
  QueryResult as DriverResult,
  RecordShape,
  Session,
  SessionMode,
} from "neo4j-driver";
import type { ConnectionConfig } from "./connection.ts";
import { DatabaseError, cypherErrorWithoutPrefix } from "../errors.ts";
import { isIsoDate } from "../property-values.ts";
import type { PropertySpec } from "../model.ts";
import type { PlainValue } from "../plain-values.ts";
import { toPlain } from "./to-plain.ts";
import { asAnalyst, currentAnalyst, isAuthenticationFailure } from "./analyst-auth.ts";

export type Params = Record<string, unknown>;

export interface QueryResult {
  columns: string[];
  rows: Record<string, PlainValue>[];
  /** 'r' read, 'rw' read-write, 'w' write, 's' schema: Neo4j's own classification. */
  queryType: string;
  counters: Record<string, number>;
}

/** Rows of a capped read; `overBytes` when it stopped at the byte budget rather than the row limit. */
export interface CappedResult {
  columns: string[];
  rows: Record<string, PlainValue>[];
  truncated: boolean;
  overBytes?: { limit: number };
}

export interface RunOptions {
  timeoutMs?: number;
}

/** One operator of an EXPLAIN plan: `LoadCSV`, `ProcedureCall`, `ShowSettings`, … and what it works on. */
export interface PlanOperator {
  /** The operator without its database suffix (Neo4j writes `LoadCSV@neo4j`). */
  operator: string;
  /** The database the operator runs on, when Neo4j says. */
  database: string | undefined;
  /** Neo4j's details, e.g. `db.labels() :: (label :: STRING)` for a procedure call. */
  details: string;
}

/** What EXPLAIN says about a statement, without running it. */
export interface ExplainedQuery {
  queryType: string;
  operators: PlanOperator[];
}

interface DriverPlan {
  operatorType: string;
  arguments: Record<string, unknown>;
  children: DriverPlan[];
}

function planOperators(plan: DriverPlan | false): PlanOperator[] {
  const operators: PlanOperator[] = [];
  const visit = (node: DriverPlan) => {
    const at = node.operatorType.lastIndexOf("@");
    const details = node.arguments.Details;
    operators.push({
      operator: at > 0 ? node.operatorType.slice(0, at) : node.operatorType,
      database: at > 0 ? node.operatorType.slice(at + 1) : undefined,
      details: typeof details === "string" ? details : "",
    });
    for (const child of node.children) visit(child);
  };
  if (plan) visit(plan);
  return operators;
}

/** A write transaction, as seen by ingest: statements only, the commit belongs to the door. */
export interface WriteTransaction {
  run(cypher: string, params?: Params): Promise<QueryResult>;
}

const READ_ONLY_TYPES = new Set(["r"]);

function toResult(result: DriverResult<RecordShape>): QueryResult {
  const columns = result.records[0]?.keys.map(String) ?? [];
  const rows = result.records.map((record) => {
    const row: Record<string, PlainValue> = {};
    for (const key of record.keys) row[String(key)] = toPlain(record.get(key));
    return row;
  });
  const updates = result.summary.counters.updates();
  const counters: Record<string, number> = {};
  for (const [key, value] of Object.entries(updates)) if (value) counters[key] = value;
  return { columns, rows, queryType: result.summary.queryType, counters };
}

/** Parameters for the driver: JS integers become Neo4j integers (the driver would send floats). */
export function toDriverValue(value: unknown): unknown {
  if (typeof value === "number" && Number.isSafeInteger(value)) return neo4j.int(value);
  if (Array.isArray(value)) return value.map(toDriverValue);
  if (value !== null && typeof value === "object" && Object.getPrototypeOf(value) === Object.prototype) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, toDriverValue(v)]));
  }
  return value;
}

/** A property value for the driver, typed by the model: dates become Neo4j dates, floats stay floats. */
export function toDriverProperty(spec: PropertySpec | undefined, value: unknown): unknown {
  const type = spec?.type;
  if (type === "date" && typeof value === "string" && isIsoDate(value)) {
    const [y, m, d] = value.split("-").map(Number) as [number, number, number];
    return new neo4j.types.Date(y, m, d);
  }
  if (type === "float") return value;
  if (type === "float[]") return value;
  return toDriverValue(value);
}

export function describeDriverError(error: unknown, config: ConnectionConfig): DatabaseError {
  const e = error as { code?: string; message?: string };
  const code = e.code ?? "";
  const message = e.message ?? String(error);
  if (
    /certificate|SSL|TLS|self[- ]signed|EPROTO|wrong version number/i.test(message) &&
    !/ECONNREFUSED/.test(message) &&
    !code.startsWith("Neo.")
  ) {
    const secure = /^(neo4j|bolt)\+s:/.test(config.uri);
    const hint = secure
      ? "the server's certificate is not trusted: use neo4j+ssc:// (or bolt+ssc://) for a self-signed certificate, or install its CA"
      : /^(neo4j|bolt)\+ssc:/.test(config.uri)
        ? "the server may not offer TLS: use neo4j:// or bolt:// for a server without encryption"
        : "the server may require encryption: use neo4j+s:// (Aura, clusters with certificates) or neo4j+ssc:// (self-signed)";
    return new DatabaseError(`TLS failed talking to ${config.uri}: ${hint}. (${message})`, code || "TLS", {
      cause: error,
    });
  }
  if (
    code === "ServiceUnavailable" ||
    code === "SessionExpired" ||
    /ECONNREFUSED|connect ECONN/.test(message)
  ) {
    const hint = config.bundled
      ? "Start the bundled database with `npx guanxi db` (or `npm start`), or set NEO4J_URI."
      : "Check NEO4J_URI and that the server is running.";
    return new DatabaseError(`Cannot reach Neo4j at ${config.uri}. ${hint}`, code, { cause: error });
  }
  if (
    code === "Neo.ClientError.Security.Unauthorized" ||
    code === "Neo.ClientError.Security.AuthenticationRateLimit"
  ) {
    return new DatabaseError(
      `Authentication failed: Neo4j at ${config.uri} refused the credentials of user "${config.user}". Check NEO4J_USERNAME and NEO4J_PASSWORD.`,
      code,
      { cause: error },
    );
  }
  if (code === "Neo.ClientError.Database.DatabaseNotFound") {
    return new DatabaseError(
      `Neo4j at ${config.uri} has no database "${config.database ?? "(default)"}": check NEO4J_DATABASE (SHOW DATABASES lists them).`,
      code,
      { cause: error },
    );
  }
  if (
    code === "Neo.ClientError.Transaction.TransactionTimedOut" ||
    /TransactionTimedOut|has been terminated/.test(code)
  ) {
    return new DatabaseError(`The query ran out of time and was stopped: ${message}`, code, { cause: error });
  }
  return new DatabaseError(message, code || undefined, { cause: error });
}

export class GraphDb {
  readonly config: ConnectionConfig;
  private readonly driver: Driver;
  /**
   * One bookmark manager for every session of this connection: a read right after a write waits for it,
   * even on a cluster where the read goes to another member (causal consistency).
   */
  private readonly bookmarks = neo4j.bookmarkManager();

  private constructor(config: ConnectionConfig, driver: Driver) {
    this.config = config;
    this.driver = driver;
  }

  /** Opens a driver and checks the server answers and accepts the credentials. */
  static async connect(config: ConnectionConfig): Promise<GraphDb> {
    const options = { userAgent: "guanxi", connectionTimeout: 15_000, maxTransactionRetryTime: 15_000 };
    if (config.perAnalyst) {
      // No shared credentials: sessions authenticate as the request's analyst (session-level auth).
      return new GraphDb(config, neo4j.driver(config.uri, undefined, options));
    }
    const driver = neo4j.driver(config.uri, neo4j.auth.basic(config.user, config.password), options);
    let accepted: boolean;
    try {
      // Resolves false (rather than throwing) when the server refuses the credentials.
      accepted = await driver.verifyAuthentication();
    } catch (error) {
      await driver.close();
      throw describeDriverError(error, config);
    }
    if (!accepted) {
      await driver.close();
      throw describeDriverError({ code: "Neo.ClientError.Security.Unauthorized" }, config);
    }
    return new GraphDb(config, driver);
  }

  /** Opens a session, runs `work` in it and closes it; driver errors become DatabaseErrors that say what to do. */
  private async withSession<T>(mode: SessionMode, work: (session: Session) => Promise<T>): Promise<T> {
    const analyst = currentAnalyst();
    if (this.config.perAnalyst && !analyst)
      throw new DatabaseError(
        "Sign in with your Neo4j account first.",
        "Neo.ClientError.Security.Unauthorized",
      );
    const session = this.driver.session({
      defaultAccessMode: mode,
      bookmarkManager: this.bookmarks,
      ...(this.config.database ? { database: this.config.database } : {}),
      ...(analyst ? { auth: neo4j.auth.basic(analyst.user, analyst.password) } : {}),
    });
    try {
      return await work(session);
    } catch (error) {
      throw describeDriverError(error, this.config);
    } finally {
      await session.close();
    }
  }

  /** Runs one statement in a read transaction: the server refuses any write in it. */
  async read(cypher: string, params: Params = {}, options: RunOptions = {}): Promise<QueryResult> {
    return this.withSession(neo4j.session.READ, async (session) =>
      toResult(
        await session.executeRead(
          (tx) => tx.run(cypher, toDriverValue(params) as Params),
          options.timeoutMs ? { timeout: options.timeoutMs } : {},
        ),
      ),
    );
  }

  /**
   * Runs one statement in a read transaction and keeps at most `rowLimit` rows: the result is read as a
   * stream and abandoned after the first row too many, so a huge result never reaches memory.
   */
  async readCapped(
    cypher: string,
    params: Params,
    options: RunOptions & { rowLimit: number; maxBytes?: number },
  ): Promise<CappedResult> {
    return this.withSession(neo4j.session.READ, (session) =>
      session.executeRead(
        async (tx) => {
          const result = tx.run(cypher, toDriverValue(params) as Params);
          const rows: Record<string, PlainValue>[] = [];
          let truncated = false;
          let bytes = 0;
          for await (const record of result) {
            if (rows.length === options.rowLimit) {
              truncated = true;
              break;
            }
            const row: Record<string, PlainValue> = {};
            for (const key of record.keys) row[String(key)] = toPlain(record.get(key));
            if (options.maxBytes !== undefined) {
              // The size of the row as JSON text: what the response would carry.
              bytes += JSON.stringify(row).length;
              if (bytes > options.maxBytes) {
                const columns = (await result.keys()).map(String);
                return { columns, rows, truncated: true, overBytes: { limit: options.maxBytes } };
              }
            }
            rows.push(row);
          }
          const columns = (await result.keys()).map(String);
          return { columns, rows, truncated };
        },
        options.timeoutMs ? { timeout: options.timeoutMs } : {},
      ),
    );
  }

  /** Neo4j's classification of a statement ('r', 'rw', 'w', 's') from EXPLAIN, without running it. */
  async queryType(cypher: string, params: Params = {}): Promise<string> {
    return (await this.explain(cypher, params)).queryType;
  }

  /** EXPLAIN: the statement's query type and the operators of its plan, without running it. */
  async explain(cypher: string, params: Params = {}): Promise<ExplainedQuery> {
    try {
      return await this.withSession(neo4j.session.READ, async (session) => {
        const result = await session.run(`EXPLAIN ${cypher}`, toDriverValue(params) as Params);
        return {
          queryType: result.summary.queryType,
          operators: planOperators(result.summary.plan as DriverPlan | false),
        };
      });
    } catch (error) {
      // Neo4j's positions count the "EXPLAIN " in front of the statement: tell them about the statement.
      throw error instanceof DatabaseError ? cypherErrorWithoutPrefix(error, "EXPLAIN ") : error;
    }
  }

  /**
   * Does the database answer within `timeoutMs`? One auto-commit `RETURN 1`, never retried (the managed
   * transactions retry a lost server for up to 15 s): for health checks that must answer quickly.
   */
  async ping(timeoutMs: number): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () =>
          reject(
            new DatabaseError(
              `Neo4j at ${this.config.uri} did not answer within ${timeoutMs} ms.`,
              "ServiceUnavailable",
            ),
          ),
        timeoutMs,
      );
    });
    // Without credentials of its own (per-analyst sign-in) the server is up when it answers at all: a
    // refused probe login says so as well as a query would.
    const probe = this.config.perAnalyst && !currentAnalyst();
    const answer = probe
      ? asAnalyst({ user: "guanxi-probe", password: "-" }, () =>
          this.withSession(neo4j.session.READ, (session) => session.run("RETURN 1")),
        ).catch((error: unknown) => {
          if (error instanceof DatabaseError && isAuthenticationFailure(error)) return;
          throw error;
        })
      : this.withSession(neo4j.session.READ, (session) => session.run("RETURN 1"));
    try {
      await Promise.race([answer, deadline]);
    } finally {
      clearTimeout(timer);
    }
  }

  static isReadOnly(queryType: string): boolean {
    return READ_ONLY_TYPES.has(queryType);
  }

  /** Runs `work` in one write transaction: all of it commits, or none of it (retried on transient errors). */
  async writeTransaction<T>(
    work: (tx: WriteTransaction) => Promise<T>,
    options: RunOptions = {},
  ): Promise<T> {
    return this.withSession(neo4j.session.WRITE, (session) =>
      session.executeWrite(
        (tx: ManagedTransaction) =>
          work({ run: async (cypher, params = {}) => toResult(await tx.run(cypher, params)) }),
        options.timeoutMs ? { timeout: options.timeoutMs } : {},
      ),
    );
  }

  /** Runs one auto-commit statement (schema changes cannot share a transaction with data). */
  async runAutoCommit(cypher: string, params: Params = {}): Promise<QueryResult> {
    return this.withSession(neo4j.session.WRITE, async (session) =>
      toResult(await session.run(cypher, toDriverValue(params) as Params)),
    );
  }

  async close(): Promise<void> {
    await this.driver.close();
  }
}
