/**
 * The active schema as the rest of Guanxi reads it: property specs per label and relationship type
 * (Guanxi's own properties included), allowed ends, provenance rules and captions. Built from a schema
 * document (core/schema/document.ts); `NEWS` is the built-in default. Browser-safe.
 */
import type { PropertySpec } from "../model.ts";
import type { ProvenanceRule, SchemaDocument } from "./document.ts";
import { NEWS_SCHEMA } from "./news-schema.ts";

/** Guanxi's key of every node it writes: unique per label, the identity ingest merges on. */
export const KEY_PROPERTY = "id";

/** Properties Guanxi itself defines on every node, whatever the schema. */
export const GUANXI_NODE_PROPERTIES: Readonly<Record<string, PropertySpec>> = {
  id: {
    type: "string",
    required: true,
    description: "Stable identifier, unique per label, e.g. region:tongzhou.",
  },
  pinyin: {
    type: "string[]",
    derived: true,
    description:
      "Search keys: toneless pinyin of the caption and aliases, computed at ingest (通州区 → tongzhouqu, zhouqu, qu).",
  },
};

/** Properties Guanxi derives and keeps for its own use: never read from input, never shown. */
export const DERIVED_NODE_PROPERTIES: readonly string[] = Object.entries(GUANXI_NODE_PROPERTIES)
  .filter(([, spec]) => spec.derived)
  .map(([key]) => key);

/**
 * Provenance on a relationship, as stored: `evidence[i]` is a sentence quoted verbatim from the source
 * document whose id is `articles[i]`. Several articles may support one fact; each support is kept.
 * Input may give `article` (one document for all of a record's sentences) or `articles` (one per sentence).
 */
export const PROVENANCE_PROPERTIES: Readonly<Record<string, PropertySpec>> = {
  evidence: {
    type: "string[]",
    description: "Sentences that support the fact, quoted verbatim; `articles` says where each is from.",
  },
  articles: {
    type: "string[]",
    description: "id of the source document of each evidence sentence (parallel to `evidence`).",
  },
  article: {
    type: "string",
    description: "Input only: the id of the source document of all of a record's evidence.",
  },
};

/** Caption properties tried, in order, when the schema names none for a label. */
export const CAPTION_CANDIDATES: readonly string[] = ["name", "title", "caption"];

export class GraphSchema {
  readonly document: SchemaDocument;
  private readonly nodeSpecCache = new Map<string, Record<string, PropertySpec>>();
  private readonly relSpecCache = new Map<string, Record<string, PropertySpec>>();

  constructor(document: SchemaDocument) {
    this.document = document;
  }

  get name(): string {
    return this.document.name;
  }

  get labels(): string[] {
    return Object.keys(this.document.labels);
  }

  get relationshipTypes(): string[] {
    return Object.keys(this.document.relationshipTypes);
  }

  hasLabel(label: string): boolean {
    return Object.hasOwn(this.document.labels, label);
  }

  hasRelationshipType(type: string): boolean {
    return Object.hasOwn(this.document.relationshipTypes, type);
  }

  /** The label of the source documents evidence is quoted from, if the schema has one. */
  get documentLabel(): string | undefined {
    return this.document.provenance?.documentLabel;
  }

  /** Every property a node of `label` may have: Guanxi's, the schema's common ones, the label's. */
  nodePropertySpecs(label: string): Record<string, PropertySpec> {
    let specs = this.nodeSpecCache.get(label);
    if (!specs) {
      specs = {
        ...GUANXI_NODE_PROPERTIES,
        ...this.document.nodeProperties,
        ...(this.hasLabel(label) ? this.document.labels[label]!.properties : {}),
      };
      this.nodeSpecCache.set(label, specs);
    }
    return specs;
  }

  /** For a node with several labels: the union, the first label's spec winning on a shared key. */
  nodePropertySpecsFor(labels: readonly string[]): Record<string, PropertySpec> {
    if (labels.length <= 1) return this.nodePropertySpecs(labels[0] ?? "");
    const out: Record<string, PropertySpec> = {};
    for (const label of [...labels].reverse()) Object.assign(out, this.nodePropertySpecs(label));
    return out;
  }

  /** Every property a relationship of `type` may have, provenance included (none when the rule is `none`). */
  relationshipPropertySpecs(type: string): Record<string, PropertySpec> {
    let specs = this.relSpecCache.get(type);
    if (!specs) {
      specs = {
        ...(this.provenance(type) === "none" ? {} : PROVENANCE_PROPERTIES),
        ...this.document.relationshipProperties,
        ...(this.hasRelationshipType(type) ? this.document.relationshipTypes[type]!.properties : {}),
      };
      this.relSpecCache.set(type, specs);
    }
    return specs;
  }

  provenance(type: string): ProvenanceRule {
    return (
      this.document.relationshipTypes[type]?.provenance ?? this.document.provenance?.default ?? "optional"
    );
  }

  allowedEnds(type: string): { from: readonly string[]; to: readonly string[] } {
    const spec = this.document.relationshipTypes[type];
    return { from: spec?.from ?? [], to: spec?.to ?? [] };
  }

  /** The caption property the schema names for the first of `labels` that has one. */
  captionProperty(labels: readonly string[]): string | undefined {
    for (const label of labels) {
      const caption = this.document.labels[label]?.caption;
      if (caption) return caption;
    }
    return undefined;
  }

  /**
   * The schema's label among a node's labels (the first the schema knows), else the first in alphabetical
   * order: Neo4j lists labels in token order, which differs from one database to the next.
   */
  primaryLabel(labels: readonly string[]): string | undefined {
    return labels.find((l) => this.hasLabel(l)) ?? [...labels].sort()[0];
  }
}

export const DEFAULT_SCHEMA = new GraphSchema(NEWS_SCHEMA);

/**
 * What a node is called on screen: the schema's caption property, else `name`, `title`, `caption`, else
 * the first text property in key order (never a derived one), else undefined.
 */
export function captionOf(
  properties: Readonly<Record<string, unknown>>,
  labels: readonly string[],
  schema: GraphSchema = DEFAULT_SCHEMA,
): string | undefined {
  const text = (v: unknown) => (typeof v === "string" && v.trim() !== "" ? v : undefined);
  const named = schema.captionProperty(labels);
  if (named !== undefined && text(properties[named])) return text(properties[named]);
  for (const key of CAPTION_CANDIDATES) if (text(properties[key])) return text(properties[key]);
  const keys = Object.keys(properties)
    .filter((k) => !DERIVED_NODE_PROPERTIES.includes(k) && k !== KEY_PROPERTY)
    .sort();
  for (const key of keys) if (text(properties[key])) return text(properties[key]);
  return undefined;
}
