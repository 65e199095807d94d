/**
 * Plain data as it crosses every boundary past the driver: nodes and relationships keyed by elementId,
 * integers as numbers, temporal values as ISO strings. Browser-safe (types and guards only); the driver
 * conversion is core/node/to-plain.ts.
 */
export interface PlainNode {
  elementId: string;
  labels: string[];
  properties: Record<string, PlainValue>;
}

export interface PlainRelationship {
  elementId: string;
  type: string;
  startElementId: string;
  endElementId: string;
  properties: Record<string, PlainValue>;
}

export interface PlainPath {
  nodes: PlainNode[];
  relationships: PlainRelationship[];
}

export type PlainValue =
  | null
  | boolean
  | number
  | string
  | PlainValue[]
  | PlainNode
  | PlainRelationship
  | PlainPath
  | { [key: string]: PlainValue };

export function isPlainNode(value: PlainValue): value is PlainNode {
  return (
    typeof value === "object" &&
    value !== null &&
    !Array.isArray(value) &&
    "labels" in value &&
    "elementId" in value
  );
}

export function isPlainRelationship(value: PlainValue): value is PlainRelationship {
  return typeof value === "object" && value !== null && !Array.isArray(value) && "startElementId" in value;
}

export function isPlainPath(value: PlainValue): value is PlainPath {
  return (
    typeof value === "object" &&
    value !== null &&
    !Array.isArray(value) &&
    "nodes" in value &&
    "relationships" in value &&
    Array.isArray(value.nodes)
  );
}
