/**
 * The draft `guanxi extract` (extract/) writes and `guanxi ingest` reads once reviewed: a data set
 * (schema/guanxi-dataset.schema.json) whose every node and relationship carries a `review` — its state
 * (proposed / accepted / rejected / merged-into:ID), how it was found (`alias:市总工会`, `suffix:工作室`,
 * `trigger:成立`), a score, and where in which article it was found. Browser-safe types.
 */

export const DRAFT_FORMAT = "guanxi-draft";
export const DRAFT_VERSION = 1;

export type ReviewState = "proposed" | "accepted" | "rejected" | `merged-into:${string}`;

export const REVIEW_STATE_PATTERN = "^(proposed|accepted|rejected|merged-into:.+)$";

/** Where a mention or an evidence sentence is: [start, end) in an article's `title` or `text`. */
export interface TextSpan {
  article: string;
  field: "title" | "text";
  start: number;
  end: number;
}

export interface Mention extends TextSpan {
  /** The article's characters at [start, end), verbatim. */
  text: string;
}

export interface NodeReview {
  state: ReviewState;
  /** `link`: a node already in the graph (or the given data sets); `new`: a proposal; `article`: the input. */
  kind: "link" | "new" | "article";
  /** How it was found: `name:…`, `alias:…`, `nameEn:…`, `suffix:…`, `byline:记者`, `gazetteer:…`, `input`. */
  method: string;
  /** 0–1: how sure the rule is. */
  score: number;
  /** Set when the match must not be linked without a reviewer: why, and the nodes it could be. */
  ambiguous?: boolean;
  reason?: string;
  candidates?: string[];
  /** Every place the entity is named (the first is the evidence of its MENTIONS). */
  mentions: Mention[];
  /** Notes for the reviewer (a relative name, a gazetteer homonym…). */
  notes?: string[];
}

export interface RelationshipReview {
  state: ReviewState;
  /** `mention`: an article MENTIONS an entity; `suggestion`: a fact a sentence supports. */
  kind: "mention" | "suggestion";
  method: string;
  score: number;
  /** The evidence sentence's place (its text is `evidence[0]`). */
  evidenceAt: TextSpan;
}

export interface DraftNode {
  label: string;
  id: string;
  review: NodeReview;
  [property: string]: unknown;
}

export interface DraftRelationship {
  type: string;
  start: string;
  end: string;
  evidence: string[];
  article: string;
  review: RelationshipReview;
  [property: string]: unknown;
}

export interface Draft {
  $schema?: string;
  format: typeof DRAFT_FORMAT;
  version: typeof DRAFT_VERSION;
  description?: string;
  /** ISO date-time of the extraction. */
  createdAt: string;
  /** The schema whose labels and types were proposed. */
  schemaName: string;
  /** Where the known entities came from: `neo4j` or data-set files. */
  knownFrom: string[];
  nodes: DraftNode[];
  relationships: DraftRelationship[];
}

/** `merged-into:ID` → ID. */
export function mergeTarget(state: string): string | undefined {
  return state.startsWith("merged-into:") ? state.slice("merged-into:".length) : undefined;
}
