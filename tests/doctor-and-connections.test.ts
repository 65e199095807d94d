/**
 * `guanxi doctor` on the real Neo4j, and connections as Neo4j tools make them: NEO4J_USERNAME (NEO4J_USER as
 * an alias), NEO4J_DATABASE, TLS and authentication failures told apart, a read right after a write.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { GraphDb } from "../core/node/graph-db.ts";
import { GraphDb as Door } from "../core/node/graph-db.ts";
import { resolveConnection } from "../core/node/connection.ts";
import { DEFAULT_SCHEMA } from "../core/schema/graph-schema.ts";
import { applySchema } from "../ingest/write.ts";
import { cliEnv, connectWithSeed, runCli, testConnection } from "./support/database.ts";

let db: GraphDb;
beforeAll(async () => {
  ({ db } = await connectWithSeed());
});
afterAll(async () => {
  await applySchema(db, DEFAULT_SCHEMA);
  await db?.close();
});

describe("guanxi doctor", () => {
  it("reports the server, the database, the constraints and the index, and exits 0 when all is well", async () => {
    const result = await runCli(["doctor"]);
    expect(result.code, result.stderr + result.stdout).toBe(0);
    expect(result.stdout).toMatch(/^Server +Neo4j Kernel 5\.26\.\d+ community at bolt:\/\/127\.0\.0\.1:\d+/m);
    expect(result.stdout).toMatch(/Database +neo4j: 70 nodes, 172 relationships/);
    expect(result.stdout).toMatch(/ok +Organisation/);
    expect(result.stdout).toMatch(/Search index entity_names: ONLINE, Organisation, Region/);
    expect(result.stdout).toMatch(/All is well\./);
    const json = JSON.parse((await runCli(["doctor", "--format", "json"])).stdout) as {
      ok: boolean;
      keyConstraints: { present: boolean }[];
    };
    expect(json.ok).toBe(true);
    expect(json.keyConstraints.every((k) => k.present)).toBe(true);
  });

  it("says what to run when the search index is missing, and exits 1", async () => {
    await db.runAutoCommit("DROP INDEX entity_names IF EXISTS");
    const result = await runCli(["doctor"]);
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/Search index entity_names: missing/);
    expect(result.stdout).toMatch(/No search index: run `npx guanxi index`/);
    await db.runAutoCommit("DROP CONSTRAINT region_id IF EXISTS");
    const again = await runCli(["doctor"]);
    expect(again.stdout).toMatch(/MISS Region/);
    expect(again.stdout).toMatch(/Key constraints missing for Region/);
    await applySchema(db, DEFAULT_SCHEMA);
    const restored = await runCli(["doctor"]);
    expect(restored.code, restored.stdout + restored.stderr).toBe(0);
  });
});

describe("connections", () => {
  it("reads NEO4J_USERNAME before NEO4J_USER, and says authentication failed for whom", async () => {
    const env = cliEnv({ NEO4J_USERNAME: "analyst-who-does-not-exist" });
    const result = await runCli(["query", "RETURN 1"], env);
    expect(result.code).toBe(6);
    expect(result.stderr).toMatch(
      /Authentication failed: .* refused the credentials of user "analyst-who-does-not-exist"\. Check NEO4J_USERNAME and NEO4J_PASSWORD/,
    );
    expect(resolveConnection({ NEO4J_URI: "neo4j://x", NEO4J_USER: "old", NEO4J_PASSWORD: "p" }).user).toBe(
      "old",
    );
  });

  it("names an unknown NEO4J_DATABASE", async () => {
    const result = await runCli(["query", "RETURN 1"], cliEnv({ NEO4J_DATABASE: "nosuchdb" }));
    expect(result.code).toBe(6);
    expect(result.stderr).toMatch(/no database "nosuchdb": check NEO4J_DATABASE/);
  });

  it("says TLS failed when a TLS scheme meets a server without encryption", async () => {
    const uri = testConnection().uri.replace(/^bolt:/, "bolt+s:");
    const result = await runCli(["query", "RETURN 1"], cliEnv({ NEO4J_URI: uri }));
    expect(result.code).toBe(6);
    expect(result.stderr).toMatch(/TLS failed talking to bolt\+s:/);
  });

  it("sees a write at once in the next read (one bookmark manager per connection)", async () => {
    const door = await Door.connect(testConnection());
    try {
      for (let i = 0; i < 5; i++) {
        await door.runAutoCommit("CREATE (:BookmarkProbe {i: $i})", { i });
        const { rows } = await door.read("MATCH (p:BookmarkProbe) RETURN count(p) AS n");
        expect(rows[0]!.n).toBe(i + 1);
      }
      await door.runAutoCommit("MATCH (p:BookmarkProbe) DELETE p");
    } finally {
      await door.close();
    }
  });
});
