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
import { ApiError } from "../errors.ts";
import type { AuditLog } from "./audit-log.ts";
import type { TokenStore } from "./tokens.ts";

export type AuthMode = "none" | "tokens";

export interface TeamOptions {
  /** "none": loopback only (the one local analyst); "tokens": signed-in analysts (guanxi token create). */
  auth: AuthMode;
  tokens?: TokenStore;
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

  const sessionOf = (request: FastifyRequest): string | undefined => {
    const id = cookie(request, SESSION_COOKIE);
    const session = id ? sessions.get(id) : undefined;
    if (!session || !id) return undefined;
    // A revoked token ends its sessions at once; an idle session ends after idleMs.
    if (Date.now() - session.lastSeen > idleMs || !tokens!.has(session.analyst)) {
      sessions.delete(id);
      return undefined;
    }
    session.lastSeen = Date.now();
    return session.analyst;
  };

  app.addHook("onRequest", async (request) => {
    if (options.auth === "none") {
      request.analyst = LOCAL_ANALYST;
      return;
    }
    const path = pathOf(request);
    // The explorer's files load without a session: the page itself asks the analyst to sign in.
    if (!path.startsWith("/api/") || OPEN_ROUTES.has(path)) return;
    const bearer = /^Bearer (\S+)$/.exec(request.headers.authorization ?? "")?.[1];
    const analyst = bearer ? tokens!.verify(bearer) : sessionOf(request);
    if (!analyst) {
      throw new ApiError(401, "unauthenticated", "Sign in with your Guanxi token to use this server.");
    }
    request.analyst = analyst;
  });

  app.get("/api/session", async (request) => {
    const analyst = options.auth === "none" ? LOCAL_ANALYST : sessionOf(request);
    return { auth: options.auth, ...(analyst ? { analyst } : {}) };
  });

  app.post<{ Body: { token: string } }>(
    "/api/session",
    {
      schema: {
        body: {
          type: "object",
          required: ["token"],
          additionalProperties: false,
          properties: { token: { type: "string", minLength: 1, maxLength: 200 } },
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
      const analyst = tokens!.verify(request.body.token);
      if (!analyst) {
        audit?.write({ event: "sign-in-refused", ip: request.ip, reason: "unknown token" });
        throw new ApiError(401, "unauthenticated", "That token is not valid (mistyped, or revoked).");
      }
      attempts.delete(request.ip);
      const id = randomBytes(32).toString("base64url");
      sessions.set(id, { analyst, lastSeen: now });
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
