/**
 * The news model: Guanxi's built-in default schema, defined once. Organisations, regions, alliances,
 * people, events and the articles that are the provenance of every fact; 13 relationship types, each
 * quoting its evidence from an Article. The seed data set (data/seed.json) is written in it, and the
 * published data-set JSON Schema (schema/guanxi-dataset.schema.json) is generated from it.
 */
import type { SchemaDocument } from "./document.ts";

export const ORGANISATION_KINDS = [
  "union",
  "government",
  "college",
  "school",
  "training-centre",
  "company",
  "media",
  "association",
  "studio",
  "department",
  "other",
] as const;

export const REGION_LEVELS = [
  "country",
  "province",
  "municipality",
  "prefecture",
  "district",
  "county",
] as const;

export const NEWS_LABELS = ["Organisation", "Region", "Alliance", "Person", "Event", "Article"] as const;
export type NewsLabel = (typeof NEWS_LABELS)[number];

export const NEWS_RELATIONSHIP_TYPES = [
  "PART_OF",
  "LOCATED_IN",
  "MEMBER_OF",
  "SPANS",
  "DESIGNATED",
  "ESTABLISHED",
  "ORGANISED",
  "PARTICIPATED_IN",
  "COOPERATES_WITH",
  "GUIDES",
  "REPORTED",
  "REPUBLISHED_FROM",
  "MENTIONS",
] as const;
export type NewsRelationshipType = (typeof NEWS_RELATIONSHIP_TYPES)[number];

const ENTITY_LABELS: NewsLabel[] = ["Organisation", "Region", "Alliance", "Person", "Event"];

export const NEWS_SCHEMA: SchemaDocument = {
  name: "news",
  description:
    "Organisations, regions, alliances, people and events in the news, every relationship quoted from an Article.",
  nodeProperties: {
    name: { type: "string", required: true, description: "Name in the original language, e.g. 通州区." },
    nameEn: { type: "string", description: "English rendering of the name, where known." },
    aliases: { type: "string[]", description: "Other names the sources use, e.g. 市总工会 or 城市副中心." },
    description: { type: "string", description: "One-line English description." },
  },
  labels: {
    Organisation: {
      description: "A union, government body, college, company, media outlet or other organisation.",
      caption: "name",
      properties: {
        kind: {
          type: "string",
          required: true,
          enum: [...ORGANISATION_KINDS],
          description: "What sort of body it is.",
        },
        count: { type: "int", description: "For a group of unnamed units: how many there are." },
      },
    },
    Region: {
      description: "An administrative region: province, municipality, prefecture-level city, district.",
      caption: "name",
      properties: {
        level: {
          type: "string",
          required: true,
          enum: [...REGION_LEVELS],
          description: "Administrative level.",
        },
      },
    },
    Alliance: {
      description: "A standing alliance or network of organisations spanning regions.",
      caption: "name",
      properties: {
        foundedYear: {
          type: "int",
          time: "year",
          monthProperty: "foundedMonth",
          description: "Year founded (the sources often give only year and month).",
        },
        foundedMonth: { type: "int", description: "Month founded, 1–12." },
      },
    },
    Person: {
      description: "A named person, e.g. a reporter.",
      caption: "name",
      properties: {
        role: { type: "string", description: "Role in the sources, e.g. reporter or photographer." },
      },
    },
    Event: {
      description: "A meeting, ceremony, competition, campaign or activity.",
      caption: "name",
      properties: {
        kind: { type: "string", description: "e.g. ceremony, competition, campaign, activity, selection." },
        year: { type: "int", time: "year", description: "Year it took place or started." },
        date: { type: "date", description: "Exact date, when the sources give one." },
      },
    },
    Article: {
      description: "A news story; the provenance of the facts drawn from it.",
      caption: "name",
      properties: {
        title: { type: "string", required: true, description: "Headline in the original language." },
        titleEn: { type: "string", description: "Headline in English." },
        source: { type: "string", description: "Source document the story was read from (file name)." },
        section: { type: "string", description: "Column or section heading, e.g. 他山之石." },
        publishedIn: { type: "string", description: "Publication, when named." },
        text: { type: "string", description: "The story's text, page-break artefacts removed." },
      },
    },
  },
  provenance: { documentLabel: "Article", default: "required" },
  relationshipTypes: {
    PART_OF: {
      description: "Is a subdivision or sub-unit of (district of a city, union of a federation).",
      from: ["Organisation", "Region"],
      to: ["Organisation", "Region"],
      hierarchy: true,
    },
    LOCATED_IN: {
      description: "Is based in, or takes place in, a region.",
      from: ["Organisation", "Event", "Alliance"],
      to: ["Region"],
      hierarchy: true,
    },
    MEMBER_OF: {
      description: "Belongs to an alliance or organisation.",
      from: ["Organisation", "Person", "Region"],
      to: ["Alliance", "Organisation"],
      properties: { since: { type: "date", description: "When membership began." } },
    },
    SPANS: {
      description: "An alliance or programme covers a region.",
      from: ["Alliance", "Event"],
      to: ["Region"],
    },
    DESIGNATED: {
      description: "Officially designated or accredited (e.g. as a 首都工匠学院 or an innovation studio).",
      from: ["Organisation"],
      to: ["Organisation"],
      properties: {
        year: { type: "int", time: "year", description: "Year of the designation." },
        title: { type: "string", description: "The title conferred, in the original language." },
      },
    },
    ESTABLISHED: {
      description: "Set up or founded.",
      from: ["Organisation", "Region"],
      to: ["Organisation", "Alliance", "Event"],
      properties: { year: { type: "int", time: "year", description: "Year established." } },
    },
    ORGANISED: {
      description: "Organised, hosted or ran an event.",
      from: ["Organisation"],
      to: ["Event"],
    },
    PARTICIPATED_IN: {
      description: "Took part in an event.",
      from: ["Organisation", "Person", "Region", "Alliance"],
      to: ["Event"],
    },
    COOPERATES_WITH: {
      description: "Works together with (joint action, liaison).",
      from: ["Organisation"],
      to: ["Organisation"],
    },
    GUIDES: {
      description: "Leads, supervises or sets policy for.",
      from: ["Organisation"],
      to: ["Organisation", "Event", "Alliance"],
    },
    REPORTED: {
      description: "A reporter or photographer wrote or shot the story.",
      from: ["Person"],
      to: ["Article"],
      properties: { role: { type: "string", description: "reporter or photographer." } },
    },
    REPUBLISHED_FROM: {
      description: "The story was republished from a media outlet.",
      from: ["Article"],
      to: ["Organisation"],
    },
    MENTIONS: {
      description: "The article names the entity.",
      from: ["Article"],
      to: ENTITY_LABELS,
    },
  },
};
