/**
 * The review screen's API: POST /api/extract (article text → draft, linked against the database) and
 * POST /api/drafts/ingest (a reviewed draft → Neo4j through `guanxi ingest`'s validation and writer, all
 * or nothing). Ingest is the explorer's only write: it is off unless the server runs for one local analyst
 * (`guanxi start`) or was started with `--allow-ingest`. Both take JSON only (a form or a text/plain
 * request from another site is refused before it is read).
 */
import type { FastifyInstance } from "fastify";
import type {
  DraftIngestRequest,
  DraftIngestResponse,
  ExtractRequest,
  ExtractResponse,
  ExtractStatus,
} from "../../core/api-types.ts";
import { InputError } from "../../core/errors.ts";
import type { GraphDb } from "../../core/node/graph-db.ts";
import type { GraphSchema } from "../../core/schema/graph-schema.ts";
import { knownFromDatabase } from "../../extract/db/known-entities.ts";
import { DRAFT_JSON_SCHEMA } from "../../core/draft-schema.ts";
import { extractStories } from "../../extract/extract.ts";
import { splitStories } from "../../extract/split.ts";
import { ingestTexts } from "../../ingest/ingest.ts";
import { ApiError } from "../errors.ts";

/** Characters of article text one request may carry: a long newspaper page is a few tens of thousands. */
export const MAX_EXTRACT_TEXT = 200_000;
/** A reviewed draft holds the article text and every mention's offsets: larger than the text. */
export const DRAFT_BODY_LIMIT = 8 * 1024 * 1024;

export const INGEST_DISABLED =
  "Ingest from the explorer is off on this server: it writes to the database, so it runs only for one local analyst " +
  "(guanxi start) or when the server is started with guanxi serve --allow-ingest. Save the draft and run guanxi ingest DRAFT.json instead.";

const extractBody = {
  type: "object",
  required: ["text"],
  additionalProperties: false,
  properties: {
    text: { type: "string", minLength: 1, maxLength: MAX_EXTRACT_TEXT },
    title: { type: "string", minLength: 1, maxLength: 500 },
    articleId: { type: "string", minLength: 1, maxLength: 500, pattern: "^[^\\u0000-\\u001f\\u007f]+$" },
    source: { type: "string", minLength: 1, maxLength: 500 },
  },
} as const;

const ingestBody = {
  type: "object",
  required: ["draft"],
  additionalProperties: false,
  properties: {
    draft: DRAFT_JSON_SCHEMA,
    accept: { enum: ["linked"] },
  },
} as const;

export function registerExtractRoutes(
  app: FastifyInstance,
  db: GraphDb,
  schema: GraphSchema,
  options: { allowIngest: boolean },
): void {
  app.get("/api/extract", async (): Promise<ExtractStatus> => ({
    ingest: options.allowIngest,
    ...(options.allowIngest ? {} : { ingestDisabledReason: INGEST_DISABLED }),
    maxTextLength: MAX_EXTRACT_TEXT,
  }));

  app.post<{ Body: ExtractRequest }>(
    "/api/extract",
    { schema: { body: extractBody }, bodyLimit: 4 * MAX_EXTRACT_TEXT + 4096 },
    async (request): Promise<ExtractResponse> => {
      const { text, title, articleId, source } = request.body;
      if (!/[\p{L}\p{N}]/u.test(text))
        throw new ApiError(
          400,
          "bad-request",
          "The text holds no letters or characters: there is no article to read.",
        );
      let stories = splitStories(text.replace(/\r\n?/gu, "\n"));
      if (title && stories.length === 1) stories = [{ ...stories[0]!, title }];
      const known = await knownFromDatabase(db, schema);
      const { draft, stories: done } = extractStories(stories, {
        known,
        knownFrom: ["neo4j"],
        schema,
        ...(articleId ? { articleId } : {}),
        ...(source ? { source } : {}),
      });
      return { draft, stories: done.map((s) => ({ ...s, ms: Math.round(s.ms) })), known: known.length };
    },
  );

  app.post<{ Body: DraftIngestRequest }>(
    "/api/drafts/ingest",
    { schema: { body: ingestBody }, bodyLimit: DRAFT_BODY_LIMIT },
    async (request): Promise<DraftIngestResponse> => {
      if (!options.allowIngest) throw new ApiError(403, "ingest-disabled", INGEST_DISABLED);
      const { draft, accept } = request.body;
      try {
        // Written out as a file would be, so problems carry the line and record of the draft as sent.
        const report = await ingestTexts(
          db,
          [{ path: "draft.json", file: "draft", text: JSON.stringify(draft, null, 2) }],
          { schemaChoice: { schema, source: "server" }, ...(accept ? { accept } : {}) },
        );
        return {
          nodes: report.nodes,
          relationships: report.relationships,
          skipped: report.drafts?.skipped ?? [],
          dropped: report.drafts?.dropped ?? 0,
          ids: report.ids,
        };
      } catch (error) {
        if (!(error instanceof InputError)) throw error;
        throw new ApiError(422, "invalid-draft", error.message, undefined, error.problems);
      }
    },
  );
}
