/**
 * The JSON Schema of a draft (extract/draft.ts): the envelope and every item's `review`. The properties of
 * nodes and relationships are left to ingest's validation against the active schema, which names file,
 * line and field. Published as schema/guanxi-draft.schema.json (`npm run schema`); the API validates
 * POST /api/drafts/ingest bodies with it. Browser-safe.
 */
import { DRAFT_FORMAT, DRAFT_VERSION, REVIEW_STATE_PATTERN } from "./draft.ts";

const span = {
  type: "object",
  required: ["article", "field", "start", "end"],
  properties: {
    article: { type: "string", minLength: 1 },
    field: { enum: ["title", "text"] },
    start: { type: "integer", minimum: 0 },
    end: { type: "integer", minimum: 0 },
  },
};

const state = {
  type: "string",
  pattern: REVIEW_STATE_PATTERN,
  description:
    "proposed (not reviewed yet), accepted, rejected, or merged-into:ID (its name becomes an alias of ID).",
};

const common = {
  state,
  method: {
    type: "string",
    description: "How it was found: alias:市总工会, suffix:工作室, trigger:成立, byline:记者, …",
  },
  score: { type: "number", minimum: 0, maximum: 1 },
};

export const DRAFT_JSON_SCHEMA = {
  title: "Guanxi draft",
  description:
    "What `guanxi extract` found in articles, to review and then ingest: a data set whose every node and relationship carries a review.",
  type: "object",
  required: ["format", "version", "nodes", "relationships"],
  properties: {
    $schema: { type: "string" },
    format: { const: DRAFT_FORMAT },
    version: { const: DRAFT_VERSION },
    description: { type: "string" },
    createdAt: { type: "string" },
    schemaName: { type: "string" },
    knownFrom: { type: "array", items: { type: "string" } },
    nodes: {
      type: "array",
      items: {
        type: "object",
        required: ["id", "review"],
        properties: {
          label: { type: "string", minLength: 1 },
          labels: { type: "array", items: { type: "string" }, minItems: 1 },
          id: { type: "string", minLength: 1 },
          review: {
            type: "object",
            required: ["state", "kind"],
            properties: {
              ...common,
              kind: { enum: ["link", "new", "article"] },
              ambiguous: { type: "boolean" },
              reason: { type: "string" },
              candidates: { type: "array", items: { type: "string" } },
              notes: { type: "array", items: { type: "string" } },
              mentions: {
                type: "array",
                items: {
                  ...span,
                  required: [...span.required, "text"],
                  properties: { ...span.properties, text: { type: "string" } },
                },
              },
            },
          },
        },
      },
    },
    relationships: {
      type: "array",
      items: {
        type: "object",
        required: ["type", "start", "end", "review"],
        properties: {
          type: { type: "string", minLength: 1 },
          start: { type: "string", minLength: 1 },
          end: { type: "string", minLength: 1 },
          evidence: { type: "array", items: { type: "string" } },
          article: { type: "string" },
          review: {
            type: "object",
            required: ["state", "kind"],
            properties: { ...common, kind: { enum: ["mention", "suggestion"] }, evidenceAt: span },
          },
        },
      },
    },
  },
} as const;

export function draftJsonSchemaText(): string {
  return (
    JSON.stringify(
      {
        $schema: "https://json-schema.org/draft/2020-12/schema",
        $id: "guanxi-draft.schema.json",
        ...DRAFT_JSON_SCHEMA,
      },
      null,
      2,
    ) + "\n"
  );
}
