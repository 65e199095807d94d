/**
 * Saved views and finding a view's nodes again, through the real API over the test database: views
 * are files in the server's data directory (a temporary one here), survive a restart, keep names
 * unique, refuse bad bodies with the field named; /api/nodes/resolve finds nodes by elementId, by
 * Guanxi id when the elementId changed, and names those that are gone.
 */
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { GraphDb } from "../core/node/graph-db.ts";
import type {
  ResolveNodesResponse,
  SavedView,
  SavedViewSummary,
  ViewDocument,
} from "../core/view-document.ts";
import { buildServer } from "../server/app.ts";
import { startServer } from "../server/serve.ts";
import { keyOf } from "./support/api.ts";
import { connectWithSeed } from "./support/database.ts";

let db: GraphDb;
let app: FastifyInstance;
let dir: string;

const write = (cypher: string) => db.writeTransaction((tx) => tx.run(cypher));

beforeAll(async () => {
  ({ db } = await connectWithSeed());
  dir = mkdtempSync(join(tmpdir(), "guanxi-views-"));
  app = buildServer({ db, viewsDir: dir });
}, 180_000);

afterAll(async () => {
  await app?.close();
  await db?.close();
  rmSync(dir, { recursive: true, force: true });
});

async function send<T>(method: "GET" | "POST" | "PUT" | "DELETE", url: string, payload?: unknown) {
  const response = await app.inject({
    method,
    url,
    ...(payload !== undefined
      ? { payload: JSON.stringify(payload), headers: { "content-type": "application/json" } }
      : {}),
  });
  return { status: response.statusCode, body: (response.body ? response.json() : null) as T };
}

async function viewOf(ids: string[]): Promise<ViewDocument> {
  const nodes = await Promise.all(
    ids.map(async (id, i) => ({
      id,
      key: await keyOf(db, id),
      label: id.startsWith("region:") ? "Region" : "Organisation",
      name: id,
      x: i * 10.5,
      y: 3.25 * (1 - i),
      ...(i === 0 ? { pinned: true } : {}),
    })),
  );
  return {
    format: "guanxi-view",
    version: 1,
    nodes,
    selection: [ids[0]!],
    filters: { hiddenLabels: [], hiddenTypes: ["MENTIONS"] },
    camera: { x: 0.5, y: 0.5, ratio: 1.2, angle: 0 },
  };
}

describe("saved views", () => {
  it("saves, lists, opens, renames and deletes a view, as a file in the data directory", async () => {
    const view = await viewOf(["region:beijing", "region:tianjin"]);
    const created = await send<SavedView>("POST", "/api/views", { name: "  Two   cities ", view });
    expect(created.status).toBe(201);
    expect(created.body.name).toBe("Two cities");
    expect(created.body.view).toEqual(view);
    expect(readdirSync(dir)).toContain(`${created.body.id}.json`);

    const list = await send<{ views: SavedViewSummary[] }>("GET", "/api/views");
    expect(list.body.views.find((v) => v.id === created.body.id)).toMatchObject({
      name: "Two cities",
      nodes: 2,
    });

    const opened = await send<SavedView>("GET", `/api/views/${created.body.id}`);
    expect(opened.body.view.nodes[0]).toMatchObject({ id: "region:beijing", x: 0, pinned: true });

    const renamed = await send<SavedView>("PUT", `/api/views/${created.body.id}`, { name: "Capitals" });
    expect(renamed.status).toBe(200);
    expect(renamed.body.name).toBe("Capitals");
    expect(renamed.body.view).toEqual(view);

    expect((await send("DELETE", `/api/views/${created.body.id}`)).status).toBe(204);
    const gone = await send<{ error: { code: string; message: string } }>(
      "GET",
      `/api/views/${created.body.id}`,
    );
    expect(gone.status).toBe(404);
    expect(gone.body.error.message).toMatch(/No saved view/);
  });

  it("gives a name already taken a suffix instead of overwriting", async () => {
    const view = await viewOf(["region:hebei"]);
    const names: string[] = [];
    for (const name of ["Hebei", "hebei", "Hebei"])
      names.push((await send<SavedView>("POST", "/api/views", { name, view })).body.name);
    expect(names).toEqual(["Hebei", "hebei (2)", "Hebei (3)"]);
  });

  it("refuses bad bodies with the field named, and writes without a JSON content type", async () => {
    const view = await viewOf(["region:hebei"]);
    const noName = await send<{ error: { message: string } }>("POST", "/api/views", { view });
    expect(noName.status).toBe(400);
    expect(noName.body.error.message).toMatch(/name/);

    const badX = await send<{ error: { message: string } }>("POST", "/api/views", {
      name: "bad",
      view: { ...view, nodes: [{ ...view.nodes[0], x: "far" }] },
    });
    expect(badX.status).toBe(400);
    expect(badX.body.error.message).toMatch(/nodes\/0\/x/);

    const wrongFormat = await send<{ error: { message: string } }>("POST", "/api/views", {
      name: "bad",
      view: { ...view, version: 99 },
    });
    expect(wrongFormat.status).toBe(400);
    expect(wrongFormat.body.error.message).toMatch(/version/);

    const tooMany = await send<{ error: { message: string } }>("POST", "/api/views", {
      name: "huge",
      view: {
        ...view,
        nodes: Array.from({ length: 20_001 }, (_, i) => ({ key: `k${i}`, label: "L", x: 0, y: 0 })),
      },
    });
    expect(tooMany.status).toBe(400);
    expect(tooMany.body.error.message).toMatch(/nodes/);

    // A view of 15,000 nodes is over the API's usual 1 MB, and still saved.
    const big = await send<SavedView>("POST", "/api/views", {
      name: "big",
      view: {
        ...view,
        nodes: Array.from({ length: 15_000 }, (_, i) => ({
          id: `org:generated-${i}`,
          key: `4:00000000-0000-0000-0000-000000000000:${i}`,
          label: "Organisation",
          name: `生成的机构 ${i}`,
          x: i * 1.5,
          y: -i,
        })),
      },
    });
    expect(big.status).toBe(201);
    expect(big.body.view.nodes).toHaveLength(15_000);

    const asText = await app.inject({
      method: "POST",
      url: "/api/views",
      payload: JSON.stringify({ name: "text", view }),
      headers: { "content-type": "text/plain" },
    });
    expect(asText.statusCode).toBe(415);
    expect(asText.json().error.message).toMatch(/application\/json/);

    const empty = await send<{ error: { message: string } }>("PUT", "/api/views/abcdefabcdef", {});
    expect(empty.status).toBe(400);
    expect((await send("PUT", "/api/views/abcdefabcdef", { name: "x" })).status).toBe(404);
  });

  it("skips a saved-view file that does not parse instead of failing the list", async () => {
    writeFileSync(join(dir, "000000000000.json"), "{ not json");
    const list = await send<{ views: SavedViewSummary[] }>("GET", "/api/views");
    expect(list.status).toBe(200);
    expect(list.body.views.some((v) => v.id === "000000000000")).toBe(false);
    rmSync(join(dir, "000000000000.json"));
  });

  it("survives a server restart: saved on one server, opened on the next over the same folder", async () => {
    const restartDir = mkdtempSync(join(tmpdir(), "guanxi-views-restart-"));
    try {
      const view = await viewOf(["region:beijing", "region:tongzhou"]);
      let server = await startServer({ db, port: 0, viewsDir: restartDir });
      const saved = (await (
        await fetch(`${server.url}api/views`, {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify({ name: "Before restart", view }),
        })
      ).json()) as SavedView;
      await server.close();
      server = await startServer({ db, port: 0, viewsDir: restartDir });
      try {
        const list = (await (await fetch(`${server.url}api/views`)).json()) as { views: SavedViewSummary[] };
        expect(list.views.map((v) => v.name)).toEqual(["Before restart"]);
        const opened = (await (await fetch(`${server.url}api/views/${saved.id}`)).json()) as SavedView;
        expect(opened.view).toEqual(view);
      } finally {
        await server.close();
      }
    } finally {
      rmSync(restartDir, { recursive: true, force: true });
    }
  });
});

describe("POST /api/nodes/resolve", () => {
  it("finds nodes by elementId with the relationships among them", async () => {
    const view = await viewOf(["region:beijing", "region:tongzhou", "region:tianjin"]);
    const { status, body } = await send<ResolveNodesResponse>("POST", "/api/nodes/resolve", {
      nodes: view.nodes.map(({ id, key, label }) => ({ id, key, label })),
    });
    expect(status).toBe(200);
    expect(body.missing).toEqual([]);
    expect(Object.keys(body.found).sort()).toEqual(["region:beijing", "region:tianjin", "region:tongzhou"]);
    expect(body.nodes).toHaveLength(3);
    const keys = new Set(body.nodes.map((n) => n.key));
    for (const edge of body.edges) expect(keys.has(edge.source) && keys.has(edge.target)).toBe(true);
  });

  it("finds a node again by its id when its elementId changed, and names the nodes that are gone", async () => {
    // A node deleted and created again (a new elementId), and one deleted for good.
    await write("CREATE (:Region {id: 'region:survive-test', name: '测试区'})");
    await write("CREATE (:Organisation {id: 'org:survive-gone', name: '消失的机构'})");
    const oldKey = await keyOf(db, "region:survive-test");
    const goneKey = await keyOf(db, "org:survive-gone");
    await write("MATCH (n {id: 'region:survive-test'}) DETACH DELETE n");
    await write("MATCH (n {id: 'org:survive-gone'}) DETACH DELETE n");
    await write("CREATE (:Region {id: 'region:survive-test', name: '测试区'})");
    const newKey = await keyOf(db, "region:survive-test");
    const { body } = await send<ResolveNodesResponse>("POST", "/api/nodes/resolve", {
      nodes: [
        { id: "region:survive-test", key: oldKey, label: "Region" },
        { id: "org:survive-gone", key: goneKey, label: "Organisation" },
        { key: "4:00000000-0000-0000-0000-000000000000:999999", label: "Region" },
      ],
    });
    expect(body.found).toEqual({ "region:survive-test": newKey });
    expect(body.missing).toEqual(["org:survive-gone", "4:00000000-0000-0000-0000-000000000000:999999"]);
    await write("MATCH (n {id: 'region:survive-test'}) DETACH DELETE n");
  });
});
