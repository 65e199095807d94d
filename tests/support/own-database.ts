/** The company register of tests/fixtures/own-db: a database made by plain Cypher, with no Guanxi schema. */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { GraphDb } from "../../core/node/graph-db.ts";
import { DEFAULT_SCHEMA } from "../../core/schema/graph-schema.ts";
import { applySchema } from "../../ingest/write.ts";
import { REPO_ROOT, clearDatabase, dropAllSchema } from "./database.ts";

const FIXTURE = join(REPO_ROOT, "tests", "fixtures", "own-db", "company-register.cypher");

/** Empties the database, drops every constraint and index, and creates the register. */
export async function createOwnDatabase(db: GraphDb): Promise<void> {
  await clearDatabase(db);
  await dropAllSchema(db);
  const text = readFileSync(FIXTURE, "utf8")
    .split("\n")
    .filter((l) => !l.startsWith("//"))
    .join("\n")
    .replace(/;\s*$/, "");
  await db.runAutoCommit(text);
}

/** Leaves the shared database as the other files expect it: empty, with Guanxi's schema. */
export async function restoreGuanxiDatabase(db: GraphDb): Promise<void> {
  await clearDatabase(db);
  await dropAllSchema(db);
  await applySchema(db, DEFAULT_SCHEMA);
}
