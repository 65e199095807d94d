/**
 * Whose Neo4j credentials a database session opens with. A team server in Neo4j-accounts mode
 * (`guanxi serve --auth neo4j`) holds no shared password: each request runs inside its signed-in
 * analyst's credentials (AsyncLocalStorage), and every session the driver door opens in it
 * authenticates as that analyst (session-level auth), so Neo4j's own access control applies per person.
 */
import { AsyncLocalStorage } from "node:async_hooks";

export interface AnalystCredentials {
  user: string;
  password: string;
}

const current = new AsyncLocalStorage<AnalystCredentials>();

/** The analyst whose request this is, when the server signs analysts in with their Neo4j accounts. */
export function currentAnalyst(): AnalystCredentials | undefined {
  return current.getStore();
}

/** Runs `work` (and everything it awaits) as `analyst`. */
export function asAnalyst<T>(analyst: AnalystCredentials, work: () => T): T {
  return current.run(analyst, work);
}

/** From here on in this request (a fastify hook): everything it runs is `analyst`'s. */
export function enterAsAnalyst(analyst: AnalystCredentials): void {
  current.enterWith(analyst);
}

/**
 * Neo4j refused the credentials: a Security error, or — when session-level auth fails on a pooled
 * connection — the driver's ProtocolError saying so.
 */
export function isAuthenticationFailure(error: { code?: string | undefined; message?: string }): boolean {
  return (
    /Security\.(Unauthorized|AuthenticationRateLimit)/.test(error.code ?? "") ||
    /unauthorized due to authentication failure/i.test(error.message ?? "")
  );
}
