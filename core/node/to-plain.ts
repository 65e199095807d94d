/**
 * Driver values → plain data (core/plain-values.ts), at the boundary, once. Nothing past this module
 * sees driver types.
 */
import neo4j, {
  isDate,
  isDateTime,
  isDuration,
  isInt,
  isLocalDateTime,
  isLocalTime,
  isNode,
  isPath,
  isPoint,
  isRelationship,
  isTime,
} from "neo4j-driver";
import type { Integer } from "neo4j-driver";

import type { PlainNode, PlainRelationship, PlainValue } from "../plain-values.ts";

/** Integers beyond 2^53 keep their digits as a string rather than silently losing precision. */
function integerToPlain(value: Integer): number | string {
  return neo4j.integer.inSafeRange(value) ? value.toNumber() : value.toString();
}

function propertiesToPlain(properties: Record<string, unknown>): Record<string, PlainValue> {
  const out: Record<string, PlainValue> = {};
  for (const [key, value] of Object.entries(properties)) out[key] = toPlain(value);
  return out;
}

function nodeToPlain(node: {
  elementId: string;
  labels: string[];
  properties: Record<string, unknown>;
}): PlainNode {
  return {
    elementId: node.elementId,
    labels: [...node.labels],
    properties: propertiesToPlain(node.properties),
  };
}

function relationshipToPlain(rel: {
  elementId: string;
  type: string;
  startNodeElementId: string;
  endNodeElementId: string;
  properties: Record<string, unknown>;
}): PlainRelationship {
  return {
    elementId: rel.elementId,
    type: rel.type,
    startElementId: rel.startNodeElementId,
    endElementId: rel.endNodeElementId,
    properties: propertiesToPlain(rel.properties),
  };
}

export function toPlain(value: unknown): PlainValue {
  if (value === null || value === undefined) return null;
  if (typeof value === "boolean" || typeof value === "number" || typeof value === "string") return value;
  if (typeof value === "bigint")
    return Number.isSafeInteger(Number(value)) ? Number(value) : value.toString();
  if (isInt(value)) return integerToPlain(value);
  if (isNode(value)) return nodeToPlain(value);
  if (isRelationship(value)) return relationshipToPlain(value);
  if (isPath(value)) {
    const nodes = [nodeToPlain(value.start)];
    const relationships: PlainRelationship[] = [];
    for (const segment of value.segments) {
      relationships.push(relationshipToPlain(segment.relationship));
      nodes.push(nodeToPlain(segment.end));
    }
    return { nodes, relationships };
  }
  if (
    isDate(value) ||
    isDateTime(value) ||
    isLocalDateTime(value) ||
    isTime(value) ||
    isLocalTime(value) ||
    isDuration(value)
  ) {
    return value.toString();
  }
  if (isPoint(value)) {
    const point: Record<string, PlainValue> = { srid: toPlain(value.srid), x: value.x, y: value.y };
    if (value.z !== undefined) point.z = value.z;
    return point;
  }
  if (Array.isArray(value)) return value.map(toPlain);
  if (value instanceof Uint8Array) return Array.from(value);
  if (typeof value === "object") return propertiesToPlain(value as Record<string, unknown>);
  return String(value);
}
