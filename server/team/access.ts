/**
 * Who may use the API, and how requests that change state must look. Always: a request that changes
 * state (POST, PUT, PATCH, DELETE under /api/) with a body must be JSON, and one a browser sends from
 * another site is refused (Origin / Sec-Fetch-Site), so neither a form nor a `text/plain` fetch can act
 * for a signed-in analyst. With `auth: "tokens"`: every /api/ route but health and sign-in needs a
 * session (an HttpOnly, SameSite=Strict cookie made by signing in with a token) or the token itself as
 * `Authorization: Bearer …` (scripts); sign-in is rate-limited per address; each analyst may run a
 * limited number of queries at once; the audit log says who did what.
 */
import { randomBytes } from "node:crypto";
import type { FastifyInstance, FastifyRequest } from "fastify";
import { DatabaseError } from "../../core/errors.ts";
import {
  asAnalyst,
  enterAsAnalyst,
  isAuthenticationFailure,
  type AnalystCredentials,
} from "../../core/node/analyst-auth.ts";
import type { GraphDb } from "../../core/node/graph-db.ts";
import { ApiError } from "../errors.ts";
import type { AuditLog } from "./audit-log.ts";
import type { TokenStore } from "./tokens.ts";

export type AuthMode = "none" | "tokens" | "neo4j";

export interface TeamOptions {
  /**
   * "none": loopback only (the one local analyst); "tokens": signed-in analysts (guanxi token create),
   * one Neo4j account shared by the server; "neo4j": each analyst signs in with their own Neo4j user and
   * every session opens with their credentials (the server holds none: core/node/analyst-auth.ts).
   */
  auth: AuthMode;
  tokens?: TokenStore;
  /** With auth "neo4j": the database that checks an analyst's credentials at sign-in. */
  db?: GraphDb;
  audit?: AuditLog;
  /** Cookies get `Secure` (the server speaks HTTPS, or sits behind a TLS proxy). */
  secureCookies?: boolean;
  /** Analyst queries one analyst may run at once (default 2). */
  queriesPerAnalyst?: number;
  /** Sign-in attempts per address per window (default 10 per 5 minutes). */
  signIn?: { attempts: number; windowMs: number };
  /** Idle time after which a session ends (default 8 hours). */
  sessionIdleMs?: number;
}

export const SESSION_COOKIE = "guanxi_session";
const LOCAL_ANALYST = "local";
const OPEN_ROUTES = new Set(["/api/health", "/api/session"]);

declare module "fastify" {
  interface FastifyRequest {
    /** The signed-in analyst ("local" when the server runs without authentication). */
    analyst?: string;
  }
}

interface Session {
  analyst: string;
  lastSeen: number;
  /** With auth "neo4j": the analyst's own Neo4j credentials, for the sessions of their requests. */
  credentials?: AnalystCredentials;
}

function cookie(request: FastifyRequest, name: string): string | undefined {
  const header = request.headers.cookie;
  if (!header) return undefined;
  for (const part of header.split(";")) {
    const eq = part.indexOf("=");
    if (eq > 0 && part.slice(0, eq).trim() === name) return decodeURIComponent(part.slice(eq + 1).trim());
  }
  return undefined;
}

function pathOf(request: FastifyRequest): string {
  return request.url.split("?")[0]!;
}

/** The origin a browser page on this server has: scheme and Host header. */
function ownOrigins(request: FastifyRequest): string[] {
  const host = request.headers.host ?? "";
  return [`http://${host}`, `https://${host}`];
}

const CHANGES_STATE = new Set(["POST", "PUT", "PATCH", "DELETE"]);

export function registerTeamAccess(app: FastifyInstance, options: TeamOptions): void {
  const sessions = new Map<string, Session>();
  const attempts = new Map<string, { count: number; since: number }>();
  const running = new Map<string, number>();
  const idleMs = options.sessionIdleMs ?? 8 * 60 * 60 * 1000;
  const signIn = options.signIn ?? { attempts: 10, windowMs: 5 * 60 * 1000 };
  const perAnalyst = options.queriesPerAnalyst ?? 2;
  const { audit, tokens } = options;
  if (options.auth === "tokens" && !tokens) throw new Error("auth tokens needs a token store");
  if (options.auth === "neo4j" && !options.db) throw new Error("auth neo4j needs the database");

  // Cross-site requests and non-JSON bodies never change state, whatever the authentication.
  app.addHook("onRequest", async (request) => {
    if (!CHANGES_STATE.has(request.method) || !pathOf(request).startsWith("/api/")) return;
    const origin = request.headers.origin;
    const site = request.headers["sec-fetch-site"];
    if (
      (origin !== undefined && !ownOrigins(request).includes(origin)) ||
      site === "cross-site" ||
      site === "same-site"
    ) {
      audit?.write({ event: "refused", ip: request.ip, reason: "cross-site", path: pathOf(request), origin });
      throw new ApiError(
        403,
        "cross-site",
        "Requests from other sites cannot change anything on this server.",
      );
    }
    const length = Number(request.headers["content-length"] ?? 0);
    const hasBody = length > 0 || request.headers["transfer-encoding"] !== undefined;
    const type = (request.headers["content-type"] ?? "").split(";")[0]!.trim().toLowerCase();
    if ((hasBody || request.method !== "DELETE") && type !== "application/json") {
      throw new ApiError(
        415,
        "unsupported-media-type",
        "Requests that change state must send JSON (Content-Type: application/json).",
      );
    }
  });

  const sessionOf = (request: FastifyRequest): Session | undefined => {
    const id = cookie(request, SESSION_COOKIE);
    const session = id ? sessions.get(id) : undefined;
    if (!session || !id) return undefined;
    // A revoked token ends its sessions at once; an idle session ends after idleMs.
    const revoked = options.auth === "tokens" && !tokens!.has(session.analyst);
    if (Date.now() - session.lastSeen > idleMs || revoked) {
      sessions.delete(id);
      return undefined;
    }
    session.lastSeen = Date.now();
    return session;
  };

  /** Scripts: `Authorization: Bearer <token>` (tokens) or `Basic <user:password>` (Neo4j accounts). */
  const fromHeader = (request: FastifyRequest): Session | undefined => {
    const header = request.headers.authorization ?? "";
    const bearer = /^Bearer (\S+)$/.exec(header)?.[1];
    if (bearer && options.auth === "tokens") {
      const analyst = tokens!.verify(bearer);
      return analyst ? { analyst, lastSeen: Date.now() } : undefined;
    }
    const basic = /^Basic (\S+)$/.exec(header)?.[1];
    if (basic && options.auth === "neo4j") {
      const text = Buffer.from(basic, "base64").toString("utf8");
      const colon = text.indexOf(":");
      if (colon <= 0) return undefined;
      const credentials = { user: text.slice(0, colon), password: text.slice(colon + 1) };
      return { analyst: credentials.user, lastSeen: Date.now(), credentials };
    }
    return undefined;
  };

  app.addHook("onRequest", async (request) => {
    if (options.auth === "none") {
      request.analyst = LOCAL_ANALYST;
      return;
    }
    const path = pathOf(request);
    // The explorer's files load without a session: the page itself asks the analyst to sign in.
    if (!path.startsWith("/api/") || OPEN_ROUTES.has(path)) return;
    const session = request.headers.authorization ? fromHeader(request) : sessionOf(request);
    if (!session) {
      throw new ApiError(
        401,
        "unauthenticated",
        options.auth === "neo4j"
          ? "Sign in with your Neo4j account to use this server."
          : "Sign in with your Guanxi token to use this server.",
      );
    }
    request.analyst = session.analyst;
    // Every database session of this request opens with the analyst's own credentials.
    if (session.credentials) enterAsAnalyst(session.credentials);
  });

  /** The analyst a sign-in names, checked: a token against the store, a Neo4j account by Neo4j itself. */
  async function signInWith(
    body: { token?: string; username?: string; password?: string },
    ip: string,
  ): Promise<{ analyst: string; credentials?: AnalystCredentials }> {
    const refuse = (reason: string, message: string): never => {
      audit?.write({ event: "sign-in-refused", ip, reason });
      throw new ApiError(401, "unauthenticated", message);
    };
    if (options.auth === "tokens") {
      if (!body.token) throw new ApiError(400, "bad-request", "Invalid request: body.token is required.");
      return {
        analyst:
          tokens!.verify(body.token) ??
          refuse("unknown token", "That token is not valid (mistyped, or revoked)."),
      };
    }
    if (!body.username || !body.password)
      throw new ApiError(
        400,
        "bad-request",
        "Invalid request: body.username and body.password are required.",
      );
    const credentials = { user: body.username, password: body.password };
    try {
      await asAnalyst(credentials, () => options.db!.read("RETURN 1"));
    } catch (error) {
      if (error instanceof DatabaseError && isAuthenticationFailure(error))
        refuse("neo4j refused", "Neo4j refused that user name and password.");
      throw error;
    }
    return { analyst: credentials.user, credentials };
  }

  app.get("/api/session", async (request) => {
    const analyst = options.auth === "none" ? LOCAL_ANALYST : sessionOf(request)?.analyst;
    return { auth: options.auth, ...(analyst ? { analyst } : {}) };
  });

  app.post<{ Body: { token?: string; username?: string; password?: string } }>(
    "/api/session",
    {
      schema: {
        body: {
          type: "object",
          additionalProperties: false,
          properties: {
            token: { type: "string", minLength: 1, maxLength: 200 },
            username: { type: "string", minLength: 1, maxLength: 200 },
            password: { type: "string", minLength: 1, maxLength: 1000 },
          },
        },
      },
    },
    async (request, reply) => {
      if (options.auth === "none")
        throw new ApiError(
          400,
          "no-authentication",
          "This server runs without sign-in (loopback, one analyst).",
        );
      const now = Date.now();
      const seen = attempts.get(request.ip);
      const window = seen && now - seen.since < signIn.windowMs ? seen : { count: 0, since: now };
      window.count += 1;
      attempts.set(request.ip, window);
      if (window.count > signIn.attempts) {
        const retry = Math.ceil((window.since + signIn.windowMs - now) / 1000);
        audit?.write({ event: "sign-in-refused", ip: request.ip, reason: "rate-limited" });
        void reply.header("retry-after", String(retry));
        throw new ApiError(
          429,
          "too-many-sign-ins",
          `Too many sign-in attempts from this address: try again in ${retry} s.`,
        );
      }
      const { analyst, credentials } = await signInWith(request.body, request.ip);
      attempts.delete(request.ip);
      const id = randomBytes(32).toString("base64url");
      sessions.set(id, { analyst, lastSeen: now, ...(credentials ? { credentials } : {}) });
      audit?.write({ event: "sign-in", analyst, ip: request.ip });
      const secure = options.secureCookies ? "; Secure" : "";
      void reply.header(
        "set-cookie",
        `${SESSION_COOKIE}=${id}; Path=/; HttpOnly; SameSite=Strict; Max-Age=${Math.floor(idleMs / 1000)}${secure}`,
      );
      return { auth: options.auth, analyst };
    },
  );

  app.delete("/api/session", async (request, reply) => {
    const id = cookie(request, SESSION_COOKIE);
    const session = id ? sessions.get(id) : undefined;
    if (id) sessions.delete(id);
    if (session) audit?.write({ event: "sign-out", analyst: session.analyst, ip: request.ip });
    void reply.header("set-cookie", `${SESSION_COOKIE}=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0`);
    return { auth: options.auth };
  });

  // Per-analyst budget on top of the per-query limits: a few queries at once each, so one analyst's
  // long queries never take every worker from the others.
  app.addHook("preHandler", async (request) => {
    if (request.method !== "POST" || pathOf(request) !== "/api/query") return;
    const analyst = request.analyst ?? LOCAL_ANALYST;
    const now = running.get(analyst) ?? 0;
    if (now >= perAnalyst) {
      throw new ApiError(
        429,
        "too-many-queries",
        `You already have ${now} queries running: wait for one to finish, or cancel it.`,
      );
    }
    running.set(analyst, now + 1);
    (request as FastifyRequest & { counted?: boolean }).counted = true;
  });
  app.addHook("onResponse", async (request, reply) => {
    if (pathOf(request) !== "/api/query" || request.method !== "POST") return;
    const analyst = request.analyst ?? LOCAL_ANALYST;
    if ((request as FastifyRequest & { counted?: boolean }).counted) {
      running.set(analyst, Math.max(0, (running.get(analyst) ?? 1) - 1));
    }
    const body = request.body as { cypher?: string; params?: Record<string, unknown> } | undefined;
    audit?.write({
      event: "query",
      analyst,
      ip: request.ip,
      cypher: body?.cypher,
      params: body?.params ?? {},
      status: reply.statusCode,
      ms: Math.round(reply.elapsedTime),
    });
  });
}
