/**
 * Saved views (GET/POST /api/views, GET/PUT/DELETE /api/views/:id), kept by the server in its data
 * directory (server/view-store.ts), and POST /api/nodes/resolve, which finds a view's nodes again —
 * by elementId when it still holds the node with the same Guanxi id, else by id and label — with the
 * relationships among them. Writes take JSON only (`Content-Type: application/json`: server/team/access.ts).
 */
import type { FastifyInstance } from "fastify";
import { loadCypher } from "../../core/node/cypher-files.ts";
import type { GraphDb } from "../../core/node/graph-db.ts";
import type { PlainNode } from "../../core/plain-values.ts";
import type { GraphSchema } from "../../core/schema/graph-schema.ts";
import { BULK_OMITTED_PROPERTIES, SubgraphBuilder } from "../../core/subgraph.ts";
import {
  nodeRef,
  parseViewDocument,
  RESOLVE_MAX_EDGES,
  VIEW_DOCUMENT_JSON_SCHEMA,
  VIEW_BODY_LIMIT,
  VIEW_MAX_NODES,
  VIEW_NAME_MAX,
  ViewDocumentError,
  type ResolveNodesRequest,
  type ResolveNodesResponse,
  type SaveViewRequest,
  type ViewDocument,
} from "../../core/view-document.ts";
import { ApiError } from "../errors.ts";
import { addRelationshipsAmong, EXPLORE_TIMEOUT } from "../graph-reads.ts";
import { ViewStore, ViewStoreError } from "../view-store.ts";

const NAME_SCHEMA = { type: "string", minLength: 1, maxLength: VIEW_NAME_MAX } as const;

const idParams = {
  type: "object",
  required: ["id"],
  properties: { id: { type: "string", minLength: 1, maxLength: 100 } },
} as const;

function storeError(error: unknown): never {
  if (error instanceof ViewStoreError) {
    const status = { "not-found": 404, conflict: 409, full: 507, "bad-name": 400 }[error.kind];
    throw new ApiError(status, error.kind === "bad-name" ? "bad-request" : error.kind, error.message);
  }
  if (error instanceof ViewDocumentError)
    throw new ApiError(400, "bad-request", `Invalid view: ${error.message}.`);
  throw error;
}

/** The JSON schema checked the shape; the parser checks what a schema cannot say as clearly. */
function checkedView(view: unknown): ViewDocument {
  try {
    return parseViewDocument(view);
  } catch (error) {
    return storeError(error);
  }
}

export function registerViewRoutes(
  app: FastifyInstance,
  db: GraphDb,
  schema: GraphSchema,
  viewsDir: string,
): void {
  const store = new ViewStore(viewsDir);
  const run = <T>(work: () => T): T => {
    try {
      return work();
    } catch (error) {
      return storeError(error);
    }
  };

  app.get("/api/views", async () => ({ views: run(() => store.list()) }));

  app.post<{ Body: SaveViewRequest }>(
    "/api/views",
    {
      bodyLimit: VIEW_BODY_LIMIT,
      schema: {
        body: {
          type: "object",
          required: ["name", "view"],
          additionalProperties: false,
          properties: { name: NAME_SCHEMA, view: VIEW_DOCUMENT_JSON_SCHEMA },
        },
      },
    },
    async (request, reply) => {
      const view = checkedView(request.body.view);
      const saved = run(() => store.create(request.body.name, view));
      return reply.status(201).send(saved);
    },
  );

  app.get<{ Params: { id: string } }>("/api/views/:id", { schema: { params: idParams } }, async (request) =>
    run(() => store.get(request.params.id)),
  );

  app.put<{ Params: { id: string }; Body: Partial<SaveViewRequest> }>(
    "/api/views/:id",
    {
      bodyLimit: VIEW_BODY_LIMIT,
      schema: {
        params: idParams,
        body: {
          type: "object",
          minProperties: 1,
          additionalProperties: false,
          properties: { name: NAME_SCHEMA, view: VIEW_DOCUMENT_JSON_SCHEMA },
        },
      },
    },
    async (request) => {
      const { name, view } = request.body;
      const change: { name?: string; view?: ViewDocument } = {};
      if (name !== undefined) change.name = name;
      if (view !== undefined) change.view = checkedView(view);
      return run(() => store.update(request.params.id, change));
    },
  );

  app.delete<{ Params: { id: string } }>(
    "/api/views/:id",
    { schema: { params: idParams } },
    async (request, reply) => {
      run(() => store.delete(request.params.id));
      return reply.status(204).send();
    },
  );

  app.post<{ Body: ResolveNodesRequest }>(
    "/api/nodes/resolve",
    {
      bodyLimit: VIEW_BODY_LIMIT,
      schema: {
        body: {
          type: "object",
          required: ["nodes"],
          additionalProperties: false,
          properties: {
            nodes: {
              type: "array",
              items: {
                type: "object",
                required: ["key", "label"],
                additionalProperties: false,
                properties: {
                  id: { type: "string", minLength: 1, maxLength: 1_000 },
                  key: { type: "string", minLength: 1, maxLength: 200 },
                  label: { type: "string", minLength: 1, maxLength: 200 },
                },
              },
            },
          },
        },
      },
    },
    async (request) => {
      const { nodes } = request.body;
      if (nodes.length > VIEW_MAX_NODES)
        throw new ApiError(
          400,
          "bad-request",
          `Invalid request: body/nodes holds ${nodes.length} nodes; a view holds at most ${VIEW_MAX_NODES}.`,
        );
      return resolveNodes(db, schema, nodes);
    },
  );
}

/** A view's nodes as the database holds them now, and the relationships among them. */
export async function resolveNodes(
  db: GraphDb,
  schema: GraphSchema,
  wanted: ResolveNodesRequest["nodes"],
): Promise<ResolveNodesResponse> {
  const builder = new SubgraphBuilder(BULK_OMITTED_PROPERTIES, schema);
  const found: Record<string, string> = {};
  const keys = [...new Set(wanted.map((n) => n.key))];
  const byKey = new Map<string, { node: PlainNode; degree: number }>();
  if (keys.length) {
    const { rows } = await db.read(loadCypher("explore/nodes-by-key"), { keys }, EXPLORE_TIMEOUT);
    for (const row of rows) {
      const node = row.n as PlainNode;
      byKey.set(node.elementId, { node, degree: Number(row.degree) });
    }
  }
  const again: { id: string; label: string; ref: string }[] = [];
  for (const ref of wanted) {
    const hit = byKey.get(ref.key);
    // An elementId may be reused for another node after a delete: it counts only with the same id.
    if (hit && (ref.id === undefined || hit.node.properties.id === ref.id)) {
      builder.addNode(hit.node, hit.degree);
      found[nodeRef(ref)] = hit.node.elementId;
    } else if (ref.id !== undefined) {
      again.push({ id: ref.id, label: ref.label, ref: nodeRef(ref) });
    }
  }
  if (again.length) {
    const { rows } = await db.read(
      loadCypher("explore/nodes-by-id"),
      { refs: again.map(({ id, label }) => ({ id, label })) },
      EXPLORE_TIMEOUT,
    );
    for (const row of rows) {
      const node = row.n as PlainNode;
      const ref = String(row.id);
      if (found[ref] !== undefined) continue; // homonyms by id: the first wins
      builder.addNode(node, Number(row.degree));
      found[ref] = node.elementId;
    }
  }
  const truncated = await addRelationshipsAmong(
    db,
    builder,
    [...new Set(Object.values(found))],
    RESOLVE_MAX_EDGES,
  );
  const missing = wanted.map(nodeRef).filter((ref) => found[ref] === undefined);
  return { ...builder.build(), found, missing, truncated };
}
